"""Reminders 24 hours and 1 hour before, sent by the task worker, each at most once; and the
notice that a session's recording is ready."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from convener.recordings import actions, notices, tasks
from convener.recordings.models import Registration
from convener.test import make_person

from .base import (
    DUMMY_TASKS,
    SessionTestCase,
    import_bundled_recordings,
    make_session,
    queued_tasks,
    run_queued,
)

NO_NEEDS = {"wants_captions": False, "wants_interpreter": False, "wants_other": False, "access_details": ""}
JOIN = "https://meet.example.org/j/123456"


class SchedulingTests(SessionTestCase):
    def register(self, user, session=None):
        with self.captureOnCommitCallbacks(execute=True):
            return actions.register(user, session or self.session, NO_NEEDS)

    @DUMMY_TASKS
    def test_registering_queues_both_reminders_for_their_times(self):
        registration = self.register(self.learner)
        queued = sorted((r.task.run_after, r.args) for r in queued_tasks())
        start = self.session.starts_at
        self.assertEqual(
            queued,
            [
                (start - timedelta(hours=24), [registration.pk, "24h"]),
                (start - timedelta(hours=1), [registration.pk, "1h"]),
            ],
        )
        self.assertTrue(all(r.task.name == "send_reminder" for r in queued_tasks()))

    @DUMMY_TASKS
    def test_a_late_registration_gets_only_the_reminders_still_ahead(self):
        soon = make_session(starts_at=timezone.now() + timedelta(hours=10))
        self.register(self.learner, soon)
        self.assertEqual([r.args[1] for r in queued_tasks()], ["1h"])
        queued_tasks().clear()
        sooner = make_session(starts_at=timezone.now() + timedelta(minutes=30))
        self.register(self.learner, sooner)
        self.assertEqual(queued_tasks(), [])

    @DUMMY_TASKS
    def test_the_waitlist_gets_no_reminders_until_promoted(self):
        self.register(self.learner)
        self.register(self.facilitator)
        queued_tasks().clear()
        self.register(self.outsider)
        self.assertEqual(queued_tasks(), [])
        with self.captureOnCommitCallbacks(execute=True):
            actions.cancel(self.learner, self.session)
        promoted = Registration.objects.get(user=self.outsider)
        self.assertEqual(
            sorted((r.task.name, r.args[-1]) for r in queued_tasks()),
            [("send_promotion_notice", promoted.pk), ("send_reminder", "1h"), ("send_reminder", "24h")],
        )

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
    def test_a_backend_that_cannot_defer_still_registers(self):
        registration = self.register(self.learner)
        self.assertTrue(registration.is_registered)
        self.assertEqual(mail.outbox, [])  # no reminder went out early


class SendingTests(SessionTestCase):
    def registered(self, starts_in, user=None):
        session = make_session(starts_at=timezone.now() + starts_in)
        return actions.register(user or self.learner, session, NO_NEEDS)

    def test_the_day_before_reminder_is_sent_once_when_the_task_runs_twice(self):
        registration = self.registered(timedelta(hours=23, minutes=30))
        self.assertEqual(tasks.send_reminder.call(registration.pk, "24h"), "sent")
        self.assertEqual(tasks.send_reminder.call(registration.pk, "24h"), "already sent")
        [email] = mail.outbox
        self.assertEqual(email.to, ["lee@example.org"])
        self.assertEqual(email.subject, "Tomorrow: Hosting a Conversation Café")
        self.assertIn(JOIN, email.body)
        self.assertIn("+1 555 0100, access code 4321", email.body)
        self.assertIsNotNone(Registration.objects.get(pk=registration.pk).reminded_24h_at)

    def test_the_hour_before_reminder_is_sent_once(self):
        registration = self.registered(timedelta(minutes=50))
        tasks.send_reminder.call(registration.pk, "1h")
        tasks.send_reminder.call(registration.pk, "1h")
        self.assertEqual(
            [m.subject for m in mail.outbox], ["Starting in an hour: Hosting a Conversation Café"]
        )

    def test_both_reminders_go_out_in_their_own_time(self):
        registration = self.registered(timedelta(days=3))
        start = registration.session.starts_at
        self.assertEqual(
            notices.send_reminder(registration.pk, "24h", now=start - timedelta(hours=24)), "sent"
        )
        self.assertEqual(notices.send_reminder(registration.pk, "1h", now=start - timedelta(hours=1)), "sent")
        self.assertEqual(len(mail.outbox), 2)

    def test_a_late_worker_skips_the_day_before_reminder_once_the_hour_reminder_is_due(self):
        registration = self.registered(timedelta(minutes=40))
        self.assertEqual(
            tasks.send_reminder.call(registration.pk, "24h"), "superseded by the 1-hour reminder"
        )
        self.assertEqual(mail.outbox, [])

    def test_nothing_is_sent_before_it_is_due(self):
        registration = self.registered(timedelta(days=3))
        self.assertEqual(tasks.send_reminder.call(registration.pk, "24h"), "not due yet")
        self.assertEqual(mail.outbox, [])

    def test_nothing_is_sent_after_the_start(self):
        registration = self.registered(timedelta(hours=2))
        start = registration.session.starts_at
        self.assertEqual(
            notices.send_reminder(registration.pk, "1h", now=start + timedelta(minutes=1)),
            "session already started",
        )
        self.assertEqual(mail.outbox, [])

    def test_a_cancelled_registration_gets_no_reminder(self):
        registration = self.registered(timedelta(minutes=50))
        actions.cancel(self.learner, registration.session)
        self.assertEqual(tasks.send_reminder.call(registration.pk, "1h"), "not registered")
        self.assertEqual(mail.outbox, [])

    def test_a_failed_send_releases_the_claim_for_a_retry(self):
        registration = self.registered(timedelta(minutes=50))
        down = mock.patch("convener.recordings.notices.send_mail", side_effect=OSError("mail server down"))
        with down, self.assertRaises(OSError):
            tasks.send_reminder.call(registration.pk, "1h")
        self.assertIsNone(Registration.objects.get(pk=registration.pk).reminded_1h_at)
        self.assertEqual(tasks.send_reminder.call(registration.pk, "1h"), "sent")
        self.assertEqual(len(mail.outbox), 1)

    def test_moving_a_session_later_resets_and_requeues_its_reminders(self):
        registration = self.registered(timedelta(minutes=50))
        tasks.send_reminder.call(registration.pk, "1h")
        session = registration.session
        from convener.recordings.forms import SessionForm

        later = (session.starts_at + timedelta(days=2)).astimezone(session.zone)
        form = SessionForm(
            {
                "title": session.title,
                "description": session.description,
                "starts_on": later.date().isoformat(),
                "start_time": later.strftime("%H:%M"),
                "time_zone": session.time_zone,
                "minutes": session.minutes,
                "capacity": session.capacity,
                "join_url": session.join_url,
                "dial_in": session.dial_in,
            },
            instance=session,
            registered=1,
        )
        self.assertTrue(form.is_valid(), form.errors)
        with DUMMY_TASKS:
            with self.captureOnCommitCallbacks(execute=True):
                actions.update_session(session, form)
            self.assertEqual(sorted(r.args[1] for r in queued_tasks()), ["1h", "24h"])
        self.assertIsNone(Registration.objects.get(pk=registration.pk).reminded_1h_at)


class RecordingNoticeTests(SessionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_bundled_recordings()
        cls.past = make_session(starts_at=timezone.now() - timedelta(days=1), capacity=1)

    def test_people_with_a_seat_are_told_once(self):
        Registration.objects.create(session=self.past, user=self.learner, status="registered")
        Registration.objects.create(session=self.past, user=self.outsider, status="waitlisted")
        Registration.objects.create(session=self.past, user=self.facilitator, status="cancelled")
        from convener.recordings.models import Recording

        recording = Recording.objects.get(slug="conversation-cafes")
        with DUMMY_TASKS:
            with self.captureOnCommitCallbacks(execute=True):
                actions.attach_recording(self.past, recording)
            self.assertEqual(run_queued(), [1])
            with self.captureOnCommitCallbacks(execute=True):
                actions.attach_recording(self.past, recording)  # attached again: nobody is told twice
            self.assertEqual(run_queued(), [0])
        [email] = mail.outbox
        self.assertEqual(email.to, ["lee@example.org"])
        self.assertIn("/recordings/conversation-cafes/", email.body)
        self.past.refresh_from_db()
        self.assertEqual(self.past.recording, recording)

    def test_the_session_page_links_the_recording_after_it(self):
        from convener.recordings.models import Recording

        actions.attach_recording(self.past, Recording.objects.get(slug="conversation-cafes"))
        page = self.client.get(self.past.get_absolute_url())
        self.assertContains(page, 'href="/recordings/conversation-cafes/">Watch the recording')

    def test_nobody_to_tell_without_a_recording(self):
        self.assertEqual(notices.send_recording_notices(self.past.pk), 0)
        make_person("x@example.org", "X")
        self.assertEqual(mail.outbox, [])


# The real database-backed worker (`convener worker`) commits as it goes, so these run outside a
# test transaction.


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_once_even_when_it_restarts(mailoutbox):
    person = make_person("w@example.org", "Wren Worker")
    session = make_session(starts_at=timezone.now() + timedelta(minutes=50))
    registration = actions.register(person, session, NO_NEEDS)
    # The same reminder queued twice (as after a restart part-way through), then the worker runs twice.
    tasks.send_reminder.enqueue(registration.pk, "1h")
    tasks.send_reminder.enqueue(registration.pk, "1h")
    call_command("worker", batch=True, verbosity=0)
    tasks.send_reminder.enqueue(registration.pk, "1h")
    call_command("worker", batch=True, verbosity=0)
    assert [m.subject for m in mailoutbox] == ["Starting in an hour: Hosting a Conversation Café"]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3


@pytest.mark.django_db(transaction=True)
def test_registering_queues_reminders_the_worker_runs_only_when_due(mailoutbox):
    person = make_person("w@example.org", "Wren Worker")
    session = make_session(starts_at=timezone.now() + timedelta(days=3))
    actions.register(person, session, NO_NEEDS)  # commits: the reminders are queued in the database
    queued = DBTaskResult.objects.order_by("run_after")
    assert [(r.task_path, r.run_after) for r in queued] == [
        ("convener.recordings.tasks.send_reminder", session.starts_at - timedelta(hours=24)),
        ("convener.recordings.tasks.send_reminder", session.starts_at - timedelta(hours=1)),
    ]
    call_command("worker", batch=True, verbosity=0)
    assert mailoutbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 2
