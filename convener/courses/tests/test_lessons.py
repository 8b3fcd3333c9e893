from convener.courses.models import (
    ActivityAnswer,
    CheckAttempt,
    Enrollment,
    LessonProgress,
    WorksheetAnswer,
)
from convener.test import CourseTestCase

BASE = "/learn/sample-course"


class ReadingTests(CourseTestCase):
    URL = f"{BASE}/first-steps/welcome/"

    def test_anyone_can_read_it_rendered_and_sanitized(self):
        r = self.client.get(self.URL)
        self.assertContains(r, "<h1>Welcome to the circle</h1>", html=True)
        self.assertContains(r, '<p class="callout-title">Tip</p>', html=True)
        self.assertContains(r, '<th scope="col">Seat</th>', html=True)
        self.assertContains(r, 'src="/media/courses/sample-course/01-first-steps/images/circle.svg"')
        self.assertContains(r, "Lesson 1 of 4")

    def test_the_image_is_served(self):
        r = self.client.get("/media/courses/sample-course/01-first-steps/images/circle.svg")
        self.assertEqual(r.status_code, 200)

    def test_marking_complete_moves_to_the_next_lesson(self):
        self.client.force_login(self.learner)
        r = self.client.post(self.URL)
        self.assertRedirects(r, f"{BASE}/first-steps/a-short-film/")
        self.assertTrue(LessonProgress.objects.filter(user=self.learner, completed_at__isnull=False).exists())

    def test_visiting_records_where_to_continue(self):
        self.client.force_login(self.learner)
        self.client.get(self.URL)
        self.assertEqual(Enrollment.objects.get(user=self.learner).last_lesson.slug, "welcome")

    def test_anonymous_cannot_mark_complete(self):
        r = self.client.post(self.URL)
        self.assertRedirects(r, f"/account/sign-in/?next={self.URL}")
        self.assertFalse(LessonProgress.objects.exists())

    def test_wrong_method(self):
        self.assertEqual(self.client.put(self.URL).status_code, 405)

    def test_unknown_lesson_is_404(self):
        self.assertEqual(self.client.get(f"{BASE}/first-steps/nope/").status_code, 404)


class VideoTests(CourseTestCase):
    URL = f"{BASE}/first-steps/a-short-film/"

    def test_it_has_captions_and_the_transcript(self):
        r = self.client.get(self.URL)
        self.assertContains(r, '<track kind="captions"')
        self.assertContains(r, "Host: Here is what I heard you say.")
        self.assertEqual(
            self.client.get("/media/courses/sample-course/01-first-steps/media/listening.en.vtt").status_code,
            200,
        )


class ActivityTests(CourseTestCase):
    URL = f"{BASE}/first-steps/your-library/"

    def test_an_answer_is_saved_shown_back_and_completes_the_lesson(self):
        self.client.force_login(self.learner)
        r = self.client.post(self.URL, {"text": "Book club and a seed swap."})
        self.assertRedirects(r, self.URL)
        self.assertContains(self.client.get(self.URL), "Book club and a seed swap.")
        self.assertTrue(LessonProgress.objects.get(user=self.learner).completed_at)

    def test_editing_the_answer_keeps_one_record(self):
        self.client.force_login(self.learner)
        self.client.post(self.URL, {"text": "First."})
        self.client.post(self.URL, {"text": "Second."})
        self.assertEqual(ActivityAnswer.objects.get(user=self.learner).text, "Second.")

    def test_an_empty_answer_is_an_error(self):
        self.client.force_login(self.learner)
        r = self.client.post(self.URL, {"text": ""})
        self.assertContains(r, "Write your answer before saving.", status_code=400)

    def test_answers_are_private(self):
        self.client.force_login(self.learner)
        self.client.post(self.URL, {"text": "Only mine."})
        self.client.force_login(self.facilitator)
        self.assertNotContains(self.client.get(self.URL), "Only mine.")

    def test_the_label_comes_from_the_content(self):
        self.client.force_login(self.learner)
        self.assertContains(self.client.get(self.URL), "What conversations does your library host?")


