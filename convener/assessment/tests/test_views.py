"""Taking the self-assessment: without an account (nothing stored) and signed in (kept and compared)."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convener.accounts import personal_data
from convener.assessment.models import Attempt
from convener.assessment.tests.base import AssessmentTestCase, answers_where
from convener.assessment.views import question_url, result_url
from convener.test import BaseTestCase

HIDDEN = re.compile(r'<input type="hidden" name="([a-z0-9-]+)" value="(\d+)">')


def carried(response) -> dict:
    return {name: int(value) for name, value in HIDDEN.findall(response.content.decode())}


class QuestionStepTests(AssessmentTestCase):
    def test_the_start_page_names_the_skills_and_links_to_question_one(self):
        r = self.client.get("/skills/")
        self.assertContains(r, "<h1>What skills do I need?</h1>", html=True)
        self.assertContains(r, 'href="/skills/questions/1/"')
        self.assertContains(r, "Listening and questions")
        self.assertContains(r, "14 questions on 8 skills")

    def test_each_step_is_one_question_as_a_radio_group(self):
        r = self.client.get("/skills/questions/1/")
        self.assertContains(r, "Question 1 of 14")
        self.assertContains(r, 'method="get" action="/skills/questions/1/"')
        self.assertEqual(r.content.decode().count('type="radio" name="state-your-role"'), 4)
        self.assertContains(r, "<legend><h1")
        self.assertNotContains(r, "Previous question")
        self.assertEqual(carried(r), {})

    def test_an_answer_moves_on_and_travels_in_the_address(self):
        r = self.client.get("/skills/questions/1/", {"go": "next", "state-your-role": "2"})
        self.assertRedirects(r, "/skills/questions/2/?state-your-role=2", fetch_redirect_response=False)
        r = self.client.get(r.url)
        self.assertContains(r, "Question 2 of 14")
        self.assertEqual(carried(r), {"state-your-role": 2})
        self.assertContains(r, 'href="/skills/questions/1/?state-your-role=2"')

    def test_no_answer_is_an_error_on_the_same_question(self):
        r = self.client.get("/skills/questions/2/", {"go": "next", "state-your-role": "1"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "There is a problem", status_code=400)
        self.assertContains(r, "Choose an answer.", count=2, status_code=400)
        self.assertContains(r, 'href="#id_name-the-goal_0"', status_code=400)
        self.assertEqual(carried(r), {"state-your-role": 1})

    def test_going_back_keeps_every_answer_and_shows_the_choice(self):
        answers = {"state-your-role": 1, "name-the-goal": 3, "honest-say": 0}
        r = self.client.get(question_url(3, answers))
        self.assertContains(r, f'href="{question_url(2, answers)}"'.replace("&", "&amp;"))
        r = self.client.get(question_url(2, answers))
        self.assertContains(r, 'value="3" id="id_name-the-goal_3" required checked')
        self.assertEqual(carried(r), {"state-your-role": 1, "honest-say": 0})

    def test_skipping_ahead_returns_to_the_first_unanswered_question(self):
        r = self.client.get("/skills/questions/6/", {"state-your-role": "1"})
        self.assertRedirects(r, "/skills/questions/2/?state-your-role=1", fetch_redirect_response=False)

    def test_a_question_number_out_of_range_is_not_found(self):
        self.assertEqual(self.client.get("/skills/questions/15/").status_code, 404)
        self.assertEqual(self.client.get("/skills/questions/0/").status_code, 404)

    def test_steps_and_results_accept_only_get(self):
        self.assertEqual(self.client.post("/skills/").status_code, 405)
        self.assertEqual(self.client.post("/skills/questions/1/").status_code, 405)
        self.assertEqual(self.client.put("/skills/result/").status_code, 405)
        self.assertEqual(self.client.delete("/skills/questions/1/").status_code, 405)


class AnonymousFlowTests(AssessmentTestCase):
    def walk(self, answers: dict):
        """Answer every question in turn, as the forms do; return the final response."""
        url = "/skills/questions/1/"
        for number, (slug, value) in enumerate(answers.items(), start=1):
            page = self.client.get(url)
            self.assertContains(page, f"Question {number} of 14")
            r = self.client.get(url.split("?")[0], {**carried(page), "go": "next", slug: value})
            self.assertEqual(r.status_code, 302)
            url = r.url
        return url

    def test_the_whole_quiz_leads_to_a_bookmarkable_result_and_stores_nothing(self):
        answers = answers_where(self.definition, {"listening-and-questions"})
        url = self.walk(answers)
        path, query = urlsplit(url)[2:4]
        self.assertEqual(path, "/skills/result/")
        self.assertEqual(dict(parse_qsl(query)), {k: str(v) for k, v in answers.items()})
        r = self.client.get(url)
        self.assertContains(r, "Your skills profile")
        self.assertContains(r, "Bookmark this page")
        self.assertFalse(Attempt.objects.exists())
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(dict(self.client.session), {})

    def test_the_result_shows_a_chart_a_table_and_reasons(self):
        answers = answers_where(self.definition, {"listening-and-questions"})
        r = self.client.get(result_url(answers))
        html = r.content.decode()
        self.assertIn('role="img" aria-labelledby="chart-title" aria-describedby="chart-desc"', html)
        self.assertIn('<title id="chart-title">', html)
        self.assertRegex(
            html, r"<desc id=\"chart-desc\">[^<]*Listening and questions, 0% \(work on this first\)"
        )
        self.assertInHTML('<th scope="row">Listening and questions</th>', html)
        self.assertEqual(html.count('<th scope="row">'), 8)
        self.assertIn('href="/learn/leading-conversations/#module-in-the-moment"', html)
        self.assertIn("Because you scored 0% on Listening and questions.", html)
        self.assertIn('href="/methods/reflective-structured-dialogue/"', html)
        self.assertIn('href="/recordings/reflective-structured-dialogue/"', html)
        self.assertNotIn("stronger first move", html)  # every situation got its best answer

    def test_situations_get_their_feedback(self):
        answers = answers_where(self.definition, {"group-dynamics-and-conflict"})
        r = self.client.get(result_url(answers))
        self.assertContains(r, "A stronger first move", count=1)
        self.assertContains(r, "Say nothing and hope they run out of things to say.")

    def test_an_anonymous_person_picks_a_track_for_the_recordings(self):
        answers = answers_where(self.definition, {"online-and-phone"})
        r = self.client.get(result_url(answers))
        self.assertContains(r, "Made for: Academic.")
        r = self.client.get(result_url(answers, track="public_large_urban"))
        self.assertContains(r, "Made for your kind of library: Public — large or urban.", count=3)
        self.assertContains(r, '<option value="public_large_urban" selected>')
        # The track form carries the answers, so choosing again keeps the result.
        self.assertEqual({k: v for k, v in carried(r).items() if k in answers}, answers)

    def test_the_result_page_reads_the_content_in_a_few_queries(self):
        answers = answers_where(self.definition, {"online-and-phone"})
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(result_url(answers)).status_code, 200)
        # The assessment, skills, items, modules, methods and recordings: one query each.
        self.assertLessEqual(len(queries), 6)


class BadInputTests(AssessmentTestCase):
    def setUp(self):
        self.answers = {k: str(v) for k, v in answers_where(self.definition).items()}

    def assert_bad(self, url, params, message):
        r = self.client.get(url, params)
        self.assertContains(r, "We could not read those answers", status_code=400)
        self.assertContains(r, message, status_code=400)
        return r

    def test_an_unknown_question_is_named(self):
        self.assert_bad(
            "/skills/result/",
            {**self.answers, "favourite-color": "2"},
            "no question called “favourite-color”",
        )
        self.assert_bad("/skills/questions/3/", {"nonsense": "1"}, "no question called “nonsense”")

    def test_answers_out_of_range_or_not_numbers(self):
        for value in ["4", "-1", "abc", "1.5", "99999999999999999999999", "", " 2"]:
            with self.subTest(value=value):
                params = {**self.answers, "state-your-role": value}
                if value == "":
                    self.assert_bad("/skills/result/", params, "Question 1: This question has no answer yet.")
                else:
                    self.assert_bad("/skills/result/", params, "Question 1: “")
        # A situation with four options takes 0 to 3 only.
        self.assert_bad(
            "/skills/result/", {**self.answers, "ballot-forum": "4"}, "Question 5: “4” is not one"
        )

    def test_a_repeated_answer_is_refused(self):
        r = self.client.get(
            "/skills/result/?" + "&".join(f"{k}={v}" for k, v in self.answers.items()) + "&paraphrase=0"
        )
        self.assertContains(r, "answers Question 8 more than once", status_code=400)

    def test_a_cut_address_offers_to_carry_on(self):
        del self.answers["fair-summary"], self.answers["phone-callers"]
        r = self.assert_bad("/skills/result/", self.answers, "Question 12: This question has no answer yet.")
        self.assertContains(r, "Carry on where you left off", status_code=400)
        self.assertIn('href="/skills/questions/12/?', r.content.decode())

    def test_a_tampered_address_does_not_offer_to_carry_on(self):
        r = self.assert_bad("/skills/result/", {**self.answers, "paraphrase": "9"}, "Question 8")
        self.assertNotContains(r, "Carry on where you left off", status_code=400)
        self.assertContains(r, 'href="/skills/questions/1/"', status_code=400)

    def test_hostile_strings_are_shown_harmlessly(self):
        r = self.assert_bad(
            "/skills/result/", {**self.answers, "<script>alert(1)</script>": "1"}, "no question called"
        )
        self.assertNotContains(r, "<script>alert", status_code=400)
        self.assertContains(r, "&lt;script&gt;", status_code=400)
        self.assert_bad("/skills/result/", {**self.answers, "state-your-role": "\u0663"}, "Question 1")
        self.assert_bad("/skills/result/", {**self.answers, "track": "moon_base"}, "is not a kind of library")
        self.assert_bad(
            "/skills/questions/2/", {"state-your-role": "1", "go": "sideways"}, "“sideways” is not a step"
        )

    def test_many_unknown_names_are_summed_up(self):
        params = {f"x{i}": "1" for i in range(40)}
        self.assert_bad("/skills/questions/1/", params, "or 35 more")


class NothingImportedTests(BaseTestCase):
    def test_the_start_page_says_so_and_questions_are_not_found(self):
        self.assertContains(self.client.get("/skills/"), "not loaded yet")
        self.assertEqual(self.client.get("/skills/questions/1/").status_code, 404)
        self.assertEqual(self.client.get("/skills/result/").status_code, 404)


class SignedInTests(AssessmentTestCase):
    def setUp(self):
        self.client.force_login(self.learner)
        self.answers = answers_where(self.definition, {"closing-and-action"})

    def save(self, answers, user_client=None):
        return (user_client or self.client).post("/skills/save/", answers)

    def test_the_last_question_saves_the_attempt(self):
        last = "phone-callers"
        r = self.client.get(question_url(14, {k: v for k, v in self.answers.items() if k != last}))
        self.assertContains(r, 'method="post" action="/skills/save/"')
        self.assertContains(r, "csrfmiddlewaretoken")
        r = self.save(self.answers)
        attempt = Attempt.objects.get()
        self.assertRedirects(r, f"/skills/mine/{attempt.pk}/", fetch_redirect_response=False)
        self.assertEqual(attempt.user, self.learner)
        self.assertEqual(attempt.answers, self.answers)
        self.assertEqual(attempt.scores["closing-and-action"], 0)
        self.assertEqual(attempt.scores["listening-and-questions"], 100)
        r = self.client.get(r.url)
        self.assertContains(r, "Your result is saved in My results.")
        self.assertContains(r, "Closing and next steps")
        # The profile's library type (small or rural) chooses the recordings' track.
        self.assertContains(r, "Made for your kind of library: Public — small, mid-sized or rural.")

    def test_a_double_submit_keeps_one_attempt(self):
        self.save(self.answers)
        self.save(self.answers)
        self.assertEqual(Attempt.objects.count(), 1)

    def test_no_answer_on_the_last_question_shows_it_again(self):
        del self.answers["phone-callers"]
        r = self.save(self.answers)
        self.assertContains(r, "Question 14 of 14", status_code=400)
        self.assertContains(r, "Choose an answer.", status_code=400)
        self.assertFalse(Attempt.objects.exists())

    def test_tampered_answers_are_not_saved(self):
        r = self.save({**self.answers, "phone-callers": "8"})
        self.assertContains(r, "We could not read those answers", status_code=400)
        r = self.save({**self.answers, "is_staff": "1"})
        self.assertContains(r, "no question called “is_staff”", status_code=400)
        self.assertFalse(Attempt.objects.exists())

    def test_a_later_attempt_is_compared_with_the_earlier_one(self):
        self.save(self.answers)
        first = Attempt.objects.get()
        Attempt.objects.filter(pk=first.pk).update(created_at=first.created_at.replace(year=2024))
        better = dict(self.answers, **{"fair-summary": 2})
        r = self.client.get(self.save(better).url)
        self.assertContains(r, "The table compares it with your result from")
        self.assertContains(r, "Before (")
        self.assertContains(r, "up 33 points")
        self.assertContains(r, "no change", count=7)
        r = self.client.get(first.get_absolute_url())
        self.assertNotContains(r, "Before (")

    def test_a_result_viewed_from_its_address_can_be_kept(self):
        r = self.client.get(result_url(self.answers))
        self.assertContains(r, "Keep this result in My results")
        self.save(self.answers)
        self.assertEqual(Attempt.objects.get().answers, self.answers)

    def test_my_results_lists_only_mine(self):
        self.save(self.answers)
        Attempt.objects.create(user=self.outsider, answers={}, scores={"online-and-phone": 5})
        r = self.client.get("/skills/mine/")
        self.assertContains(r, "My self-assessment results")
        self.assertContains(r, "Closing and next steps (0%)")
        self.assertContains(r, f'href="{Attempt.objects.get(user=self.learner).get_absolute_url()}"')
        self.assertNotContains(r, "(5%)")

    def test_my_results_costs_the_same_queries_for_one_result_or_many(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get("/skills/mine/").status_code, 200)
            return len(queries)

        Attempt.objects.create(user=self.learner, answers=self.answers, scores={"online-and-phone": 5})
        one = count()
        for _ in range(5):
            Attempt.objects.create(user=self.learner, answers=self.answers, scores={"online-and-phone": 5})
        self.assertEqual(count(), one)

    def test_others_cannot_see_or_delete_my_attempts(self):
        self.save(self.answers)
        attempt = Attempt.objects.get()
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(attempt.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.post(f"/skills/mine/{attempt.pk}/delete/").status_code, 404)
        self.assertNotContains(self.client.get("/skills/mine/"), attempt.get_absolute_url())
        self.client.logout()
        r = self.client.get(attempt.get_absolute_url())
        self.assertRedirects(
            r, f"/account/sign-in/?next=/skills/mine/{attempt.pk}/", fetch_redirect_response=False
        )
        self.assertEqual(self.client.get("/skills/mine/").status_code, 302)
        self.assertEqual(self.client.post("/skills/save/", self.answers).status_code, 302)
        self.assertTrue(Attempt.objects.filter(pk=attempt.pk).exists())

    def test_the_owner_deletes_a_result(self):
        self.save(self.answers)
        attempt = Attempt.objects.get()
        self.assertEqual(self.client.get(f"/skills/mine/{attempt.pk}/delete/").status_code, 405)
        r = self.client.post(f"/skills/mine/{attempt.pk}/delete/")
        self.assertRedirects(r, "/skills/mine/")
        self.assertFalse(Attempt.objects.exists())

    def test_wrong_methods_when_signed_in(self):
        self.assertEqual(self.client.get("/skills/save/").status_code, 405)
        self.assertEqual(self.client.post("/skills/mine/").status_code, 405)
        self.save(self.answers)
        self.assertEqual(self.client.post(Attempt.objects.get().get_absolute_url()).status_code, 405)

    def test_a_bad_track_on_a_kept_result_is_a_clear_error(self):
        self.save(self.answers)
        r = self.client.get(Attempt.objects.get().get_absolute_url(), {"track": "nowhere"})
        self.assertContains(r, "“nowhere” is not a kind of library we know.", status_code=400)

    def test_my_data_export_includes_my_results(self):
        self.save(self.answers)
        exported = personal_data.export_for(self.learner)["skill_assessments"]
        self.assertEqual(len(exported), 1)
        self.assertEqual(exported[0]["answers"], self.answers)
        self.assertEqual(exported[0]["scores"]["closing-and-action"], 0)
        self.assertEqual(personal_data.export_for(self.outsider)["skill_assessments"], [])


@pytest.mark.parametrize("path", ["/skills/mine/", "/skills/mine/1/"])
def test_signed_out_people_are_sent_to_sign_in(client, path):
    r = client.get(path)
    assert r.status_code == 302 and r.url.startswith("/account/sign-in/?next=")
