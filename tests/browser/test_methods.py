"""The method library in a real browser: list, method page, comparison and the chooser by keyboard."""

import pytest
from playwright.sync_api import expect

from convener.authoring.importer import DEFAULT_ROOT, import_content

pytestmark = pytest.mark.django_db(transaction=True)


def pick_radio(visit, name, index):
    """As a keyboard user does: Tab into the group (to the checked radio, or the first), then arrows."""
    page = visit.page
    radios = page.locator(f"input[name='{name}']")
    checked = [i for i in range(radios.count()) if radios.nth(i).is_checked()]
    current = checked[0] if checked else 0
    visit.tab_to(f"#id_{name}_{current}")
    if index == current:
        page.keyboard.press("Space")
    for _ in range(abs(index - current)):
        page.keyboard.press("ArrowDown" if index > current else "ArrowUp")
    assert page.locator(f"#id_{name}_{index}").is_checked()


def no_sideways_scroll(page):
    """At 320 CSS pixels wide nothing but a labelled table region may scroll sideways."""
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 800})


def test_list_method_page_and_compare(visit):
    import_content(DEFAULT_ROOT)
    page = visit.goto("/methods/")
    expect(page.locator("#results-title")).to_have_text("All 12 methods")
    visit.scan()
    no_sideways_scroll(page)

    # Filter by keyboard: methods for 8 people.
    visit.type_into("#id_people", "8")
    visit.activate("button:has-text('Show matching methods')")
    expect(page.locator("#results-title")).to_have_text("8 of 12 methods match your filters")
    visit.scan()

    # Tick two methods and compare them.
    visit.tab_to("#pick-conversation-cafe")
    page.keyboard.press("Space")
    visit.tab_to("#pick-reflective-structured-dialogue")
    page.keyboard.press("Space")
    visit.activate("button:has-text('Compare the methods I ticked')")
    assert page.url.endswith("/methods/compare/?m=conversation-cafe&m=reflective-structured-dialogue")
    expect(page.locator("table.compare thead th")).to_have_text(
        ["Conversation Café", "Reflective Structured Dialogue"]
    )
    visit.scan()
    no_sideways_scroll(page)

    # Only one method: the picker explains and keeps the choice.
    visit.goto("/methods/compare/?m=fishbowl")
    expect(page.locator(".error-summary")).to_contain_text("Choose at least two methods to compare")
    expect(page.locator("input[value=fishbowl]")).to_be_checked()
    visit.scan()

    visit.goto("/methods/")
    visit.activate("main a[href='/methods/fishbowl/']")
    expect(page.locator("h1")).to_have_text("Fishbowl")
    expect(page.locator("table.steps tfoot")).to_contain_text("Total (70 minutes)")
    visit.scan()
    no_sideways_scroll(page)
    expect(page.locator("a.button[href='/plan/new/?method=fishbowl']").first).to_be_visible()


def test_the_chooser_by_keyboard(visit):
    import_content(DEFAULT_ROOT)
    page = visit.goto("/methods/choose/")
    visit.scan()
    meetings = page.locator("[data-show-when]")
    expect(meetings).to_be_hidden()

    # A first try with the number of people mistyped: a clear error, and every answer kept.
    pick_radio(visit, "purpose", 2)  # Weigh the choices on a public decision or policy
    visit.type_into("#id_people", "thirty")
    visit.type_into("#id_hours", "2.5")
    visit.activate("button:has-text('Show methods that fit')")
    expect(page.locator(".error-summary")).to_contain_text(
        "Enter the number of people as a whole number, like 30."
    )
    expect(page.locator("#id_people")).to_have_value("thirty")
    expect(page.locator("#id_purpose_2")).to_be_checked()
    expect(page.locator("#id_hours")).to_have_value("2.5")
    visit.scan()

    visit.tab_to("#id_people")
    page.keyboard.press("Control+A")
    page.keyboard.type("30")
    pick_radio(visit, "time", 1)
    expect(meetings).to_be_visible()
    pick_radio(visit, "time", 0)
    expect(meetings).to_be_hidden()
    pick_radio(visit, "divided", 1)  # Somewhat
    pick_radio(visit, "preparation", 1)  # Medium
    visit.activate("button:has-text('Show methods that fit')")

    assert "purpose=decision_making" in page.url and "people=30" in page.url
    first = page.locator(".ranked > li").first
    expect(first.locator("h3 a")).to_have_text("National Issues Forums")
    expect(first).to_contain_text("Made for your purpose: decision making.")
    expect(first.locator("a[href='/plan/new/?method=national-issues-forums']")).to_be_visible()
    expect(page.locator(".excluded")).to_contain_text("Needs at least 100 people; you expect 30.")
    visit.scan()
    no_sideways_scroll(page)

    # The address is the answers: opening it again gives the same ranking.
    visit.goto(page.url.removeprefix(visit.base_url))
    expect(page.locator(".ranked > li h3 a").first).to_have_text("National Issues Forums")

    # Nothing fits: it says so and shows the closest.
    visit.goto(
        "/methods/choose/?purpose=exploration&people=5000&time=single&hours=2&divided=little"
        "&setting=in_person&outcome=none&preparation=low"
    )
    expect(page.locator("#results-title")).to_have_text("No method fits all your limits")
    expect(page.locator(".ranked > li")).to_have_count(3)
    visit.scan()
