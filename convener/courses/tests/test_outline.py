"""Lesson pages reuse each course's outline until the course's content changes, then rebuild it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from convener.courses.models import Course, Module
from convener.courses.outline import outline_for
from convener.test import CourseTestCase

BASE = "/learn/sample-course"
WELCOME = f"{BASE}/first-steps/welcome/"


class OutlineTests(CourseTestCase):
    def test_a_second_view_does_not_read_the_lessons_again(self):
        self.client.get(WELCOME)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(WELCOME)
        self.assertFalse(
            [q for q in queries if 'FROM "courses_lesson"' in q["sql"]], queries.captured_queries
        )

    def test_editing_a_lesson_shows_on_the_next_view(self):
        self.client.get(WELCOME)
        lesson = self.lesson("first-steps", "welcome")
        lesson.title = "Welcome, renamed"
        lesson.body_html = "<p>New words.</p>"
        lesson.save()
        r = self.client.get(WELCOME)
        self.assertContains(r, "<h1>Welcome, renamed</h1>", html=True)
        self.assertContains(r, "New words.")

    def test_a_neighbours_new_title_shows_in_the_pager(self):
        self.client.get(WELCOME)
        film = self.lesson("first-steps", "a-short-film")
        film.title = "A film, renamed"
        film.save()
        self.assertContains(self.client.get(WELCOME), "A film, renamed")

    def test_a_retired_lesson_is_gone_at_once(self):
        self.client.get(WELCOME)
        film = self.lesson("first-steps", "a-short-film")
        film.retired = True
        film.save(update_fields=["retired"])
        self.assertEqual(self.client.get(f"{BASE}/first-steps/a-short-film/").status_code, 404)
        self.assertNotContains(self.client.get(WELCOME), film.title)

    def test_deleting_a_module_is_seen(self):
        module = Module.objects.get(course=self.course, slug="first-steps")
        self.client.get(WELCOME)
        module.delete()
        self.assertEqual(self.client.get(WELCOME).status_code, 404)

    def test_each_page_gets_its_own_copy(self):
        course = Course.objects.get(pk=self.course.pk)
        outline = outline_for(course)
        index = outline.find("first-steps", "welcome")
        first, second = outline.lesson(index, course), outline.lesson(index, course)
        first.title = "Changed by one request"
        first.module.title = "Changed too"
        self.assertNotEqual(second.title, first.title)
        self.assertNotEqual(second.module.title, first.module.title)
        self.assertIs(second.module.course, course)
