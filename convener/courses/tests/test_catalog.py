from convener.courses.models import Course, Status
from convener.test import CourseTestCase


class CatalogTests(CourseTestCase):
    def test_it_lists_published_courses(self):
        r = self.client.get("/learn/")
        self.assertContains(r, "Sample Course")
        self.assertContains(r, "About 1 hours")

    def test_drafts_are_hidden_from_learners_but_shown_to_administrators(self):
        Course.objects.filter(pk=self.course.pk).update(status=Status.DRAFT)
        self.client.force_login(self.learner)
        self.assertNotContains(self.client.get("/learn/"), "Sample Course")
        self.assertEqual(self.client.get("/learn/sample-course/").status_code, 404)
        self.client.force_login(self.administrator)
        self.assertContains(self.client.get("/learn/"), "Draft — only administrators see it")
        self.assertEqual(self.client.get("/learn/sample-course/").status_code, 200)

    def test_wrong_method(self):
        self.assertEqual(self.client.post("/learn/").status_code, 405)


class CoursePageTests(CourseTestCase):
    URL = "/learn/sample-course/"

    def test_visitors_see_the_outline_and_an_invitation(self):
        r = self.client.get(self.URL)
        self.assertContains(r, "First steps")
        self.assertContains(r, "Read a short lesson.")
        self.assertContains(r, "Welcome to the circle")
        self.assertContains(r, "to save your progress")

    def test_learners_see_their_progress_and_where_to_start(self):
        self.client.force_login(self.learner)
        r = self.client.get(self.URL)
        self.assertContains(r, "0 of 6 lessons done")
        self.assertContains(r, "Start the course")
        self.assertContains(r, 'href="/learn/sample-course/first-steps/welcome/"')

    def test_optional_lessons_are_marked(self):
        self.assertContains(self.client.get(self.URL), "optional")

    def test_unknown_course_is_404(self):
        self.assertEqual(self.client.get("/learn/nope/").status_code, 404)

    def test_wrong_method(self):
        self.assertEqual(self.client.post(self.URL).status_code, 405)


class MyLearningTests(CourseTestCase):
    def test_it_lists_courses_i_started_with_a_continue_link(self):
        self.client.force_login(self.learner)
        self.client.get("/learn/sample-course/practice/quick-check/")
        r = self.client.get("/learn/mine/")
        self.assertContains(r, "Sample Course")
        self.assertContains(r, 'href="/learn/sample-course/practice/quick-check/"')

    def test_nothing_started_yet(self):
        self.client.force_login(self.outsider)
        self.assertContains(self.client.get("/learn/mine/"), "You have not started a course yet.")

    def test_anonymous_is_sent_to_sign_in(self):
        self.assertRedirects(self.client.get("/learn/mine/"), "/account/sign-in/?next=/learn/mine/")

    def test_home_offers_to_continue_where_i_left_off(self):
        self.client.force_login(self.learner)
        self.client.get("/learn/sample-course/first-steps/your-library/")
        r = self.client.get("/")
        self.assertContains(r, "Continue where you left off")
        self.assertContains(r, 'href="/learn/sample-course/first-steps/your-library/"')
