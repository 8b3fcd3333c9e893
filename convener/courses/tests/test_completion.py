"""Completion rules: a module when its required lessons and checks are done, a course when all modules are."""

from threading import Thread

import pytest
from django.db import connection

from convener.courses import actions
from convener.courses.models import CourseCompletion, LessonProgress, ModuleCompletion
from convener.courses.signals import course_completed
from convener.test import CourseTestCase

REQUIRED_FIRST = ["welcome", "a-short-film", "your-library"]


class CompletionTests(CourseTestCase):
    def complete(self, *slugs, user=None):
        for slug in slugs:
            module = "first-steps" if slug in [*REQUIRED_FIRST, "optional-extra"] else "practice"
            actions.complete_lesson(user or self.learner, self.lesson(module, slug))

    def test_a_module_completes_without_its_optional_lessons(self):
        self.complete(*REQUIRED_FIRST)
        self.assertTrue(
            ModuleCompletion.objects.filter(user=self.learner, module__slug="first-steps").exists()
        )

    def test_a_module_is_not_complete_while_a_required_lesson_is_open(self):
        self.complete("welcome", "a-short-film", "optional-extra")
        self.assertFalse(ModuleCompletion.objects.exists())

    def test_a_failed_check_keeps_the_module_open(self):
        self.complete("the-loud-voice", "start-your-plan")
        actions.submit_check(self.learner, self.lesson("practice", "quick-check"), {"main-job": [1]})
        self.assertFalse(ModuleCompletion.objects.filter(module__slug="practice").exists())
        actions.submit_check(
            self.learner,
            self.lesson("practice", "quick-check"),
            {"main-job": [0], "good-habits": [0, 1], "silence": [1]},
        )
        self.assertTrue(ModuleCompletion.objects.filter(module__slug="practice").exists())

    def test_the_course_completes_once_with_one_event(self):
        received = []

        def listener(**kwargs):
            received.append(kwargs["user"])

        course_completed.connect(listener)
        self.addCleanup(course_completed.disconnect, listener)
        with self.captureOnCommitCallbacks(execute=True):
            self.complete(*REQUIRED_FIRST, "the-loud-voice", "quick-check", "start-your-plan")
            self.complete(*REQUIRED_FIRST, "the-loud-voice", "quick-check", "start-your-plan")
        self.assertEqual(received, [self.learner])
        completion = CourseCompletion.objects.get(user=self.learner)
        self.assertIsNotNone(completion.completed_at)

    def test_completion_time_is_kept_when_a_lesson_is_completed_again(self):
        self.complete("welcome")
        first = LessonProgress.objects.get().completed_at
        self.complete("welcome")
        self.assertEqual(LessonProgress.objects.get().completed_at, first)

    def test_one_learners_progress_does_not_complete_anothers(self):
        self.complete(*REQUIRED_FIRST)
        self.assertFalse(ModuleCompletion.objects.filter(user=self.facilitator).exists())

    def test_the_course_page_shows_completion(self):
        self.complete(*REQUIRED_FIRST, "the-loud-voice", "quick-check", "start-your-plan")
        self.client.force_login(self.learner)
        r = self.client.get("/learn/sample-course/")
        self.assertContains(r, "6 of 6 lessons done")
        self.assertContains(r, "You completed this course on")


@pytest.mark.django_db(transaction=True)
def test_two_tabs_completing_at_once_write_one_record_each(django_user_model):
    from convener.test import import_sample, make_person

    course = import_sample()
    learner = make_person("tabs@example.org", "Two Tabs")
    lessons = list(course.modules.get(slug="first-steps").lessons.filter(required=True))
    errors = []

    def tab():
        try:
            for lesson in lessons:
                actions.complete_lesson(learner, lesson)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [Thread(target=tab) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert LessonProgress.objects.filter(user=learner).count() == len(lessons)
    assert ModuleCompletion.objects.filter(user=learner).count() == 1
