import csv
import io
from datetime import timedelta

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from convener.certificates import actions as certificate_actions
from convener.courses import actions
from convener.courses.models import Course, CourseCompletion, Enrollment
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

    def test_a_completion_counts_only_for_its_own_enrollment(self):
        # The facilitator finished another course, begun long before the range; the learner began
        # that course in the range and has not finished it.
        other = Course.objects.create(slug="other", title="Other", summary="-", estimated_hours=1)
        begun = timezone.now() - timedelta(days=500)
        Enrollment.objects.create(user=self.facilitator, course=other)
        Enrollment.objects.filter(user=self.facilitator, course=other).update(started_at=begun)
        CourseCompletion.objects.create(user=self.facilitator, course=other, completed_at=timezone.now())
        Enrollment.objects.create(user=self.learner, course=other)
        figures = completion_figures(FilterForm({}).filters())
        self.assertEqual((figures["started"], figures["completed"]), (3, 1))
        # Its 500 days count towards the median time to complete, which is then the middle of 0 and 500.
        self.assertAlmostEqual(figures["median_days"], 250, delta=1)


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


class CachedFiguresTests(ReportTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.administrator)

    def enrollments_shown(self, **params):
        r = self.client.get("/reports/totals.csv", params)
        return list(csv.reader(io.StringIO(r.content.decode())))[1][2]

    def test_figures_are_kept_until_computed_again(self):
        self.assertEqual(self.enrollments_shown(), "2")
        Enrollment.objects.create(user=make_person("new@example.org", "New"), course=self.course)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.enrollments_shown(), "2")
        self.assertFalse([q for q in queries if "courses_enrollment" in q["sql"]])
        r = self.client.get("/reports/", {"fresh": "1"})
        self.assertContains(r, "Compute again now")
        self.assertEqual(self.enrollments_shown(), "3")

    def test_each_set_of_filters_has_its_own_figures(self):
        self.assertEqual(self.enrollments_shown(), "2")
        self.assertEqual(self.enrollments_shown(library_type="academic"), "1")

    @override_settings(REPORT_CACHE_SECONDS=0)
    def test_figures_can_be_computed_on_every_request(self):
        self.assertEqual(self.enrollments_shown(), "2")
        Enrollment.objects.filter(user=self.facilitator).delete()
        self.assertEqual(self.enrollments_shown(), "1")

    def test_requests_arriving_together_share_one_computation(self):
        import threading
        import time
        from unittest import mock

        from convener.reports import tables

        calls = []

        def slow_figures(filters):
            calls.append(filters)
            time.sleep(0.2)
            return {}

        filters = FilterForm({}).filters()
        with mock.patch.object(tables, "_compute", slow_figures):
            threads = [threading.Thread(target=tables.report_figures, args=(filters,)) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(len(calls), 1)

    def test_links_carry_the_filters_but_not_the_request_to_compute_again(self):
        r = self.client.get("/reports/", {"region": "Wyoming", "fresh": "1"})
        self.assertContains(r, 'href="/reports/summary/?region=Wyoming"')
        self.assertContains(r, 'href="?region=Wyoming&amp;fresh=1"')


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

    def test_seeddemo_registers_people_for_live_sessions_and_marks_who_attended(self):
        from django.core.management import call_command
        from django.db.models import Count, Q

        from convener.recordings.models import LiveSession, Registration

        call_command("seeddemo", learners=400, stdout=io.StringIO())
        sessions = LiveSession.objects.annotate(
            seated=Count("registrations", filter=Q(registrations__status="registered")),
            attended=Count("registrations", filter=Q(registrations__attended_at__isnull=False)),
        )
        self.assertGreater(Registration.objects.count(), 100)
        self.assertTrue(all(s.seated <= s.capacity for s in sessions))
        for s in sessions:
            if not s.attendance_taken:
                self.assertEqual(s.attended, 0, "attended without attendance taken")
        now = timezone.now()
        self.assertTrue(sessions.filter(starts_at__gt=now).exists())
        self.assertFalse(sessions.filter(starts_at__gt=now).exclude(attendance_taken_at=None).exists())
        taken = [s for s in sessions if s.attendance_taken]
        share = sum(s.attended for s in taken) / sum(s.seated for s in taken)
        self.assertTrue(0.4 < share < 0.8, share)
        self.assertFalse(Registration.objects.exclude(attended_at=None).exclude(status="registered").exists())

        # A second run adds learners to the same sessions.
        count = sessions.count()
        call_command("seeddemo", learners=50, stdout=io.StringIO())
        self.assertEqual(LiveSession.objects.count(), count)

    def test_seeddemo_adds_self_assessments_and_conversations_the_report_shows(self):
        from django.core.management import call_command

        from convener.assessment.definition import Definition
        from convener.assessment.models import Attempt
        from convener.assessment.scoring import score
        from convener.authoring.importer import DEFAULT_ROOT, import_content
        from convener.conversations.models import Conversation
        from convener.reports.sections import conversations, skill_gaps

        import_content(DEFAULT_ROOT)
        call_command("seeddemo", learners=600, stdout=io.StringIO())
        definition = Definition.current()
        attempts = list(Attempt.objects.all())
        self.assertTrue(100 < len(attempts) < 350, len(attempts))
        for attempt in attempts:
            self.assertEqual(attempt.scores, score(definition, attempt.answers))
        self.assertLess(min(a.created_at for a in attempts), timezone.now() - timedelta(days=60))
        self.assertGreater(len({a.user_id for a in attempts}), 0)
        self.assertLess(len({a.user_id for a in attempts}), len(attempts), "nobody took it twice")

        planned = Conversation.objects.all()
        held = planned.exclude(held_on=None)
        self.assertTrue(15 < planned.count() < 70, planned.count())
        self.assertTrue(held.exists() and not held.filter(attendance=None).exists())
        self.assertFalse(held.filter(held_on__gt=timezone.localdate()).exists())
        self.assertLess(min(c.created_at for c in planned), timezone.now() - timedelta(days=60))

        filters = FilterForm({"start": "2000-01-01"}).filters()
        self.assertTrue(all(sum(row[1:4]) for row in skill_gaps(filters).rows))
        self.assertEqual(sum(row[2] for row in conversations(filters).rows), held.count())


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
        self.assertEqual(rows[1][1:], ["10", "1", "0", "0", "1", "0", "Not taken"])


class LiveSessionAttendanceTests(ReportTestCase):
    """Attended and the attendance rate per session and in the totals row, from one grouped query."""

    def setUp(self):
        from convener.recordings import actions as recording_actions
        from convener.recordings.models import LiveSession, Registration

        super().setUp()
        people = [make_person(f"p{n}@example.org", f"Person {n}") for n in range(6)]

        def session(title, days_ago, capacity):
            return LiveSession.objects.create(
                title=title,
                description="d",
                starts_at=timezone.now() - timedelta(days=days_ago),
                minutes=60,
                capacity=capacity,
                join_url="https://meet.example.org/x",
                time_zone="UTC",
            )

        def seat(session, person, status="registered"):
            return Registration.objects.create(session=session, user=person, status=status)

        # Taken: 4 seats, 3 attended, one waiting, one cancelled.
        self.cafe = session("Café live", 20, 4)
        seats = [seat(self.cafe, person) for person in people[:4]]
        seat(self.cafe, people[4], "waitlisted")
        seat(self.cafe, people[5], "cancelled")
        recording_actions.take_attendance(self.cafe, seats[:3])
        # Taken, and nobody came.
        self.forum = session("Forum live", 10, 5)
        seat(self.forum, people[0])
        recording_actions.take_attendance(self.forum, [])
        # Not taken: its two seats must not pull the rate down.
        self.circle = session("Circle live", 5, 2)
        seat(self.circle, people[1])
        seat(self.circle, people[2])

    def csv_rows(self, **query):
        self.client.force_login(self.administrator)
        r = self.client.get("/reports/live_sessions.csv", query)
        return list(csv.reader(io.StringIO(r.content.decode())))

    def test_attended_and_rate_per_session_and_in_the_totals(self):
        header, *rows = self.csv_rows()
        self.assertEqual(header[-2:], ["Attended", "Attendance rate %"])
        self.assertEqual(header[0], "Live sessions: registrations and attendance")
        by_title = {row[0].split(" ", 1)[1]: row[1:] for row in rows}
        self.assertEqual(by_title["Café live"], ["4", "4", "1", "1", "0", "3", "75"])
        self.assertEqual(by_title["Forum live"], ["5", "1", "0", "0", "0", "0", "0"])
        self.assertEqual(by_title["Circle live"], ["2", "2", "0", "0", "0", "0", "Not taken"])
        # Totals: 3 attended of the 5 seats in the sessions whose attendance was taken.
        self.assertEqual(rows[-1], ["All sessions", "11", "7", "1", "1", "0", "3", "60"])

    def test_the_date_range_applies_to_the_totals(self):
        start = (timezone.localdate() - timedelta(days=12)).isoformat()
        *_header, forum, circle, totals = self.csv_rows(start=start)
        titles = [row[0].split(" ", 1)[1] for row in (forum, circle)]
        self.assertEqual(titles, ["Forum live", "Circle live"])
        self.assertEqual(totals, ["All sessions", "7", "3", "0", "0", "0", "0", "0"])

    def test_no_rate_when_no_attendance_was_taken_and_no_totals_without_sessions(self):
        start = (timezone.localdate() - timedelta(days=6)).isoformat()
        *_header, circle, totals = self.csv_rows(start=start)
        self.assertEqual((circle[-1], totals[-1]), ("Not taken", "Not taken"))
        end = (timezone.localdate() - timedelta(days=30)).isoformat()
        self.assertEqual(len(self.csv_rows(end=end)), 1)

    def test_registrations_follow_the_library_type_and_region_filters_and_leave_out_staff(self):
        from convener.recordings.models import Registration

        Registration.objects.create(session=self.circle, user=self.learner, status="registered")
        Registration.objects.create(session=self.circle, user=self.administrator, status="registered")
        circle = {row[0].split(" ", 1)[1]: row[1:] for row in self.csv_rows()[1:]}["Circle live"]
        self.assertEqual(circle[:2], ["2", "3"])
        *_header, cafe, forum, circle, totals = self.csv_rows(library_type="small_rural", region="wyoming")
        self.assertEqual([row[2] for row in (cafe, forum, circle)], ["0", "0", "1"])
        self.assertEqual(totals[1:3], ["11", "1"])

    def test_one_grouped_query_and_no_names(self):
        from convener.reports import sections

        filters = FilterForm({}).filters()
        with self.assertNumQueries(1):
            table = sections.live_sessions(filters)
        cells = " ".join(str(cell) for row in table.rows for cell in row)
        for private in ("Person 0", "p0@example.org", "Lee Learner"):
            self.assertNotIn(private, cells)
        self.client.force_login(self.administrator)
        self.assertContains(self.client.get("/reports/"), '<th scope="row">All sessions</th>', html=True)


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
