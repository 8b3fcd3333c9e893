import csv
import io
from datetime import timedelta

from django.utils import timezone

from convener.certificates import actions as certificate_actions
from convener.courses import actions
from convener.courses.models import Enrollment
from convener.reports.forms import FilterForm
from convener.reports.queries import completion_figures, learning_measures
from convener.test import CourseTestCase, is_tagged, make_person, read_pdf

RIGHT = {"main-job": [0], "good-habits": [0, 1], "silence": [1]}


class ReportTestCase(CourseTestCase):
    def finish(self, user):
        with self.captureOnCommitCallbacks(execute=True):
            for lesson in self.course.modules.get(slug="first-steps").lessons.filter(required=True):
                actions.record_visit(user, lesson)
                actions.complete_lesson(user, lesson)
            practice = self.course.modules.get(slug="practice")
            actions.complete_lesson(user, practice.lessons.get(slug="the-loud-voice"))
            actions.complete_lesson(user, practice.lessons.get(slug="start-your-plan"))
            actions.submit_check(user, practice.lessons.get(slug="quick-check"), RIGHT)

    def setUp(self):
        self.finish(self.learner)  # small_rural, Wyoming
        certificate_actions.issue(self.learner, self.course, "Lee")
        actions.record_visit(
            self.facilitator, self.course.modules.first().lessons.first()
        )  # academic, enrolled only


class QueryTests(ReportTestCase):
    def measures(self, **filters):
        return {m.key: m for m in learning_measures(FilterForm(filters).filters())}

    def test_counts_and_breakdowns(self):
        m = self.measures()
        self.assertEqual(m["enrollments"].total, 2)
        self.assertEqual(m["course_completions"].total, 1)
        self.assertEqual(m["course_completions"].by_library_type, {"small_rural": 1})
        self.assertEqual(m["course_completions"].by_region, {"Wyoming": 1})
        self.assertEqual(m["certificates_issued"].total, 1)
        self.assertEqual(m["module_completions"].total, 2)
        month = timezone.now().strftime("%Y-%m")
        self.assertEqual(m["enrollments"].by_month, {month: 2})

    def test_staff_are_not_counted(self):
        self.finish(self.administrator)
        self.assertEqual(self.measures()["course_completions"].total, 1)

    def test_filters_by_library_type_and_region(self):
        self.assertEqual(self.measures(library_type="academic")["enrollments"].total, 1)
        self.assertEqual(self.measures(region="wyoming")["enrollments"].total, 1)

    def test_date_range(self):
        old = timezone.now() - timedelta(days=400)
        Enrollment.objects.filter(user=self.facilitator).update(started_at=old)
        self.assertEqual(self.measures()["enrollments"].total, 1)
        since = (old - timedelta(days=1)).date().isoformat()
        self.assertEqual(self.measures(start=since)["enrollments"].total, 2)

    def test_completion_rate_and_median(self):
        figures = completion_figures(FilterForm({}).filters())
        self.assertEqual((figures["started"], figures["completed"], figures["rate"]), (2, 1, 50))
        self.assertIsNotNone(figures["median_days"])


