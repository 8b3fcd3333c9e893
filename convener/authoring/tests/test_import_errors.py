"""Every kind of mistake in content files is reported with file, line and field, and nothing is applied."""

import shutil

import pytest

from convener.authoring.importer import ContentError, import_content
from convener.courses.models import Course, Lesson
from convener.test import SAMPLE_CONTENT

pytestmark = pytest.mark.django_db

COURSE = "courses/sample-course"


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    return root


def edit(root, relative, old, new):
    path = root / COURSE / relative
    text = path.read_text()
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1))


def problems(root):
    with pytest.raises(ContentError) as caught:
        import_content(root)
    return [str(p) for p in caught.value.problems]


def test_an_unknown_lesson_type_names_file_line_and_choices(content):
    edit(content, "02-practice/02-quick-check.md", "type: check", "type: quizz")
    [problem] = problems(content)
    assert problem.endswith(
        "02-practice/02-quick-check.md:3: unknown type 'quizz' — expected one of: "
        "reading, video, activity, scenario, check, worksheet"
    )


def test_every_problem_is_reported_at_once(content):
    edit(content, "02-practice/02-quick-check.md", "minutes: 5", "minutes: five")
    edit(content, "01-first-steps/01-welcome.md", "title: Welcome to the circle\n", "")
    edit(content, "01-first-steps/module.yaml", "objectives:", "objectivez:")
    found = problems(content)
    assert any("02-quick-check.md:4: 'minutes' must be a whole number, not 'five'" in p for p in found)
    assert any("01-welcome.md:2: 'title' is missing" in p for p in found)
    assert any("module.yaml:3: unknown field 'objectivez'" in p for p in found)
    assert any("module.yaml:1: 'objectives' is missing" in p for p in found)


def test_broken_yaml_points_at_the_line(content):
    edit(content, "02-practice/03-start-your-plan.md", "    help: One line is enough.", "    help: [unclosed")
    [problem] = problems(content)
    assert "03-start-your-plan.md:" in problem and "not valid YAML" in problem


def test_missing_front_matter(content):
    path = content / COURSE / "01-first-steps/04-optional-extra.md"
    path.write_text("Just text, no front matter.\n")
    [problem] = problems(content)
    assert problem.endswith(
        "04-optional-extra.md:1: must start with a '---' line, then the front matter, then '---'"
    )


def test_image_without_alt_text(content):
    edit(content, "01-first-steps/01-welcome.md", "![Eight chairs in a circle around a low table]", "![]")
    [problem] = problems(content)
    assert problem.endswith("01-welcome.md:14: image 'images/circle.svg' needs alternative text")


def test_missing_image_file(content):
    (content / COURSE / "01-first-steps/images/circle.svg").unlink()
    [problem] = problems(content)
    assert "image file 'images/circle.svg' does not exist" in problem


def test_video_needs_webvtt_captions_and_a_transcript(content):
    (content / COURSE / "01-first-steps/media/listening.en.vtt").write_text("1\n00:00 --> 00:01\nHello\n")
    edit(content, "01-first-steps/02-a-short-film.md", "  transcript: media/listening.md\n", "")
    found = problems(content)
    assert any("02-a-short-film.md:7: 'media/listening.en.vtt' is not WebVTT" in p for p in found)
    assert any("02-a-short-film.md:6: 'video.transcript' is missing" in p for p in found)


def test_a_scenario_step_that_does_not_exist(content):
    edit(content, "02-practice/01-the-loud-voice.md", "next: second", "next: secnd")
    [problem] = problems(content)
    assert problem.endswith(
        "01-the-loud-voice.md:14: next step 'secnd' does not exist — expected 'end' or one of: first, second"
    )


def test_a_scenario_that_never_ends(content):
    edit(content, "02-practice/01-the-loud-voice.md", "next: end", "next: first")
    assert any("can never be finished" in p for p in problems(content))


def test_a_single_choice_question_needs_exactly_one_right_answer(content):
    edit(
        content,
        "02-practice/02-quick-check.md",
        "      - text: Be the expert.\n",
        "      - text: Be the expert.\n        correct: true\n",
    )
    [problem] = problems(content)
    assert (
        "02-quick-check.md:10: a single question needs exactly one option marked 'correct: true'" in problem
    )


def test_truefalse_options_are_true_then_false(content):
    edit(content, "02-practice/02-quick-check.md", '- text: "True"', "- text: Yes")
    assert any("exactly two options: 'True' then 'False'" in p for p in problems(content))


def test_every_option_needs_feedback(content):
    edit(content, "02-practice/02-quick-check.md", "        feedback: No.\n", "")
    [problem] = problems(content)
    assert "'questions[2].options[3].feedback' is missing" in problem


def test_a_choice_field_needs_choices(content):
    edit(
        content, "02-practice/03-start-your-plan.md", "    choices: [Explore an issue, Make a decision]\n", ""
    )
    [problem] = problems(content)
    assert "'fields[2].choices' is missing" in problem


def test_an_unknown_plan_key(content):
    edit(content, "02-practice/03-start-your-plan.md", "plan_key: topic", "plan_key: subject")
    [problem] = problems(content)
    assert "unknown fields[1].plan_key 'subject'" in problem


def test_a_badly_named_lesson_file(content):
    (content / COURSE / "02-practice/02-quick-check.md").rename(
        content / COURSE / "02-practice/Quick Check.md"
    )
    [problem] = problems(content)
    assert "Quick Check.md: name must be a number, a hyphen and a slug" in problem


def test_a_slug_used_twice(content):
    shutil.copy(
        content / COURSE / "02-practice/02-quick-check.md", content / COURSE / "02-practice/09-quick-check.md"
    )
    assert any("slug 'quick-check' is used twice" in p for p in problems(content))


def test_raw_html_is_refused(content):
    edit(
        content,
        "01-first-steps/04-optional-extra.md",
        "This lesson is optional.",
        "<b>This</b> lesson is optional.",
    )
    assert any("raw HTML is not allowed" in p for p in problems(content))


def test_a_missing_course_file(content):
    (content / COURSE / "course.yaml").unlink()
    [problem] = problems(content)
    assert problem.endswith("sample-course: course.yaml is missing")


def test_text_that_is_not_utf8(content):
    (content / COURSE / "02-practice/02-quick-check.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    [problem] = problems(content)
    assert "not UTF-8 text" in problem


def test_nothing_is_applied_when_anything_is_wrong(content):
    import_content(content)
    before = list(Lesson.objects.values_list("slug", "title", "minutes"))
    edit(content, "01-first-steps/01-welcome.md", "title: Welcome to the circle", "title: A new title")
    edit(content, "02-practice/02-quick-check.md", "pass_mark: 60", "pass_mark: 600")
    problems(content)
    assert list(Lesson.objects.values_list("slug", "title", "minutes")) == before
    assert Course.objects.count() == 1


def test_control_characters_are_refused(content):
    edit(content, "01-first-steps/01-welcome.md", "A circle lets", "A circle\x00 lets")
    [problem] = problems(content)
    assert problem.endswith("01-welcome.md:8: contains a control character (U+0000); remove it")
