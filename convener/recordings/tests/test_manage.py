"""Administrators schedule and edit live sessions, see registrations with access needs, and
attach the recording afterwards."""

from datetime import UTC, datetime, timedelta

from django.core import mail
from django.utils import timezone

from convener.recordings import actions
from convener.recordings.models import LiveSession, Recording, Registration, Status

from .base import DUMMY_TASKS, SessionTestCase, import_bundled_recordings, make_session, run_queued

NO_NEEDS = {"wants_captions": False, "wants_interpreter": False, "wants_other": False, "access_details": ""}


def session_data(**changes):
    return {
        "title": "Future Search for small towns",
        "description": "How one library ran a two-day planning event.",
        "starts_on": "2030-03-04",
        "start_time": "13:00",
        "time_zone": "America/New_York",
        "minutes": "90",
        "capacity": "40",
        "join_url": "https://meet.example.org/j/999",
        "dial_in": "",
        **changes,
    }


class ScheduleTests(SessionTestCase):
    def setUp(self):
        self.client.force_login(self.administrator)

    def test_an_administrator_schedules_a_session_in_a_chosen_zone(self):
        r = self.client.post("/recordings/live/manage/new/", session_data())
        session = LiveSession.objects.get(title="Future Search for small towns")
        self.assertRedirects(r, f"/recordings/live/manage/{session.pk}/", fetch_redirect_response=False)
        # 1 p.m. in New York on March 4, 2030 (standard time, UTC-5) is 18:00 UTC.
        self.assertEqual(session.starts_at, datetime(2030, 3, 4, 18, 0, tzinfo=UTC))
        self.assertEqual(session.ends_at, datetime(2030, 3, 4, 19, 30, tzinfo=UTC))
        self.assertEqual((session.time_zone, session.capacity), ("America/New_York", 40))

    def test_summer_time_is_taken_into_account(self):
        self.client.post("/recordings/live/manage/new/", session_data(starts_on="2030-07-04"))
        session = LiveSession.objects.get(title="Future Search for small towns")
        self.assertEqual(session.starts_at, datetime(2030, 7, 4, 17, 0, tzinfo=UTC))

    def test_a_time_skipped_by_the_clock_change_is_refused(self):
        r = self.client.post(
            "/recordings/live/manage/new/", session_data(starts_on="2030-03-10", start_time="02:30")
        )
        self.assertContains(r, "That time does not exist in America/New_York", status_code=400)
        self.assertContains(r, 'class="error-summary"', status_code=400)

    def test_the_start_must_be_in_the_future(self):
        r = self.client.post("/recordings/live/manage/new/", session_data(starts_on="2020-01-01"))
        self.assertContains(r, "Choose a start in the future.", status_code=400)

    def test_the_join_link_must_be_https(self):
        r = self.client.post(
            "/recordings/live/manage/new/", session_data(join_url="http://meet.example.org/j/1")
        )
        self.assertContains(r, "starts with https://", status_code=400)

    def test_required_fields_and_limits(self):
        r = self.client.post(
            "/recordings/live/manage/new/", session_data(title="", capacity="0", minutes="x")
        )
        self.assertEqual(r.status_code, 400)
        self.assertEqual(set(r.context["form"].errors), {"title", "capacity", "minutes"})
        self.assertEqual(LiveSession.objects.count(), 1)

    def test_the_form_offers_time_zones(self):
        r = self.client.get("/recordings/live/manage/new/")
        self.assertContains(r, '<option value="America/Chicago">America/Chicago</option>')
        self.assertContains(r, '<option value="UTC" selected>UTC</option>')

    def test_editing_shows_the_local_start(self):
        r = self.client.get(f"/recordings/live/manage/{self.session.pk}/")
        local = self.session.local_start
        self.assertContains(r, f'value="{local.date().isoformat()}"')
        self.assertContains(r, f'value="{local.strftime("%H:%M")}"')

    def test_more_seats_move_people_off_the_waitlist(self):
        for person in (self.learner, self.facilitator, self.outsider):
            actions.register(person, self.session, NO_NEEDS)
        local = self.session.local_start
        data = session_data(
            starts_on=local.date().isoformat(),
            start_time=local.strftime("%H:%M"),
            time_zone=self.session.time_zone,
            capacity="3",
        )
        with DUMMY_TASKS:
            with self.captureOnCommitCallbacks(execute=True):
                r = self.client.post(f"/recordings/live/manage/{self.session.pk}/", data)
            self.assertRedirects(
                r, f"/recordings/live/manage/{self.session.pk}/", fetch_redirect_response=False
            )
            run_queued()
        self.assertEqual(Registration.objects.get(user=self.outsider).status, Status.REGISTERED)
        self.assertEqual([m.to for m in mail.outbox], [["otto@example.org"]])

    def test_capacity_cannot_drop_below_the_seats_taken(self):
        actions.register(self.learner, self.session, NO_NEEDS)
        actions.register(self.facilitator, self.session, NO_NEEDS)
        local = self.session.local_start
        data = session_data(
            starts_on=local.date().isoformat(), start_time=local.strftime("%H:%M"), capacity="1"
        )
        r = self.client.post(f"/recordings/live/manage/{self.session.pk}/", data)
        self.assertContains(r, "2 people already hold a seat", status_code=400)
        self.session.refresh_from_db()
        self.assertEqual(self.session.capacity, 2)

    def test_the_manage_list_counts_seats_and_the_waitlist(self):
        for person in (self.learner, self.facilitator, self.outsider):
            actions.register(person, self.session, NO_NEEDS)
        r = self.client.get("/recordings/live/manage/")
        self.assertContains(r, "<td>2 / 2</td>", html=True)
        self.assertContains(r, "<td>1</td>", html=True)