class ScenarioTests(CourseTestCase):
    URL = f"{BASE}/practice/the-loud-voice/"

    def test_it_starts_at_the_first_step(self):
        r = self.client.get(self.URL)
        self.assertContains(r, "One man has spoken for ten minutes.")
        self.assertContains(r, 'href="?step=first&amp;chose=0#outcome"')

    def test_a_choice_shows_consequence_and_coaching_and_may_loop_back(self):
        r = self.client.get(self.URL, {"step": "first", "chose": "1"})
        self.assertContains(r, "Two people check their phones.")
        self.assertContains(r, "Waiting rarely works.")
        self.assertContains(r, 'href="?step=first"')
        self.assertContains(r, "Try this moment again")

    def test_reaching_the_end_offers_to_finish(self):
        self.client.force_login(self.learner)
        r = self.client.get(self.URL, {"step": "second", "chose": "0"})
        self.assertContains(r, "Finish the scenario")
        self.client.post(self.URL)
        self.assertTrue(
            LessonProgress.objects.get(user=self.learner, lesson__slug="the-loud-voice").completed_at
        )

    def test_an_unknown_step_is_404(self):
        self.assertEqual(self.client.get(self.URL, {"step": "nowhere"}).status_code, 404)

    def test_a_bad_choice_number_is_ignored(self):
        r = self.client.get(self.URL, {"step": "first", "chose": "99"})
        self.assertContains(r, "What would you do?")


class CheckTests(CourseTestCase):
    URL = f"{BASE}/practice/quick-check/"
    RIGHT = {"main-job": "0", "good-habits": ["0", "1"], "silence": "1"}

    def setUp(self):
        self.client.force_login(self.learner)

    def test_all_right_passes_and_completes(self):
        r = self.client.post(self.URL, self.RIGHT)
        attempt = CheckAttempt.objects.get(user=self.learner)
        self.assertRedirects(r, f"{self.URL}?attempt={attempt.pk}#result", fetch_redirect_response=False)
        self.assertEqual((attempt.score, attempt.passed), (100, True))
        page = self.client.get(f"{self.URL}?attempt={attempt.pk}")
        self.assertContains(page, "Your score: 100%")
        self.assertContains(page, "You passed")
        self.assertTrue(
            LessonProgress.objects.get(user=self.learner, lesson__slug="quick-check").completed_at
        )

    def test_feedback_for_each_chosen_option_and_the_explanation(self):
        self.client.post(self.URL, {**self.RIGHT, "main-job": "1", "good-habits": ["0", "2"]})
        attempt = CheckAttempt.objects.get(user=self.learner)
        self.assertEqual((attempt.score, attempt.passed), (33, False))
        page = self.client.get(f"{self.URL}?attempt={attempt.pk}")
        self.assertContains(page, "No, the group brings the content.")
        self.assertContains(page, "Agreements like these protect every voice.")
        self.assertContains(page, "Not yet: the pass mark is 60%")
        self.assertFalse(
            LessonProgress.objects.filter(user=self.learner, completed_at__isnull=False).exists()
        )

    def test_a_partly_right_multiple_answer_is_not_right(self):
        self.client.post(self.URL, {**self.RIGHT, "good-habits": ["0"]})
        self.assertEqual(CheckAttempt.objects.get().score, 67)

    def test_the_best_score_is_kept(self):
        self.client.post(self.URL, self.RIGHT)
        self.client.post(self.URL, {**self.RIGHT, "main-job": "1"})
        page = self.client.get(self.URL)
        self.assertContains(page, "Your best score so far is 100%")
        self.assertTrue(
            LessonProgress.objects.get(user=self.learner, lesson__slug="quick-check").completed_at
        )

    def test_unanswered_questions_keep_the_other_answers(self):
        r = self.client.post(self.URL, {"main-job": "0"})
        self.assertContains(r, "Choose an answer.", status_code=400)
        self.assertContains(r, "Choose at least one answer.", status_code=400)
        self.assertContains(r, 'value="0" required id="id_main-job_0" checked', status_code=400)
        self.assertFalse(CheckAttempt.objects.exists())

    def test_an_impossible_option_is_an_error(self):
        r = self.client.post(self.URL, {**self.RIGHT, "main-job": "7"})
        self.assertEqual(r.status_code, 400)

    def test_someone_elses_attempt_is_not_shown(self):
        self.client.post(self.URL, self.RIGHT)
        attempt = CheckAttempt.objects.get()
        self.client.force_login(self.outsider)
        self.assertNotContains(self.client.get(f"{self.URL}?attempt={attempt.pk}"), "Your score")


