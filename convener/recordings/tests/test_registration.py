"""Registering for a live session: seats, the waitlist, promotion, access needs, the join link."""

from datetime import timedelta
from threading import Thread

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from convener.accounts import actions as account_actions
from convener.recordings import actions
from convener.recordings.models import Registration, Status
from convener.test import make_person

from .base import DUMMY_TASKS, SessionTestCase, make_session, queued_tasks, run_queued

NO_NEEDS = {"wants_captions": False, "wants_interpreter": False, "wants_other": False, "access_details": ""}
JOIN = "https://meet.example.org/j/123456"


class RegisterTests(SessionTestCase):
    def register(self, user, **needs):
        self.client.force_login(user)
        return self.client.post(self.url("register/"), needs)

    def status_of(self, user):
        return Registration.objects.get(session=self.session, user=user).status

    def test_a_person_registers_and_sees_the_join_link(self):
        r = self.register(self.learner)
        self.assertRedirects(r, self.url(), fetch_redirect_response=False)
        self.assertEqual(self.status_of(self.learner), Status.REGISTERED)
        page = self.client.get(self.url())
        self.assertContains(page, "You are registered. The join link is below")
        self.assertContains(page, f'href="{JOIN}"')
        self.assertContains(page, "+1 555 0100, access code 4321")

    def test_registering_twice_keeps_one_registration(self):
        self.register(self.learner)
        self.register(self.learner)
        self.assertEqual(Registration.objects.filter(user=self.learner).count(), 1)

    def test_when_full_people_join_the_waitlist_in_order(self):
        third = make_person("tia@example.org", "Tia Third")
        for person in (self.learner, self.facilitator, self.outsider, third):
            self.register(person)
        self.assertEqual(self.status_of(self.outsider), Status.WAITLISTED)
        self.assertEqual(self.status_of(third), Status.WAITLISTED)
        self.assertEqual(Registration.objects.get(user=third).waitlist_position(), 2)
        page = self.client.get(self.url())
        self.assertContains(page, "You are number 2 in line")

    def test_the_waitlist_message_names_the_place(self):
        self.register(self.learner)
        self.register(self.facilitator)
        r = self.register(self.outsider)
        self.assertIn("you are on the waitlist (number 1)", self.client.get(r.url).content.decode())

    def test_the_join_link_is_hidden_from_the_waitlist_and_from_others(self):
        self.register(self.learner)
        self.register(self.facilitator)
        self.register(self.outsider)  # waitlisted
        self.assertNotContains(self.client.get(self.url()), JOIN)
        self.assertNotContains(self.client.get(self.url()), "access code 4321")
        self.client.force_login(self.administrator)  # not registered
        self.assertNotContains(self.client.get(self.url()), JOIN)
        self.client.logout()
        page = self.client.get(self.url())
        self.assertNotContains(page, JOIN)
        self.assertContains(page, "Sign in to register")

    def test_a_full_session_offers_the_waitlist(self):
        self.register(self.learner)
        self.register(self.facilitator)
        self.client.force_login(self.outsider)
        page = self.client.get(self.url())
        self.assertContains(page, "Full: registering puts you on the waitlist")
        self.assertContains(page, '<button type="submit">Join the waitlist</button>')

    def test_access_needs_are_saved_and_can_be_changed(self):
        self.register(self.learner, wants_captions="on", wants_interpreter="on", access_details="ASL, please")
        registration = Registration.objects.get(user=self.learner)
        self.assertTrue(registration.wants_captions and registration.wants_interpreter)
        self.assertEqual(registration.access_details, "ASL, please")
        r = self.client.post(
            self.url("access-needs/"), {"wants_other": "on", "access_details": "Large print slides"}
        )
        self.assertRedirects(r, self.url())
        registration.refresh_from_db()
        self.assertEqual(
            (registration.wants_captions, registration.wants_other, registration.access_details),
            (False, True, "Large print slides"),
        )

    def test_something_else_needs_details(self):
        r = self.register(self.learner, wants_other="on")
        self.assertContains(r, "Tell us what you need, so we can arrange it.", status_code=400)
        self.assertContains(r, 'class="error-summary"', status_code=400)
        self.assertFalse(Registration.objects.exists())

    def test_changing_needs_requires_a_registration(self):
        self.client.force_login(self.learner)
        r = self.client.post(self.url("access-needs/"), {"wants_captions": "on"})
        self.assertRedirects(r, self.url())
        self.assertFalse(Registration.objects.exists())

    def test_cancelling_gives_the_seat_to_the_first_on_the_waitlist_with_a_notice(self):
        third = make_person("tia@example.org", "Tia Third")
        for person in (self.learner, self.facilitator, self.outsider, third):
            self.register(person)
        with DUMMY_TASKS:
            with self.captureOnCommitCallbacks(execute=True):
                self.client.force_login(self.learner)
                r = self.client.post(self.url("cancel/"))
            self.assertRedirects(r, self.url())
            self.assertEqual(self.status_of(self.learner), Status.CANCELLED)
            self.assertEqual(self.status_of(self.outsider), Status.REGISTERED)
            self.assertEqual(self.status_of(third), Status.WAITLISTED)
            self.assertEqual(Registration.objects.get(user=third).waitlist_position(), 1)
            self.assertIn("sent", run_queued())
        [notice] = mail.outbox
        self.assertEqual(notice.to, ["otto@example.org"])
        self.assertIn("a seat opened", notice.body)
        self.assertIn(JOIN, notice.body)
        self.client.force_login(self.outsider)
        self.assertContains(self.client.get(self.url()), f'href="{JOIN}"')

    def test_the_promotion_notice_is_sent_once(self):
        self.register(self.learner)
        self.register(self.facilitator)
        self.register(self.outsider)
        actions.cancel(self.learner, self.session)
        promoted = Registration.objects.get(user=self.outsider)
        from convener.recordings import tasks

        self.assertEqual(tasks.send_promotion_notice.call(promoted.pk), "sent")
        self.assertEqual(tasks.send_promotion_notice.call(promoted.pk), "already sent")
        self.assertEqual(len(mail.outbox), 1)

    def test_leaving_the_waitlist_promotes_nobody(self):
        self.register(self.learner)
        self.register(self.facilitator)
        self.register(self.outsider)
        self.client.force_login(self.outsider)
        self.client.post(self.url("cancel/"))
        self.assertEqual(self.status_of(self.outsider), Status.CANCELLED)
        self.assertEqual(Registration.objects.filter(status=Status.REGISTERED).count(), 2)

    def test_after_cancelling_the_page_offers_to_register_again(self):
        self.register(self.learner, wants_captions="on")
        self.client.post(self.url("cancel/"))
        page = self.client.get(self.url())
        self.assertContains(page, '<button type="submit">Register</button>')
        self.assertContains(page, '<input type="checkbox" name="wants_captions" id="id_wants_captions">')
        self.assertNotContains(page, JOIN)

    def test_registering_again_after_cancelling_goes_to_the_back_of_the_line(self):
        self.register(self.learner)
        self.register(self.facilitator)
        self.register(self.outsider)
        self.client.force_login(self.learner)
        self.client.post(self.url("cancel/"))  # Otto takes the seat
        self.register(self.learner)
        self.assertEqual(self.status_of(self.learner), Status.WAITLISTED)
        self.assertEqual(Registration.objects.filter(user=self.learner).count(), 1)

    def test_a_finished_session_is_closed(self):
        past = make_session(starts_at=timezone.now() - timedelta(hours=3))
        self.client.force_login(self.learner)
        r = self.client.post(f"/recordings/live/{past.pk}/register/", NO_NEEDS)
        self.assertRedirects(r, past.get_absolute_url(), fetch_redirect_response=False)
        self.assertFalse(Registration.objects.filter(session=past).exists())
        page = self.client.get(past.get_absolute_url())
        self.assertContains(page, "This session is over, so registration is closed.")
        self.assertContains(page, "This session is over")
        self.assertNotContains(page, '<button type="submit">Register</button>')

    def test_deleting_an_account_frees_the_seat_for_the_waitlist(self):
        self.register(self.learner)
        self.register(self.facilitator)
        self.register(self.outsider)
        account_actions.delete_account(self.learner)
        self.assertEqual(self.status_of(self.outsider), Status.REGISTERED)

    # The wrong user and the wrong method, for each view ------------------------------------------

    def test_anonymous_people_are_sent_to_sign_in(self):
        for suffix in ("register/", "cancel/", "access-needs/"):
            r = self.client.post(self.url(suffix))
            self.assertEqual(r.status_code, 302, suffix)
            # After signing in, they come back to the session page, not to the POST-only address.
            self.assertEqual(r.url, f"/account/sign-in/?next=/recordings/live/{self.session.pk}/")
        self.assertFalse(Registration.objects.exists())

    def test_the_actions_need_post(self):
        self.client.force_login(self.learner)
        for suffix in ("register/", "cancel/", "access-needs/"):
            self.assertEqual(self.client.get(self.url(suffix)).status_code, 405, suffix)

    def test_the_session_page_needs_get(self):
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_an_unknown_session_is_404(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get("/recordings/live/999999/").status_code, 404)
        self.assertEqual(self.client.post("/recordings/live/999999/register/", NO_NEEDS).status_code, 404)

    def test_one_person_cannot_cancel_anothers_registration(self):
        self.register(self.learner)
        self.client.force_login(self.outsider)
        self.client.post(self.url("cancel/"))
        self.assertEqual(self.status_of(self.learner), Status.REGISTERED)

    def test_one_person_cannot_change_anothers_needs(self):
        self.register(self.learner, wants_captions="on")
        self.client.force_login(self.outsider)
        self.client.post(self.url("access-needs/"), {"wants_interpreter": "on"})
        registration = Registration.objects.get(user=self.learner)
        self.assertEqual((registration.wants_captions, registration.wants_interpreter), (True, False))


