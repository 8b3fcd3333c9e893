from convener.courses.models import Course, Status
from convener.courses.search import reindex_courses
from convener.search.index import Document, replace, search
from convener.test import CourseTestCase


class SearchTests(CourseTestCase):
    def test_it_finds_lessons_with_a_highlighted_snippet(self):
        results = search("greeter")
        self.assertEqual([r.title for r in results], ["Welcome to the circle — First steps"])
        self.assertIn("<mark>", results[0].snippet)
        self.assertEqual(results[0].url, "/learn/sample-course/first-steps/welcome/")

    def test_titles_and_courses_are_found(self):
        kinds = {r.kind for r in search("sample course")}
        self.assertIn("course", kinds)

    def test_hostile_queries_are_safe(self):
        for query in ['"', "NEAR(", "a OR", "*", "'; DROP TABLE x; --", "title:x", "<script>"]:
            with self.subTest(query=query):
                for result in search(query):
                    self.assertNotIn("<script>", result.snippet)

    def test_text_in_snippets_is_escaped(self):
        replace("test", [Document("x", "Angle", "/x/", "about <b>bold</b> listening")])
        [result] = search("listening bold")
        # SQLite escapes the tags, PostgreSQL drops them: either way none reaches the page.
        self.assertNotIn("<b>", result.snippet)
        self.assertIn("<mark>", result.snippet)

    def test_drafts_are_not_searchable(self):
        Course.objects.filter(pk=self.course.pk).update(status=Status.DRAFT)
        reindex_courses()
        self.assertEqual(search("greeter"), [])

    def test_replace_removes_what_is_gone(self):
        replace(
            "test", [Document("a", "Alpha", "/a/", "unique zebra"), Document("b", "Beta", "/b/", "zebra")]
        )
        replace("test", [Document("b", "Beta", "/b/", "zebra")])
        self.assertEqual([r.title for r in search("zebra")], ["Beta"])


class SearchPageTests(CourseTestCase):
    def test_results_page_works_without_javascript(self):
        r = self.client.get("/search/", {"q": "greeter"})
        self.assertContains(r, "1 result for “greeter”")
        self.assertContains(r, 'href="/learn/sample-course/first-steps/welcome/"')

    def test_an_empty_query_shows_the_form(self):
        r = self.client.get("/search/")
        self.assertContains(r, 'name="q"')
        self.assertNotContains(r, "result")

    def test_no_results(self):
        self.assertContains(self.client.get("/search/", {"q": "xylophone"}), "0 results")

    def test_wrong_method(self):
        self.assertEqual(self.client.post("/search/").status_code, 405)