class WorksheetTests(CourseTestCase):
    URL = f"{BASE}/practice/start-your-plan/"

    def test_answers_are_saved_and_gathered_in_my_plan(self):
        self.client.force_login(self.learner)
        data = {
            "topic": "The new road",
            "goal": "Make a decision",
            "needs": ["Captions"],
            "why": "It splits the town.",
        }
        self.assertRedirects(self.client.post(self.URL, data), self.URL)
        self.assertEqual(WorksheetAnswer.objects.get().answers["needs"], ["Captions"])
        plan = self.client.get("/learn/sample-course/my-plan/")
        for text in ("The new road", "Make a decision", "Captions", "It splits the town."):
            self.assertContains(plan, text)

    def test_a_partial_worksheet_can_be_saved(self):
        self.client.force_login(self.learner)
        self.client.post(self.URL, {"topic": "Libraries"})
        self.assertContains(self.client.get("/learn/sample-course/my-plan/"), "Not answered yet")

    def test_an_unknown_choice_is_an_error_that_keeps_the_input(self):
        self.client.force_login(self.learner)
        r = self.client.post(self.URL, {"topic": "Kept text", "goal": "Win"})
        self.assertContains(r, "Select a valid choice", status_code=400)
        self.assertContains(r, 'value="Kept text"', status_code=400)

    def test_the_plan_is_private_and_needs_an_account(self):
        self.assertEqual(self.client.get("/learn/sample-course/my-plan/").status_code, 302)
        self.client.force_login(self.learner)
        self.client.post(self.URL, {"topic": "Mine alone"})
        self.client.force_login(self.outsider)
        self.assertNotContains(self.client.get("/learn/sample-course/my-plan/"), "Mine alone")


class PlanPdfTests(CourseTestCase):
    def test_my_plan_downloads_as_a_tagged_pdf(self):
        from convener.test import is_tagged, read_pdf

        self.client.force_login(self.learner)
        self.client.post(f"{BASE}/practice/start-your-plan/", {"topic": "Bridge over the creek"})
        r = self.client.get(f"{BASE}/my-plan.pdf")
        self.assertEqual(r["Content-Type"], "application/pdf")
        pdf = read_pdf(r.content)
        self.assertTrue(is_tagged(pdf))
        self.assertIn("Bridge over the creek", " ".join(page.extract_text() for page in pdf.pages))

    def test_the_plan_pdf_needs_an_account(self):
        self.assertEqual(self.client.get(f"{BASE}/my-plan.pdf").status_code, 302)


class VisitTests(CourseTestCase):
    def test_reading_the_same_lesson_again_writes_nothing(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.force_login(self.learner)
        url = f"{BASE}/first-steps/welcome/"
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
        self.assertEqual(writes, [q for q in writes if "courses_enrollment" not in q])
        self.client.get(f"{BASE}/first-steps/a-short-film/")
        self.assertEqual(Enrollment.objects.get(user=self.learner).last_lesson.slug, "a-short-film")