class SessionListTests(SessionTestCase):
    def test_upcoming_sessions_show_seats_and_my_status(self):
        actions.register(self.learner, self.session, NO_NEEDS)
        make_session(title="Long ago", starts_at=timezone.now() - timedelta(days=30))
        self.client.force_login(self.learner)
        r = self.client.get("/recordings/live/")
        self.assertContains(r, "Hosting a Conversation Café")
        self.assertContains(r, "1 seat left")
        self.assertContains(r, "You are registered")
        self.assertContains(r, "Past sessions")
        self.assertNotContains(r, JOIN)

    def test_the_library_points_to_the_next_sessions(self):
        r = self.client.get("/recordings/")
        self.assertContains(r, "Coming up live")
        self.assertContains(r, f'href="{self.session.get_absolute_url()}"')

    def test_the_list_needs_get(self):
        self.assertEqual(self.client.post("/recordings/live/").status_code, 405)


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_overbook():
    session = make_session(capacity=3)
    people = [make_person(f"p{i}@example.org", f"Person {i}") for i in range(10)]
    errors = []

    def register(person):
        try:
            actions.register(person, session, NO_NEEDS)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Registration.objects.filter(session=session, status=Status.REGISTERED).count() == 3
    assert Registration.objects.filter(session=session, status=Status.WAITLISTED).count() == 7


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancels_and_registrations_keep_the_count_right():
    session = make_session(capacity=2)
    people = [make_person(f"c{i}@example.org", f"Person {i}") for i in range(8)]
    for person in people[:4]:
        actions.register(person, session, NO_NEEDS)  # two seated, two waiting
    errors = []

    def work(person, cancel):
        try:
            (actions.cancel(person, session) if cancel else actions.register(person, session, NO_NEEDS))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    jobs = [(p, True) for p in people[:3]] + [(p, False) for p in people[4:]]
    threads = [Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seated = Registration.objects.filter(session=session, status=Status.REGISTERED).count()
    waiting = Registration.objects.filter(session=session, status=Status.WAITLISTED).count()
    assert seated == 2  # five people still want a seat: both seats are always filled, never more
    assert waiting == 3


@pytest.mark.django_db(transaction=True)
def test_one_person_in_two_tabs_gets_one_registration():
    session = make_session(capacity=5)
    person = make_person("tabs@example.org", "Two Tabs")
    errors = []

    def register():
        try:
            actions.register(person, session, NO_NEEDS)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [Thread(target=register) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Registration.objects.filter(session=session, user=person).count() == 1


def test_queued_tasks_helper_is_empty_by_default():
    with DUMMY_TASKS:
        assert queued_tasks() == []


class QueryCountTests(SessionTestCase):
    def count(self, url):
        from django.test.utils import CaptureQueriesContext

        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_the_session_lists_do_not_grow_with_sessions(self):
        self.client.force_login(self.administrator)
        actions.register(self.administrator, self.session, NO_NEEDS)
        before = [self.count("/recordings/live/"), self.count("/recordings/live/manage/")]
        for days in range(1, 9):
            other = make_session(starts_at=timezone.now() + timedelta(days=days))
            actions.register(self.administrator, other, NO_NEEDS)
            make_session(starts_at=timezone.now() - timedelta(days=days))
        after = [self.count("/recordings/live/"), self.count("/recordings/live/manage/")]
        self.assertEqual(before, after)