class DashboardTests(ReportTestCase):
    def test_administrators_see_figures_charts_and_tables(self):
        self.client.force_login(self.administrator)
        r = self.client.get("/reports/")
        self.assertContains(r, "Course completions")
        self.assertContains(r, '<svg class="chart" role="img"')
        self.assertContains(r, '<th scope="row">Public library — small or rural</th>', html=True)
        self.assertContains(r, "Totals only")

    def test_no_personal_details_appear(self):
        self.client.force_login(self.administrator)
        body = self.client.get("/reports/").content.decode()
        for private in ("lee@example.org", "Lee Learner", "Fran Facilitator"):
            self.assertNotIn(private, body)

    def test_every_table_exports_as_csv(self):
        self.client.force_login(self.administrator)
        for table in ("totals", "library_type", "region", "month"):
            r = self.client.get(f"/reports/{table}.csv")
            self.assertEqual(r["Content-Type"], "text/csv; charset=utf-8")
            rows = list(csv.reader(io.StringIO(r.content.decode())))
            self.assertIn("Enrollments", rows[0])
        region = list(csv.reader(io.StringIO(self.client.get("/reports/region.csv").content.decode())))
        self.assertIn(["Wyoming", "1", "1", "2", "1", "1", "0"], region)

    def test_unknown_table_is_404(self):
        self.client.force_login(self.administrator)
        self.assertEqual(self.client.get("/reports/nope.csv").status_code, 404)

    def test_bad_dates_are_explained_and_kept(self):
        self.client.force_login(self.administrator)
        r = self.client.get("/reports/", {"start": "2026-05-01", "end": "2026-01-01"})
        self.assertContains(r, "The end date is before the start date.")
        self.assertContains(r, 'value="2026-05-01"')

    def test_the_funder_summary_and_its_pdf(self):
        self.client.force_login(self.administrator)
        self.assertContains(self.client.get("/reports/summary/"), "program summary")
        pdf = read_pdf(self.client.get("/reports/summary.pdf").content)
        self.assertTrue(is_tagged(pdf))
        self.assertEqual(len(pdf.pages), 1)
        self.assertIn("Course completions", pdf.pages[0].extract_text())

    def test_learners_and_visitors_are_refused(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get("/reports/").status_code, 403)
        self.assertEqual(self.client.get("/reports/region.csv").status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get("/reports/").status_code, 302)

    def test_wrong_method(self):
        self.client.force_login(self.administrator)
        self.assertEqual(self.client.post("/reports/").status_code, 405)


class SeedTests(ReportTestCase):
    def test_seeddemo_adds_learners_with_history(self):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        before = Enrollment.objects.count()
        call_command("seeddemo", learners=200, stdout=out)
        self.assertIn("200 learners", out.getvalue())
        self.assertGreater(Enrollment.objects.count(), before + 100)
        self.assertTrue(
            Enrollment.objects.filter(started_at__lt=timezone.now() - timedelta(days=30)).exists()
        )
        make_person("after@example.org", "After")


class ProgramSectionTests(ReportTestCase):
    def test_skill_gaps_and_live_sessions_are_reported_as_totals(self):
        from convener.assessment.models import Attempt, Skill
        from convener.recordings.models import LiveSession, Registration

        skill = Skill.objects.create(
            slug="listening", position=1, name="Listening", description="d", modules=[]
        )
        Attempt.objects.create(user=self.learner, answers={}, scores={"listening": 20})
        Attempt.objects.create(user=self.facilitator, answers={}, scores={"listening": 80})
        session = LiveSession.objects.create(
            title="World Café live",
            description="d",
            starts_at=timezone.now(),
            minutes=60,
            capacity=10,
            join_url="https://meet.example.org/x",
            time_zone="UTC",
        )
        Registration.objects.create(
            session=session, user=self.learner, status="registered", wants_captions=True
        )
        self.client.force_login(self.administrator)
        body = self.client.get("/reports/").content.decode()
        self.assertIn("Self-assessment: skills by band", body)
        rows = list(csv.reader(io.StringIO(self.client.get("/reports/skill_gaps.csv").content.decode())))
        self.assertIn([skill.name, "1", "0", "1", "50"], rows)
        rows = list(csv.reader(io.StringIO(self.client.get("/reports/live_sessions.csv").content.decode())))
        self.assertEqual(rows[1][1:], ["10", "1", "0", "0", "1"])


class ConversationSectionTests(ReportTestCase):
    def test_conversations_planned_and_held_by_method_with_attendance(self):

        from convener.conversations.models import Conversation

        Conversation.objects.create(owner=self.learner, title="A")
        Conversation.objects.create(
            owner=self.facilitator, title="B", held_on=timezone.localdate(), attendance=24
        )
        self.client.force_login(self.administrator)
        rows = list(csv.reader(io.StringIO(self.client.get("/reports/conversations.csv").content.decode())))
        self.assertEqual(rows[0], ["Conversations by method", "Planned", "Held", "Total attendance"])
        self.assertEqual(rows[1], ["No method", "2", "1", "24"])
        self.assertNotIn("A", [cell for row in rows for cell in row])
