"""A person signs up, signs in, edits their profile, exports and deletes — keyboard only."""

import json
from pathlib import Path

import pytest

from convener.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "keyboard.kim@example.org"
PASSWORD = "only the keyboard 2026"


def test_account_life_cycle_by_keyboard(visit):
    page = visit.goto("/")
    visit.scan()

    visit.activate("a[href='/account/sign-up/']")
    assert page.url.endswith("/account/sign-up/")
    visit.scan()
    visit.type_into("#id_email", EMAIL)
    visit.type_into("#id_display_name", "Kim Keys")
    visit.tab_to("#id_library_type")
    page.keyboard.press("ArrowDown")  # a native select changes with the arrow keys
    visit.type_into("#id_password1", PASSWORD)
    visit.type_into("#id_password2", PASSWORD + " typo")
    visit.activate("main button[type=submit]")

    # A mistake: the summary names it, the field is marked, what was typed is kept.
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_email").input_value() == EMAIL
    assert page.locator("#id_password2").get_attribute("aria-invalid") == "true"
    visit.scan()
    visit.type_into("#id_password1", PASSWORD)
    visit.type_into("#id_password2", PASSWORD)
    visit.activate("main button[type=submit]")
    assert page.locator(".messages").inner_text().startswith("Welcome, Kim Keys")
    visit.scan()

    # Sign out through the account menu, then sign in again.
    visit.tab_to(".menu summary")
    page.keyboard.press("Enter")
    visit.activate(".menu button[type=submit]")
    assert "You are signed out" in page.locator(".messages").inner_text()
    visit.activate("a[href='/account/sign-in/']")
    visit.scan()
    visit.type_into("#id_username", EMAIL)
    visit.type_into("#id_password", PASSWORD)
    visit.activate("main button[type=submit]")
    assert "Welcome back, Kim Keys" in page.locator("main").inner_text()

    # Edit the profile.
    visit.tab_to(".menu summary")
    page.keyboard.press("Enter")
    visit.activate(".menu a[href='/account/profile/']")
    visit.scan()
    visit.type_into("#id_library_name", "Prairie Branch Library")
    visit.activate("main button[type=submit]")
    assert "Your profile is saved" in page.locator(".messages").inner_text()
    assert User.objects.get(email=EMAIL).library_name == "Prairie Branch Library"

    # Download my data.
    page.goto(visit.base_url + "/account/my-data/")
    visit.scan()
    visit.tab_to("form[action='/account/my-data/export/'] button")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    exported = json.loads(Path(download_info.value.path()).read_text())
    assert exported["profile"]["library_name"] == "Prairie Branch Library"

    # Delete the account: a wrong password first, then the right one.
    visit.type_into("#id_password", "not it")
    visit.activate("form[action='/account/my-data/delete/'] button")
    assert "Nothing has been deleted" in page.locator(".error-summary").inner_text()
    visit.scan()
    visit.type_into("#id_password", PASSWORD)
    visit.activate("form[action='/account/my-data/delete/'] button")
    assert "are deleted" in page.locator(".messages").inner_text()
    assert not User.objects.filter(email=EMAIL).exists()
    visit.scan()
