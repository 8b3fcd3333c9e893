"""Module 1 of the bundled course, completed by keyboard, with an axe scan of each page."""

from collections import deque

import pytest
from playwright.sync_api import expect

from convener.authoring.importer import DEFAULT_ROOT, import_content
from convener.courses.models import Lesson, ModuleCompletion
from convener.test import make_person

from .test_course import choose_radio, press_space_on, sign_in_by_keyboard

pytestmark = pytest.mark.django_db(transaction=True)


def path_to_end(lesson):
    """The shortest list of (step, choice index) from the start to 'end'."""
    steps = {step["id"]: step for step in lesson.data["scenario"]["steps"]}
    queue = deque([(lesson.data["scenario"]["start"], [])])
    seen = set()
    while queue:
        step_id, path = queue.popleft()
        for index, choice in enumerate(steps[step_id]["choices"]):
            if choice["next"] == "end":
                return [*path, (step_id, index)]
            if choice["next"] not in seen:
                seen.add(choice["next"])
                queue.append((choice["next"], [*path, (step_id, index)]))
    raise AssertionError("no way to the end")


def test_module_one_by_keyboard(visit):
    import_content(DEFAULT_ROOT)
    make_person("mod1@example.org", "Module One")
    sign_in_by_keyboard(visit, "mod1@example.org")
    page = visit.page
    lessons = list(Lesson.objects.filter(module__slug="getting-started").order_by("position"))
    visit.goto("/learn/leading-conversations/")
    visit.scan()
    visit.activate("a.button")
    for number, lesson in enumerate(lessons, 1):
        assert page.url.endswith(lesson.get_absolute_url()), page.url
        visit.scan()
        if lesson.kind == "reading":
            visit.activate("button:has-text('Mark as complete')")
            continue
        if lesson.kind == "scenario":
            for step_id, index in path_to_end(lesson):
                choice = lesson.scenario_step(step_id)["choices"][index]
                visit.activate(f"a[href='?step={step_id}&chose={index}#outcome']")
                assert choice["consequence"][:40] in page.locator("main").inner_text()
                if choice["next"] != "end":
                    visit.activate(f"a[href='?step={choice['next']}']")
            visit.scan()
            visit.activate("button:has-text('Finish the scenario')")
        elif lesson.kind == "activity":
            visit.type_into("#id_text", "We host a seed swap, a quilting circle and the county fair board.")
            visit.tab_to("button:has-text('Save my answer')")
            page.keyboard.press("Enter")
            expect(page.locator("body > [role=status]")).to_have_text("Your answer is saved.")
        elif lesson.kind == "worksheet":
            for field in lesson.fields:
                if field["kind"] in {"short", "long"}:
                    visit.type_into(f"#id_{field['id']}", "A talk about the new road")
                elif field["kind"] == "choice":
                    choose_radio(visit, field["id"], 0)
                else:
                    press_space_on(visit, f"#id_{field['id']}_0")
            visit.tab_to("button:has-text('Save to my plan')")
            page.keyboard.press("Enter")
            expect(page.locator("body > [role=status]")).to_contain_text("Saved")
        elif lesson.kind == "check":
            for question in lesson.questions:
                right = [i for i, option in enumerate(question["options"]) if option.get("correct")]
                if question["kind"] == "multiple":
                    for index in right:
                        press_space_on(visit, f"#id_{question['id']}_{index}")
                else:
                    choose_radio(visit, question["id"], right[0])
            visit.tab_to("button:has-text('Check my answers')")
            page.keyboard.press("Enter")
            page.locator("#result.passed").wait_for()
        visit.scan()
        if number < len(lessons):
            visit.activate("a[rel=next]")
    assert ModuleCompletion.objects.filter(module__slug="getting-started").count() == 1
    visit.goto("/learn/leading-conversations/my-plan/")
    assert "A talk about the new road" in page.locator("main").inner_text()
    visit.scan()
    visit.goto("/guide/")
    visit.scan()
    visit.goto("/guide/accessibility-checklist/")
    visit.scan()
