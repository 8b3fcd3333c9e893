"""Every page, scanned with axe-core in Chromium; layout holds at 320 px and in print."""

import pytest

from convener.test import PASSWORD, make_person

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/learn/",
    "/recordings/",
    "/methods/",
    "/plan/",
    "/privacy/",
    "/accessibility/",
    "/account/sign-in/",
    "/account/sign-up/",
    "/account/password/reset/",
    "/account/password/reset/sent/",
    "/account/password/reset/MQ/expired-token/",
    "/no-such-page/",
]
SIGNED_IN_PAGES = ["/", "/account/profile/", "/account/password/", "/account/my-data/"]


def sign_in(visit, email):
    page = visit.goto("/account/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Welcome back" in page.locator("main").inner_text()


def test_public_pages_have_no_accessibility_violations(visit):
    for path in PUBLIC_PAGES:
        visit.goto(path)
        visit.scan()
    assert len(visit.scanned) == len(PUBLIC_PAGES)


def test_signed_in_pages_have_no_accessibility_violations(visit):
    make_person("ada@example.org", "Ada Administrator", is_staff=True, is_superuser=True)
    sign_in(visit, "ada@example.org")
    for path in SIGNED_IN_PAGES:
        page = visit.goto(path)
        assert page.url.endswith(path), f"{path} sent a signed-in person to {page.url}"
        visit.scan()
    # The account menu, opened.
    visit.goto("/")
    visit.page.click(".menu summary")
    visit.scan()


def test_form_errors_have_no_accessibility_violations(visit):
    page = visit.goto("/account/sign-in/")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    # The summary takes focus so a screen reader announces it first.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    visit.scan()


@pytest.mark.parametrize("path", ["/", "/account/sign-up/", "/privacy/"])
def test_pages_reflow_at_320_pixels(visit, path):
    visit.page.set_viewport_size({"width": 320, "height": 640})
    page = visit.goto(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_skip_link_is_first_and_moves_focus_to_main(visit):
    page = visit.goto("/privacy/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible(visit):
    page = visit.goto("/")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    make_person("nojs@example.org", "No Script")
    page.goto(live_server.url + "/account/sign-in/")
    page.fill("#id_username", "nojs@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    assert "Welcome back, No Script" in page.locator("main").inner_text()
    page.click(".menu summary")
    page.click(".menu a[href='/account/profile/']")
    assert page.url.endswith("/account/profile/")
    context.close()
