"""The self-assessment taken with the keyboard only, with and without JavaScript; axe scans every page."""

import re

import pytest
from playwright.sync_api import expect

from convener.assessment.models import Attempt
from convener.assessment.tests.base import answers_where, import_bundled
from convener.assessment.views import question_url
from convener.test import make_person

from .test_course import sign_in_by_keyboard

pytestmark = pytest.mark.django_db(transaction=True)
LIVE = "[data-assessment-live]"


def choose_by_keyboard(visit, slug, index):
    """Tab into the radio group (nothing chosen yet: its first radio), then Space or the arrow keys."""
    page = visit.page
    visit.tab_to(f"#id_{slug}_0")
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#id_{slug}_{index}")).to_be_checked()


def press_next(visit, number, total):
    """Next question, in place: the new question has focus and its number is announced."""
    page = visit.page
    visit.tab_to("button:has-text('Next question')")
    page.keyboard.press("Enter")
    expect(page.locator(LIVE)).to_have_text(f"Question {number} of {total}")
    expect(page.locator("[data-assessment-count]")).to_have_text(f"Question {number} of {total}")
    assert f"/skills/questions/{number}/" in page.url
    assert page.evaluate("document.activeElement.tagName") == "H1"


def test_take_the_self_assessment_by_keyboard(visit):
    definition = import_bundled()
    items = definition.items
    total = len(items)
    answers = answers_where(definition, {"listening-and-questions", "online-and-phone"}, low_value=1)
    page = visit.goto("/skills/")
    visit.scan()
    visit.activate("a:has-text('Start the self-assessment')")
    assert page.url.endswith("/skills/questions/1/")
    visit.scan()

    for item in items:
        if item.number == 2:
            # Moving on without an answer: the error is announced and has focus.
            visit.tab_to("button:has-text('Next question')")
            page.keyboard.press("Enter")
            expect(page.locator(".error-summary")).to_be_focused()
            expect(page.locator(LIVE)).to_contain_text("There is a problem")
            visit.scan()
        if item.number == 4:
            # Back one question and forward again: the earlier answer is still chosen.
            visit.tab_to("a:has-text('Previous question')")
            page.keyboard.press("Enter")
            expect(page.locator(LIVE)).to_have_text(f"Question 3 of {total}")
            expect(page.locator(f"#id_{items[2].slug}_{answers[items[2].slug]}")).to_be_checked()
            press_next(visit, 4, total)
        choose_by_keyboard(visit, item.slug, answers[item.slug])
        if item.number < total:
            press_next(visit, item.number + 1, total)
            visit.scan()
    # The browser's Back button goes to the question before, in place too.
    page.go_back()
    expect(page.locator(LIVE)).to_have_text(f"Question {total - 1} of {total}")
    expect(page.locator(f"#id_{items[-2].slug}_{answers[items[-2].slug]}")).to_be_checked()
    press_next(visit, total, total)
    choose_by_keyboard(visit, items[-1].slug, answers[items[-1].slug])
    visit.activate("button:has-text('See my results')")

    assert "/skills/result/?" in page.url
    expect(page.locator("h1")).to_have_text("Your skills profile")
    chart = page.locator("svg[role=img]")
    expect(chart).to_have_accessible_name("Your score per skill")
    expect(chart).to_have_accessible_description(
        re.compile(r"Listening and questions, 33% \(work on this first\)")
    )
    expect(page.locator("table.scores tbody tr")).to_have_count(8)
    visit.scan()

    # Choose a kind of library for the recordings, by keyboard.
    visit.tab_to("#id_track")
    page.keyboard.type("Academic")
    expect(page.locator("#id_track")).to_have_value("academic")
    visit.activate("button:has-text('Show recordings')")
    assert "track=academic" in page.url
    assert "Made for your kind of library: Academic." in page.locator("main").inner_text()
    visit.scan()
    assert not Attempt.objects.exists()


def test_signed_in_results_are_kept_and_compared(visit):
    definition = import_bundled()
    make_person("sam@example.org", "Sam Skills", library_type="large_urban")
    sign_in_by_keyboard(visit, "sam@example.org")
    page = visit.page
    last = definition.items[-1]
    first_try = answers_where(definition, {"closing-and-action", last.skill})
    earlier = {slug: value for slug, value in first_try.items() if slug != last.slug}

    visit.goto(question_url(last.number, earlier))
    visit.scan()
    choose_by_keyboard(visit, last.slug, first_try[last.slug])
    visit.activate("button:has-text('See my results')")
    attempt = Attempt.objects.get()
    assert page.url.endswith(attempt.get_absolute_url())
    expect(page.locator(".messages")).to_contain_text("Your result is saved in My results.")
    assert "Made for your kind of library: Public — large or urban." in page.locator("main").inner_text()
    visit.scan()

    second_try = dict(first_try, **{"fair-summary": 3})
    visit.goto(question_url(last.number, {k: v for k, v in second_try.items() if k != last.slug}))
    choose_by_keyboard(visit, last.slug, second_try[last.slug])
    visit.activate("button:has-text('See my results')")
    assert Attempt.objects.count() == 2
    expect(page.locator("table.scores")).to_contain_text("up 50 points")
    visit.scan()

    visit.goto("/skills/mine/")
    expect(page.locator("main table tbody tr")).to_have_count(2)
    visit.scan()


def test_the_self_assessment_works_without_javascript(browser, live_server):
    definition = import_bundled()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    answers = answers_where(definition, {"choosing-a-method"})
    page.goto(live_server.url + "/skills/questions/1/")
    for item in definition.items:
        assert f"Question {item.number} of {len(definition.items)}" in page.locator("main").inner_text()
        page.check(f"#id_{item.slug}_{answers[item.slug]}")
        with page.expect_navigation():
            page.click("main button[type=submit]")
    assert "/skills/result/?" in page.url
    assert "Because you scored" in page.locator("main").inner_text()
    context.close()