class RegistrationsListTests(SessionTestCase):
    def test_the_administrator_sees_who_is_coming_and_what_they_need(self):
        actions.register(
            self.learner,
            self.session,
            {**NO_NEEDS, "wants_captions": True, "wants_interpreter": True, "access_details": "ASL"},
        )
        actions.register(
            self.facilitator,
            self.session,
            {**NO_NEEDS, "wants_other": True, "access_details": "Slides ahead"},
        )
        actions.register(self.outsider, self.session, NO_NEEDS)
        self.client.force_login(self.administrator)
        r = self.client.get(f"/recordings/live/manage/{self.session.pk}/registrations/")
        self.assertContains(r, "Lee Learner")
        self.assertContains(r, "Live captions, Interpreter")
        self.assertContains(r, "ASL")
        self.assertContains(r, "Slides ahead")
        self.assertEqual([x.user for x in r.context["waiting"]], [self.outsider])
        self.assertEqual(r.context["needs"], {"captions": 1, "interpreter": 1, "other": 1})
        self.assertEqual(r["Cache-Control"], "private, no-store")


class AttachRecordingTests(SessionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_bundled_recordings()
        cls.past = make_session(starts_at=timezone.now() - timedelta(days=1))
        Registration.objects.create(session=cls.past, user=cls.learner, status=Status.REGISTERED)

    def test_attaching_after_the_session_tells_the_people_who_came(self):
        self.client.force_login(self.administrator)
        recording = Recording.objects.get(slug="future-search")
        with DUMMY_TASKS:
            with self.captureOnCommitCallbacks(execute=True):
                r = self.client.post(
                    f"/recordings/live/manage/{self.past.pk}/recording/", {"recording": recording.pk}
                )
            self.assertRedirects(r, f"/recordings/live/manage/{self.past.pk}/", fetch_redirect_response=False)
            run_queued()
        self.past.refresh_from_db()
        self.assertEqual(self.past.recording, recording)
        self.assertEqual([m.to for m in mail.outbox], [["lee@example.org"]])

    def test_not_before_the_session_ends(self):
        self.client.force_login(self.administrator)
        recording = Recording.objects.get(slug="future-search")
        r = self.client.post(
            f"/recordings/live/manage/{self.session.pk}/recording/", {"recording": recording.pk}
        )
        self.assertContains(r, "The session has not ended yet", status_code=400)
        self.session.refresh_from_db()
        self.assertIsNone(self.session.recording)


class StaffOnlyTests(SessionTestCase):
    def pages(self):
        pk = self.session.pk
        return [
            ("get", "/recordings/live/manage/"),
            ("get", "/recordings/live/manage/new/"),
            ("get", f"/recordings/live/manage/{pk}/"),
            ("get", f"/recordings/live/manage/{pk}/registrations/"),
            ("post", f"/recordings/live/manage/{pk}/recording/"),
        ]

    def test_anonymous_people_are_sent_to_sign_in(self):
        for method, url in self.pages():
            r = getattr(self.client, method)(url)
            self.assertEqual(r.status_code, 302, url)
            self.assertIn("/account/sign-in/", r.url)

    def test_people_who_are_not_administrators_are_refused(self):
        self.client.force_login(self.learner)
        for method, url in self.pages():
            self.assertEqual(getattr(self.client, method)(url).status_code, 403, url)
        self.assertEqual(self.client.post("/recordings/live/manage/new/", session_data()).status_code, 403)
        self.assertEqual(LiveSession.objects.count(), 1)

    def test_the_wrong_methods(self):
        self.client.force_login(self.administrator)
        pk = self.session.pk
        self.assertEqual(self.client.post("/recordings/live/manage/").status_code, 405)
        self.assertEqual(self.client.post(f"/recordings/live/manage/{pk}/registrations/").status_code, 405)
        self.assertEqual(self.client.get(f"/recordings/live/manage/{pk}/recording/").status_code, 405)
        self.assertEqual(self.client.put(f"/recordings/live/manage/{pk}/").status_code, 405)
        self.assertEqual(self.client.delete("/recordings/live/manage/new/").status_code, 405)

    def test_an_unknown_session_is_404(self):
        self.client.force_login(self.administrator)
        self.assertEqual(self.client.get("/recordings/live/manage/999999/").status_code, 404)
        self.assertEqual(self.client.get("/recordings/live/manage/999999/registrations/").status_code, 404)


class PersonalDataTests(SessionTestCase):
    def test_my_registrations_and_calendar_are_in_my_data(self):
        import json

        actions.register(self.learner, self.session, {**NO_NEEDS, "wants_captions": True})
        actions.register(self.facilitator, self.session, NO_NEEDS)
        feed = actions.calendar_feed(self.learner)
        self.client.force_login(self.learner)
        data = json.loads(self.client.post("/account/my-data/export/").content)
        [mine] = data["live_session_registrations"]
        self.assertEqual(
            (mine["session__title"], mine["status"], mine["wants_captions"]),
            ("Hosting a Conversation Café", "registered", True),
        )
        self.assertEqual(data["calendar_feed"][0]["token"], feed.token)
