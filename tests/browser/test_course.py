"""A learner completes the sample course with the keyboard only; every page type passes axe."""

import pytest
from playwright.sync_api import expect

from convener.courses.models import CourseCompletion, WorksheetAnswer
from convener.test import PASSWORD, import_sample, make_person

pytestmark = pytest.mark.django_db(transaction=True)
BASE = "/learn/sample-course"


def sign_in_by_keyboard(visit, email):
    visit.goto("/account/sign-in/")
    visit.type_into("#id_username", email)
    visit.type_into("#id_password", PASSWORD)
    visit.activate("main button[type=submit]")


def press_space_on(visit, selector):
    visit.tab_to(selector)
    visit.page.keyboard.press("Space")


def choose_radio(visit, name, index):
    """As a keyboard user does: Tab into the group (to the checked radio, or the first), then arrows."""
    page = visit.page
    checked = page.locator(f"input[name='{name}']:checked")
    current = int(checked.get_attribute("value")) if checked.count() else 0
    visit.tab_to(f"#id_{name}_{current}")
    if index == current:
        page.keyboard.press("Space")
    for _ in range(abs(index - current)):
        page.keyboard.press("ArrowDown" if index > current else "ArrowUp")
    assert page.locator(f"#id_{name}_{index}").is_checked()


def test_complete_the_sample_course_by_keyboard(visit):
    import_sample()
    make_person("kay@example.org", "Kay Keys")
    sign_in_by_keyboard(visit, "kay@example.org")
    page = visit.page

    visit.activate("a[href='/learn/']")
    visit.scan()
    visit.activate(f"a[href='{BASE}/']")
    visit.scan()
    visit.activate("a.button")  # Start the course
    assert page.url.endswith(f"{BASE}/first-steps/welcome/")
    visit.scan()

    # Reading and video: mark complete moves on.
    visit.activate("form button[type=submit]:has-text('Mark as complete')")
    assert page.url.endswith("/a-short-film/")
    visit.scan()
    visit.activate("form button[type=submit]:has-text('Mark as complete')")

    # Activity: write an answer.
    assert page.url.endswith("/your-library/")
    visit.type_into("#id_text", "A seed swap and a book club.")
    visit.tab_to("button:has-text('Save my answer')")
    page.keyboard.press("Enter")
    expect(page.locator("body > [role=status]")).to_have_text("Your answer is saved.")
    expect(page.locator("#id_text")).to_have_value("A seed swap and a book club.")
    visit.scan()

    # Scenario: a weak choice loops back, then the path to the end.
    visit.goto(f"{BASE}/practice/the-loud-voice/")
    visit.scan()
    visit.activate("a:has-text('Wait for him to stop')")
    assert "Waiting rarely works" in page.locator("main").inner_text()
    visit.scan()
    visit.activate("a:has-text('Try this moment again')")
    visit.activate("a:has-text('Invite someone who has not spoken')")
    visit.activate("a:has-text('Continue')")
    visit.activate("a:has-text('Let the silence last a moment')")
    visit.activate("button:has-text('Finish the scenario')")
    assert "Scenario finished" in page.locator(".messages").inner_text()

    # Check: one wrong try, then a pass; results are announced in place.
    visit.goto(f"{BASE}/practice/quick-check/")
    visit.scan()
    choose_radio(visit, "main-job", 1)
    press_space_on(visit, "#id_good-habits_0")
    choose_radio(visit, "silence", 1)
    visit.tab_to("button:has-text('Check my answers')")
    page.keyboard.press("Enter")
    page.locator("#result").wait_for()
    assert page.evaluate("document.activeElement.id") == "result"
    assert "Your score: 33%" in page.locator("[role=status]").last.inner_text()
    visit.scan()
    choose_radio(visit, "main-job", 0)
    press_space_on(visit, "#id_good-habits_1")
    visit.tab_to("button:has-text('Check my answers')")
    page.keyboard.press("Enter")
    page.locator("#result.passed").wait_for()
    visit.scan()

    # Worksheet, then the plan.
    visit.goto(f"{BASE}/practice/start-your-plan/")
    visit.type_into("#id_topic", "The new road")
    choose_radio(visit, "goal", 1)
    press_space_on(visit, "#id_needs_0")
    visit.tab_to("button:has-text('Save to my plan')")
    page.keyboard.press("Enter")
    expect(page.locator("body > [role=status]")).to_have_text("Saved. Your conversation plan is up to date.")
    visit.scan()
    assert WorksheetAnswer.objects.get().answers["topic"] == "The new road"

    visit.goto(f"{BASE}/my-plan/")
    assert "The new road" in page.locator("main").inner_text()
    visit.scan()

    visit.goto(f"{BASE}/")
    assert "You completed this course on" in page.locator("main").inner_text()
    assert CourseCompletion.objects.count() == 1
    visit.scan()
    visit.goto("/learn/mine/")
    visit.scan()
    visit.goto("/search/?q=circle")
    assert page.locator(".results li").count() >= 1
    visit.scan()


def test_lesson_forms_work_without_javascript(browser, live_server):
    import_sample()
    make_person("nojs@example.org", "No Script")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/account/sign-in/")
    page.fill("#id_username", "nojs@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(live_server.url + f"{BASE}/practice/quick-check/")
    page.check("#id_main-job_0")
    page.check("#id_good-habits_0")
    page.check("#id_good-habits_1")
    page.check("#id_silence_1")
    page.click("button:has-text('Check my answers')")
    assert "Your score: 100%" in page.locator("main").inner_text()
    assert "?attempt=" in page.url
    context.close()


def test_check_errors_are_announced_and_accessible(visit):
    import_sample()
    make_person("err@example.org", "Err")
    sign_in_by_keyboard(visit, "err@example.org")
    page = visit.goto(f"{BASE}/practice/quick-check/")
    page.click("button:has-text('Check my answers')")
    page.locator(".error-summary").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    visit.scan()
