"""The planner in a real browser: keyboard paths, and an axe-core scan of every page."""

import pytest
from playwright.sync_api import expect

from convener.conversations import actions
from convener.conversations.models import AgendaItem, Conversation
from convener.conversations.tests.base import make_method
from convener.test import PASSWORD, make_person

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_by_keyboard(visit, email):
    visit.goto("/account/sign-in/")
    visit.type_into("#id_username", email)
    visit.type_into("#id_password", PASSWORD)
    visit.activate("main button[type=submit]")


def titles(conversation):
    return list(conversation.agenda_items.values_list("title", flat=True))


def test_plan_from_a_method_and_edit_the_agenda_by_keyboard(visit):
    make_method()
    make_person("kay@example.org", "Kay Keys")
    sign_in_by_keyboard(visit, "kay@example.org")
    page = visit.page

    visit.activate("a[href='/plan/']")
    visit.scan()
    visit.activate("a[href='/plan/new/']")
    visit.scan()

    # The method library links here with the method chosen.
    visit.goto("/plan/new/?method=table-talk")
    expect(page.locator("#id_method-method")).to_have_value("table-talk")
    visit.type_into("#id_method-title", "Our Main Street")
    visit.activate("button:has-text('Start from this method')")
    conversation = Conversation.objects.get()
    assert page.url.endswith(f"/plan/{conversation.pk}/")
    expect(page.locator("main [role=status], .messages")).to_contain_text("Its steps are your agenda")
    visit.scan()

    visit.activate(f"a[href='/plan/{conversation.pk}/agenda/']")
    visit.scan()
    welcome = conversation.agenda_items.get(title="Welcome")
    visit.activate(f"#block-{welcome.pk} button:has-text('Move down')")
    assert titles(conversation) == ["Round 1", "Welcome", "Harvest", "Close"]
    expect(page.locator(".messages")).to_have_text("“Welcome” moved down.")
    assert page.url.endswith(f"#block-{welcome.pk}")

    # Durations: type a new number and set it; the agenda now runs over the time available.
    visit.tab_to(f"#minutes-{welcome.pk}")
    page.keyboard.press("Control+a")
    page.keyboard.type("25")
    visit.activate(f"#block-{welcome.pk} button:has-text('Set')")
    assert AgendaItem.objects.get(pk=welcome.pk).minutes == 25
    expect(page.locator("#over-time")).to_contain_text("It runs 15 minutes past the 60 minutes available.")
    visit.scan()

    close = conversation.agenda_items.get(title="Close")
    visit.activate(f"#block-{close.pk} button:has-text('Remove')")
    assert titles(conversation) == ["Round 1", "Welcome", "Harvest"]

    visit.type_into("#id_title", "Evaluation")
    visit.tab_to("#id_minutes")
    page.keyboard.press("Control+a")
    page.keyboard.type("5")
    visit.activate("button:has-text('Add to the agenda')")
    assert titles(conversation) == ["Round 1", "Welcome", "Harvest", "Evaluation"]
    visit.scan()


def test_every_planner_page_passes_axe(visit):
    owner = make_person("owner@example.org", "Olive Owner")
    make_person("co@example.org", "Cody Cohost")
    admin = make_person("admin@example.org", "Ada Admin", is_staff=True, is_superuser=True)
    conversation = actions.create_from_method(owner, make_method(), "Our Main Street")
    actions.add_co_facilitator(conversation, admin)
    note, _ = actions.save_note(
        conversation, owner, "3f2c1a8e-5b7d-4c0e-9a61-2d4b8f7e1c90", text="Parking", table="2"
    )
    conversation.themes.create(name="Parking", description="Not enough near the shops")
    conversation.decisions.create(text="Meet again in the fall")
    item = conversation.action_items.create(what="Ask for parking data", who="Sam")
    token = actions.create_share_link(conversation)
    sign_in_by_keyboard(visit, "owner@example.org")
    base = f"/plan/{conversation.pk}/"
    block = conversation.agenda_items.first()
    pages = [
        "/plan/",
        "/plan/new/",
        "/plan/new/?method=table-talk",
        base,
        base + "edit/",
        base + "agenda/",
        base + f"agenda/{block.pk}/",
        base + "run-sheet/",
        base + "handout/",
        base + "team/",
        base + "notes/",
        base + f"notes/{note.pk}/",
        base + "harvest/",
        base + "actions/",
        base + f"actions/{item.pk}/",
        base + "held/",
        base + "follow-up/",
        base + "delete/",
    ]
    for path in pages:
        page = visit.goto(path)
        assert page.url.endswith(path), f"{path} went to {page.url}"
        visit.scan()

    # Pages with form errors.
    page = visit.goto("/plan/new/")
    visit.activate("button:has-text('Start an empty plan')")
    expect(page.locator(".error-summary")).to_be_visible()
    visit.scan()
    page = visit.goto(base + "edit/")
    page.fill("#id_title", "")
    page.fill("#id_date", "2025-06-12")
    with page.expect_navigation():
        page.click("button:has-text('Save the plan')")
    expect(page.locator(".error-summary")).to_contain_text("Add a start time")
    visit.scan()
    page = visit.goto(base + "held/")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()
    visit.scan()

    # The read-only link, for someone without an account.
    visit.page.context.clear_cookies()
    for path in (f"/plan/shared/{token}/", f"/plan/shared/{token}/handout/"):
        visit.goto(path)
        visit.scan()

    # An administrator's audited look at the notes.
    sign_in_by_keyboard(visit, "admin@example.org")
    visit.goto("/plan/staff/")
    visit.scan()
    page = visit.goto(f"/plan/staff/{conversation.pk}/notes/")
    visit.scan()
    visit.type_into("#id_reason", "Checking a complaint")
    visit.activate("button:has-text('Record my reason')")
    expect(page.locator("main")).to_contain_text("Parking")
    visit.scan()


def test_the_plan_details_save_by_keyboard_and_the_date_drives_the_times(visit):
    owner = make_person("owner@example.org", "Olive Owner")
    conversation = actions.create_from_method(owner, make_method(), "Our Main Street")
    sign_in_by_keyboard(visit, "owner@example.org")
    page = visit.goto(f"/plan/{conversation.pk}/edit/")
    page.fill("#id_date", "2025-06-12")
    page.fill("#id_start_time", "18:00")
    page.select_option("#id_time_zone", "America/Chicago")
    visit.tab_to("#id_access_needs_0")
    page.keyboard.press("Space")
    visit.type_into("#id_role_facilitator", "Sam")
    visit.activate("button:has-text('Save the plan')")
    conversation.refresh_from_db()
    assert conversation.access_needs == ["captions"]
    assert conversation.roles == {"facilitator": "Sam"}
    assert conversation.local_start.hour == 18
    expect(page.locator("main")).to_contain_text("Thursday, June 12, 2025, 6:00 PM (America/Chicago)")
    expect(page.locator(".agenda-table")).to_contain_text("6:10 PM")
    visit.scan()


@pytest.mark.parametrize("path", ["", "agenda/", "edit/", "actions/", "follow-up/"])
def test_planner_pages_reflow_at_320_pixels(visit, path):
    owner = make_person("owner@example.org", "Olive Owner")
    conversation = actions.create_from_method(owner, make_method(), "Our Main Street")
    conversation.action_items.create(what="Ask the council for parking data", who="Sam")
    sign_in_by_keyboard(visit, "owner@example.org")
    visit.page.set_viewport_size({"width": 320, "height": 640})
    page = visit.goto(f"/plan/{conversation.pk}/{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
