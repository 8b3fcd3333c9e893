"""After a session starts, administrators tick who attended; people see their own attendance and
find it in their data; only seat holders can have attended."""

import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from convener.accounts import actions as account_actions
from convener.recordings import actions
from convener.recordings.models import LiveSession, Registration, Status
from convener.test import make_person

from .base import SessionTestCase, make_session


class AttendanceTestCase(SessionTestCase):
    """A session that started ten minutes ago: learner and facilitator hold the two seats, the
    outsider waits, and Cam cancelled."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.live = make_session(starts_at=timezone.now() - timedelta(minutes=10), capacity=2)
        cls.canceller = make_person("cam@example.org", "Cam Cancelled")

        def seat(user, status):
            return Registration.objects.create(session=cls.live, user=user, status=status)

        cls.lee = seat(cls.learner, Status.REGISTERED)
        cls.fran = seat(cls.facilitator, Status.REGISTERED)
        cls.otto = seat(cls.outsider, Status.WAITLISTED)
        cls.cam = seat(cls.canceller, Status.CANCELLED)

    def page(self, session=None):
        return f"/recordings/live/manage/{(session or self.live).pk}/attendance/"

    def attended(self):
        return set(
            Registration.objects.filter(session=self.live)
            .exclude(attended_at=None)
            .values_list("user__email", flat=True)
        )


class TakeAttendanceTests(AttendanceTestCase):
    def setUp(self):
        self.client.force_login(self.administrator)

    def test_the_page_lists_seat_holders_only_as_labelled_check_boxes_in_a_fieldset(self):
        r = self.client.get(self.page())
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Cache-Control"], "private, no-store")
        body = r.content.decode()
        self.assertIn("<fieldset", body)
        self.assertInHTML("<legend>Who attended:</legend>", body)
        self.assertEqual(body.count('type="checkbox"'), 2)
        self.assertContains(r, "Lee Learner (lee@example.org)")
        self.assertContains(r, "Fran Facilitator")
        self.assertNotContains(r, "Otto Outsider")
        self.assertNotContains(r, "Cam Cancelled")
        self.assertContains(r, "1 person on the waitlist is not listed")
        self.assertContains(r, "Attendance has not been taken yet.")

    def test_saving_marks_the_ticked_and_keeps_the_ticks(self):
        r = self.client.post(self.page(), {"attended": [self.lee.pk]})
        self.assertRedirects(r, self.page(), fetch_redirect_response=False)
        self.assertEqual(self.attended(), {"lee@example.org"})
        self.live.refresh_from_db()
        self.assertIsNotNone(self.live.attendance_taken_at)

        page = self.client.get(self.page())
        self.assertContains(page, "Saved: 1 person attended.")
        self.assertContains(page, "Attendance last saved")
        # Ordered by name: Fran first, then Lee, whose box stays ticked.
        self.assertContains(page, self.box(0, self.fran), html=True)
        self.assertContains(page, self.box(1, self.lee, checked=True), html=True)

    def box(self, index, registration, checked=False):
        tick = " checked" if checked else ""
        value = registration.pk
        return f'<input type="checkbox" name="attended" value="{value}" id="id_attended_{index}"{tick}>'

    def test_saving_again_corrects_the_list_and_keeps_the_first_mark_time(self):
        self.client.post(self.page(), {"attended": [self.lee.pk]})
        first = Registration.objects.get(pk=self.lee.pk).attended_at
        self.client.post(self.page(), {"attended": [self.lee.pk, self.fran.pk]})
        self.assertEqual(self.attended(), {"lee@example.org", "fran@example.org"})
        self.assertEqual(Registration.objects.get(pk=self.lee.pk).attended_at, first)
        self.client.post(self.page(), {"attended": [self.fran.pk]})
        self.assertEqual(self.attended(), {"fran@example.org"})

    def test_nobody_ticked_is_a_list_taken_with_nobody_there(self):
        self.client.post(self.page(), {"attended": [self.lee.pk]})
        r = self.client.post(self.page(), {})
        self.assertRedirects(r, self.page(), fetch_redirect_response=False)
        self.assertEqual(self.attended(), set())
        self.live.refresh_from_db()
        self.assertTrue(self.live.attendance_taken)

    def test_waitlisted_and_cancelled_people_cannot_be_marked(self):
        for registration in (self.otto, self.cam):
            r = self.client.post(self.page(), {"attended": [self.lee.pk, registration.pk]})
            self.assertContains(r, "is not one of the available choices", status_code=400)
            self.assertContains(r, 'class="error-summary"', status_code=400)
        self.assertEqual(self.attended(), set())

    def test_someone_elses_session_registration_cannot_be_marked(self):
        other = make_session(starts_at=timezone.now() - timedelta(hours=1))
        stranger = Registration.objects.create(
            session=other, user=make_person("s@example.org", "S"), status=Status.REGISTERED
        )
        r = self.client.post(self.page(), {"attended": [stranger.pk]})
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Registration.objects.exclude(attended_at=None).exists())

    def test_the_database_refuses_attendance_without_a_seat(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Registration.objects.filter(pk=self.otto.pk).update(attended_at=timezone.now())

    def test_cancelling_while_the_session_runs_clears_the_mark(self):
        actions.take_attendance(self.live, [self.lee, self.fran])
        actions.cancel(self.learner, self.live)
        self.assertEqual(self.attended(), {"fran@example.org"})

    def test_before_the_start_the_page_explains_and_a_post_is_refused(self):
        Registration.objects.create(session=self.session, user=self.learner, status=Status.REGISTERED)
        r = self.client.get(self.page(self.session))
        self.assertContains(r, "The session has not started yet.")
        self.assertNotContains(r, 'type="checkbox"')
        seat = Registration.objects.get(session=self.session)
        r = self.client.post(self.page(self.session), {"attended": [seat.pk]})
        self.assertContains(r, "The session has not started yet. Mark who attended once", status_code=400)
        self.assertContains(r, 'class="error-summary"', status_code=400)
        self.assertIsNone(Registration.objects.get(pk=seat.pk).attended_at)
        self.session.refresh_from_db()
        self.assertIsNone(self.session.attendance_taken_at)

    def test_a_session_without_seat_holders_says_so(self):
        empty = make_session(starts_at=timezone.now() - timedelta(days=2))
        r = self.client.get(self.page(empty))
        self.assertContains(r, "Nobody held a seat, so there is nobody to mark.")

    def test_the_page_is_reachable_from_the_session_and_registrations_pages(self):
        for url in (
            f"/recordings/live/manage/{self.live.pk}/",
            f"/recordings/live/manage/{self.live.pk}/registrations/",
        ):
            self.assertContains(self.client.get(url), f'href="{self.page()}"')

    def test_the_registrations_page_and_manage_list_count_who_attended(self):
        past = make_session(starts_at=timezone.now() - timedelta(days=2), capacity=5)
        seats = [
            Registration.objects.create(session=past, user=person, status=Status.REGISTERED)
            for person in (self.learner, self.facilitator, self.outsider)
        ]
        r = self.client.get("/recordings/live/manage/")
        self.assertContains(r, "Take attendance")
        actions.take_attendance(past, seats[:2])
        r = self.client.get(f"/recordings/live/manage/{past.pk}/registrations/")
        self.assertInHTML("<div><dt>Attended</dt><dd>2 / 3</dd></div>", r.content.decode())
        [row] = [s for s in self.client.get("/recordings/live/manage/").context["past"] if s.pk == past.pk]
        self.assertEqual((row.registered_count, row.attended_count), (3, 2))


class AttendancePermissionTests(AttendanceTestCase):
    def test_anonymous_people_are_sent_to_sign_in(self):
        for method in ("get", "post"):
            r = getattr(self.client, method)(self.page())
            self.assertEqual(r.status_code, 302)
            self.assertIn("/account/sign-in/", r.url)
        self.assertEqual(self.attended(), set())

    def test_people_who_are_not_administrators_are_refused(self):
        for person in (self.learner, self.facilitator):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.page()).status_code, 403)
            self.assertEqual(self.client.post(self.page(), {"attended": [self.lee.pk]}).status_code, 403)
        self.assertEqual(self.attended(), set())
        self.assertIsNone(LiveSession.objects.get(pk=self.live.pk).attendance_taken_at)

    def test_the_wrong_method_and_an_unknown_session(self):
        self.client.force_login(self.administrator)
        self.assertEqual(self.client.put(self.page()).status_code, 405)
        self.assertEqual(self.client.get("/recordings/live/manage/999999/attendance/").status_code, 404)


class OwnAttendanceTests(AttendanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.past = make_session(title="Study circles, live", starts_at=timezone.now() - timedelta(days=2))
        for person in (cls.learner, cls.facilitator):
            Registration.objects.create(session=cls.past, user=person, status=Status.REGISTERED)
        actions.take_attendance(cls.past, Registration.objects.filter(session=cls.past, user=cls.learner))

    def test_the_live_list_and_the_session_page_say_you_attended(self):
        self.client.force_login(self.learner)
        self.assertContains(self.client.get("/recordings/live/"), "You attended", count=1)
        self.assertContains(self.client.get(self.past.get_absolute_url()), "You attended")

    def test_someone_who_did_not_attend_sees_no_such_note(self):
        self.client.force_login(self.facilitator)
        self.assertNotContains(self.client.get("/recordings/live/"), "You attended")
        self.assertNotContains(self.client.get(self.past.get_absolute_url()), "You attended")

    def test_attendance_is_in_my_data(self):
        self.client.force_login(self.learner)
        data = json.loads(self.client.post("/account/my-data/export/").content)
        rows = {row["session__title"]: row for row in data["live_session_registrations"]}
        marked = Registration.objects.get(session=self.past, user=self.learner).attended_at
        self.assertEqual(rows["Study circles, live"]["attended_at"], marked.isoformat())
        self.assertIsNone(rows["Hosting a Conversation Café"]["attended_at"])

    def test_deleting_the_account_deletes_the_attendance(self):
        account_actions.delete_account(self.learner)
        self.assertFalse(Registration.objects.filter(user_id=self.learner.pk).exists())
        self.assertEqual(Registration.objects.exclude(attended_at=None).count(), 0)
        self.assertTrue(Registration.objects.filter(session=self.past, user=self.facilitator).exists())
