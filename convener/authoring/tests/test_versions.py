"""Publishing a new version of the files never loses learners' progress."""

import shutil

import pytest

from convener.authoring.importer import import_content
from convener.courses import actions
from convener.courses.models import Lesson, LessonProgress, Module
from convener.test import SAMPLE_CONTENT, make_person

pytestmark = pytest.mark.django_db
PRACTICE = "courses/sample-course/02-practice"


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    import_content(root)
    return root


@pytest.fixture
def learner():
    return make_person("v@example.org", "Vera")


def lesson(slug):
    return Lesson.objects.get(slug=slug)


def test_reimporting_unchanged_files_changes_nothing(content):
    assert import_content(content) == []


def test_editing_a_lesson_keeps_progress(content, learner):
    actions.complete_lesson(learner, lesson("welcome"))
    path = content / "courses/sample-course/01-first-steps/01-welcome.md"
    path.write_text(path.read_text().replace("Welcome to the circle", "Welcome, everyone"))
    changes = import_content(content)
    assert changes == ["updated lesson sample-course/first-steps/welcome (title)"]
    assert LessonProgress.objects.get(user=learner).lesson.title == "Welcome, everyone"


def test_reordering_lessons_keeps_progress(content, learner):
    actions.complete_lesson(learner, lesson("quick-check"))
    (content / PRACTICE / "02-quick-check.md").rename(content / PRACTICE / "05-quick-check.md")
    import_content(content)
    assert lesson("quick-check").position == 5
    assert LessonProgress.objects.filter(user=learner, lesson__slug="quick-check").exists()


def test_removing_a_lesson_with_progress_retires_it(content, learner):
    actions.complete_lesson(learner, lesson("quick-check"))
    (content / PRACTICE / "02-quick-check.md").unlink()
    changes = import_content(content)
    assert "retired lesson quick-check (learners have progress on it)" in changes
    assert lesson("quick-check").retired
    assert LessonProgress.objects.filter(user=learner, lesson__slug="quick-check").exists()
    assert not Lesson.objects.current().filter(slug="quick-check").exists()


def test_removing_a_lesson_nobody_started_deletes_it(content):
    (content / PRACTICE / "02-quick-check.md").unlink()
    assert "removed lesson quick-check" in import_content(content)
    assert not Lesson.objects.filter(slug="quick-check").exists()


def test_removing_a_module_with_progress_retires_it(content, learner):
    actions.complete_lesson(learner, lesson("quick-check"))
    shutil.rmtree(content / PRACTICE)
    import_content(content)
    assert Module.objects.get(slug="practice").retired


def test_bringing_a_retired_lesson_back_restores_it(content, learner):
    actions.complete_lesson(learner, lesson("quick-check"))
    saved = (content / PRACTICE / "02-quick-check.md").read_text()
    (content / PRACTICE / "02-quick-check.md").unlink()
    import_content(content)
    (content / PRACTICE / "02-quick-check.md").write_text(saved)
    import_content(content)
    assert not lesson("quick-check").retired
