"""Times in the viewer's zone; the .ics file of a session and each person's private feed, read back
with the icalendar library."""

from datetime import UTC, datetime, timedelta

import icalendar
from django.utils import timezone

from convener.recordings import actions
from convener.recordings.models import CalendarFeed
from convener.test import make_person

from .base import SessionTestCase, make_session

NO_NEEDS = {"wants_captions": False, "wants_interpreter": False, "wants_other": False, "access_details": ""}
JOIN = "https://meet.example.org/j/123456"


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


class TimeZoneTests(SessionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Thursday, March 4, 2027, 18:30 UTC: 12:30 in Chicago, 19:30 in Berlin, 10:30 in Los Angeles.
        cls.session = make_session(starts_at=datetime(2027, 3, 4, 18, 30, tzinfo=UTC), minutes=90)

    def page_for(self, user=None):
        if user:
            self.client.force_login(user)
        return self.client.get(self.session.get_absolute_url())

    def test_times_show_in_the_viewers_zone(self):
        chicago = make_person("chi@example.org", "Chi", time_zone="America/Chicago")
        page = self.page_for(chicago)
        self.assertContains(page, "Thursday, March 4, 2027, 12:30 PM</time>\N{EN DASH}<time")
        self.assertContains(page, '2:00 PM</time> <span class="zone">America/Chicago</span>')
        self.assertContains(page, "Times are shown in your time zone, America/Chicago.")

    def test_another_zone_sees_another_clock(self):
        berlin = make_person("ber@example.org", "Ber", time_zone="Europe/Berlin")
        page = self.page_for(berlin)
        self.assertContains(page, "Thursday, March 4, 2027, 7:30 PM")
        self.assertContains(page, "Europe/Berlin")
        # The zone it was scheduled in is shown too, when it differs.
        self.assertContains(page, 'Scheduled as <time datetime="2027-03-04T12:30:00-06:00">')

    def test_the_date_can_change_with_the_zone(self):
        late = make_session(starts_at=datetime(2027, 3, 5, 2, 0, tzinfo=UTC))
        la = make_person("la@example.org", "LA", time_zone="America/Los_Angeles")
        self.client.force_login(la)
        self.assertContains(self.client.get(late.get_absolute_url()), "Thursday, March 4, 2027, 6:00 PM")

    def test_anonymous_and_zoneless_people_see_the_site_zone_and_are_told(self):
        page = self.page_for()
        self.assertContains(page, "Thursday, March 4, 2027, 6:30 PM")
        self.assertContains(page, "Times are shown in UTC.")
        page = self.page_for(self.outsider)
        self.assertContains(page, "Set your time zone in your profile")

    def test_the_list_uses_the_viewers_zone_too(self):
        chicago = make_person("chi@example.org", "Chi", time_zone="America/Chicago")
        self.client.force_login(chicago)
        self.assertContains(self.client.get("/recordings/live/"), "Thursday, March 4, 2027, 12:30 PM")

    def test_the_reminder_email_uses_the_recipients_zone(self):
        from django.core import mail

        from convener.recordings import notices

        berlin = make_person("ber@example.org", "Ber", time_zone="Europe/Berlin")
        registration = actions.register(berlin, self.session, NO_NEEDS)
        notices.send_reminder(registration.pk, "24h", now=self.session.starts_at - timedelta(hours=23))
        self.assertIn("Thursday, March 4, 2027, 7:30 PM (Europe/Berlin)", mail.outbox[0].body)


class SessionIcsTests(SessionTestCase):
    def test_the_ics_parses_back_with_the_times_in_utc(self):
        calendar = parse(self.client.get(self.url()[:-1] + ".ics"))
        [event] = calendar.walk("VEVENT")
        self.assertEqual(event["DTSTART"].dt, self.session.starts_at.replace(microsecond=0))
        self.assertEqual(event["DTEND"].dt - event["DTSTART"].dt, timedelta(minutes=60))
        self.assertEqual(str(event["SUMMARY"]), "Hosting a Conversation Café")
        self.assertTrue(str(event["UID"]).startswith(f"live-session-{self.session.pk}@"))
        self.assertIn(self.session.get_absolute_url(), str(event["URL"]))

    def test_only_a_seat_holder_gets_the_join_link_in_the_file(self):
        self.assertNotIn(JOIN, self.client.get(self.url()[:-1] + ".ics").content.decode())
        actions.register(self.learner, self.session, NO_NEEDS)
        self.client.force_login(self.learner)
        [event] = parse(self.client.get(self.url()[:-1] + ".ics")).walk("VEVENT")
        self.assertEqual(str(event["LOCATION"]), JOIN)
        self.assertIn("By phone: +1 555 0100, access code 4321", str(event["DESCRIPTION"]))
        self.client.force_login(self.outsider)
        self.assertNotIn(JOIN, self.client.get(self.url()[:-1] + ".ics").content.decode())

    def test_the_file_needs_get_and_a_real_session(self):
        self.assertEqual(self.client.post(self.url()[:-1] + ".ics").status_code, 405)
        self.assertEqual(self.client.get("/recordings/live/999999.ics").status_code, 404)


class FeedTests(SessionTestCase):
    def feed_url(self, user):
        self.client.force_login(user)
        page = self.client.get("/recordings/live/calendar/")
        return page.context["feed_url"].split("://", 1)[1].split("/", 1)[1]

    def test_the_feed_lists_my_registrations_for_any_calendar_app(self):
        other = make_session(
            title="Future Search, live", starts_at=timezone.now() + timedelta(days=9), capacity=1
        )
        actions.register(self.facilitator, other, NO_NEEDS)  # fills it
        actions.register(self.learner, self.session, NO_NEEDS)
        actions.register(self.learner, other, NO_NEEDS)  # waitlisted
        make_session(title="Not mine")
        url = "/" + self.feed_url(self.learner)
        self.client.logout()  # calendar apps have no session cookie
        calendar = parse(self.client.get(url))
        events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
        self.assertEqual(set(events), {"Hosting a Conversation Café", "Future Search, live"})
        self.assertEqual(str(events["Hosting a Conversation Café"]["STATUS"]), "CONFIRMED")
        self.assertEqual(str(events["Hosting a Conversation Café"]["LOCATION"]), JOIN)
        self.assertEqual(str(events["Future Search, live"]["STATUS"]), "TENTATIVE")
        self.assertNotIn("LOCATION", events["Future Search, live"])
        self.assertEqual(str(calendar["X-WR-CALNAME"]), "Convener live sessions")

    def test_cancelled_registrations_leave_the_feed(self):
        actions.register(self.learner, self.session, NO_NEEDS)
        actions.cancel(self.learner, self.session)
        url = "/" + self.feed_url(self.learner)
        self.assertEqual(parse(self.client.get(url)).walk("VEVENT"), [])

    def test_each_person_has_their_own_address(self):
        actions.register(self.facilitator, self.session, NO_NEEDS)
        mine, theirs = self.feed_url(self.learner), self.feed_url(self.facilitator)
        self.assertNotEqual(mine, theirs)
        self.assertEqual(parse(self.client.get("/" + mine)).walk("VEVENT"), [])

    def test_resetting_makes_a_new_address_and_kills_the_old(self):
        old = self.feed_url(self.learner)
        r = self.client.post("/recordings/live/calendar/reset/")
        self.assertRedirects(r, "/recordings/live/calendar/", fetch_redirect_response=False)
        new = self.feed_url(self.learner)
        self.assertNotEqual(old, new)
        self.assertEqual(self.client.get("/" + old).status_code, 404)
        self.assertEqual(self.client.get("/" + new).status_code, 200)
        self.assertEqual(CalendarFeed.objects.filter(user=self.learner).count(), 1)

    def test_the_token_is_long_and_random(self):
        token = actions.calendar_feed(self.learner).token
        self.assertGreaterEqual(len(token), 40)
        self.assertNotEqual(token, actions.calendar_feed(self.facilitator).token)

    def test_an_unknown_token_is_404(self):
        self.assertEqual(self.client.get("/recordings/live/feed/not-a-real-token.ics").status_code, 404)

    def test_a_deactivated_persons_feed_stops(self):
        url = "/" + self.feed_url(self.learner)
        type(self.learner).objects.filter(pk=self.learner.pk).update(is_active=False)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_calendar_page_is_for_signed_in_people(self):
        r = self.client.get("/recordings/live/calendar/")
        self.assertEqual(r.status_code, 302)
        self.assertIn("/account/sign-in/", r.url)
        self.assertEqual(self.client.post("/recordings/live/calendar/reset/").status_code, 302)
        self.assertFalse(CalendarFeed.objects.exists())

    def test_the_wrong_methods(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.post("/recordings/live/calendar/").status_code, 405)
        self.assertEqual(self.client.get("/recordings/live/calendar/reset/").status_code, 405)
        url = "/" + self.feed_url(self.learner)
        self.assertEqual(self.client.post(url).status_code, 405)

    def test_the_calendar_page_is_not_cached(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get("/recordings/live/calendar/")["Cache-Control"], "private, no-store")
