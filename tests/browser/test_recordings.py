"""The recording library, a recording, live sessions and registering for one: by keyboard, with axe scans."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from convener.recordings.models import LiveSession, Registration, Status
from convener.recordings.tests.base import import_bundled_recordings, make_session
from convener.test import PASSWORD, make_person

pytestmark = pytest.mark.django_db(transaction=True)
JOIN = "https://meet.example.org/j/123456"


def sign_in_by_keyboard(visit, email):
    visit.goto("/account/sign-in/")
    visit.type_into("#id_username", email)
    visit.type_into("#id_password", PASSWORD)
    visit.activate("main button[type=submit]")


def test_browse_the_library_and_a_recording(visit):
    import_bundled_recordings()
    make_person("rae@example.org", "Rae Rural", library_type="small_rural")
    page = visit.goto("/recordings/")
    assert page.locator(".recording-list > li").count() == 10
    visit.scan()

    sign_in_by_keyboard(visit, "rae@example.org")
    visit.goto("/recordings/")
    expect(page.locator("main")).to_contain_text("Starting with your track")
    assert page.locator(".recording-list > li").count() == 4
    visit.scan()
    visit.activate(".track-links a:has-text('Academic')")
    assert page.url.endswith("/recordings/?track=academic")
    expect(page.locator(".track-links a[aria-current=page]")).to_have_text("Academic")
    visit.scan()

    # The filter form works by keyboard: choose a topic, submit.
    visit.tab_to("#id_topic")
    page.select_option("#id_topic", "campus")
    visit.activate("form.filters button[type=submit]")
    assert page.locator(".recording-list > li").count() == 3
    visit.scan()

    visit.activate("a:has-text('National Issues Forums')")
    expect(page.locator("h1")).to_have_text("Libraries Transforming Communities: National Issues Forums")
    expect(page.locator("main")).to_contain_text("Transcript not yet available.")
    visit.scan()


def test_register_by_keyboard_then_cancel(visit):
    session = make_session(starts_at=timezone.now() + timedelta(days=5), capacity=1)
    make_person("kit@example.org", "Kit Keys", time_zone="America/Denver")
    page = visit.goto("/recordings/live/")
    visit.scan()
    visit.goto(session.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Sign in to register")
    assert JOIN not in page.content()
    visit.scan()

    sign_in_by_keyboard(visit, "kit@example.org")
    visit.goto(session.get_absolute_url())
    expect(page.locator(".zone").first).to_have_text("America/Denver")
    visit.tab_to("#id_wants_captions")
    page.keyboard.press("Space")
    visit.type_into("#id_access_details", "Captions in English, please.")
    visit.activate("button:has-text('Register')")
    expect(page.locator(".messages")).to_contain_text("You are registered")
    expect(page.locator(f"a[href='{JOIN}']")).to_be_visible()
    visit.scan()
    registration = Registration.objects.get()
    assert (registration.status, registration.wants_captions) == (Status.REGISTERED, True)

    visit.goto("/recordings/live/")
    expect(page.locator("main")).to_contain_text("You are registered")
    visit.activate("a:has-text('Your sessions in your calendar app')")
    expect(page.locator("#feed-url")).to_have_value(re.compile(r"/recordings/live/feed/[\w-]{40,}\.ics$"))
    visit.scan()

    visit.goto(session.get_absolute_url())
    visit.activate("button:has-text('Cancel my registration')")
    expect(page.locator(".messages")).to_contain_text("Your registration is cancelled.")
    assert JOIN not in page.content()
    visit.scan()


def test_the_waitlist_page(visit):
    session = make_session(capacity=1)
    Registration.objects.create(
        session=session, user=make_person("a@example.org", "A"), status=Status.REGISTERED
    )
    make_person("wes@example.org", "Wes Waiting")
    sign_in_by_keyboard(visit, "wes@example.org")
    page = visit.goto(session.get_absolute_url())
    visit.activate("button:has-text('Join the waitlist')")
    expect(page.locator("main")).to_contain_text("You are number 1 in line")
    assert JOIN not in page.content()
    visit.scan()


def test_an_administrator_schedules_a_session_and_sees_registrations(visit):
    make_person("boss@example.org", "Boss", is_staff=True, is_superuser=True)
    sign_in_by_keyboard(visit, "boss@example.org")
    page = visit.goto("/recordings/live/manage/")
    visit.scan()
    visit.activate("a:has-text('Schedule a session')")
    visit.scan()
    # A mistake first: the error summary is focused and announced.
    visit.activate("main form button[type=submit]")
    expect(page.locator(".error-summary")).to_be_focused()
    visit.scan()
    page.fill("#id_title", "Conversation Café, live")
    page.fill("#id_description", "We run a short café together.")
    page.fill("#id_starts_on", (timezone.now() + timedelta(days=20)).date().isoformat())
    page.fill("#id_start_time", "14:00")
    page.select_option("#id_time_zone", "America/Chicago")
    page.fill("#id_minutes", "60")
    page.fill("#id_capacity", "25")
    page.fill("#id_join_url", JOIN)
    visit.activate("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The session is scheduled.")
    visit.scan()
    session = LiveSession.objects.get()
    Registration.objects.create(
        session=session,
        user=make_person("c@example.org", "Cy Caption"),
        status=Status.REGISTERED,
        wants_captions=True,
        wants_other=True,
        access_details="A copy of the slides beforehand",
    )
    visit.activate("a:has-text('Registrations and access needs')")
    expect(page.locator("main")).to_contain_text("A copy of the slides beforehand")
    visit.scan()


def test_an_administrator_marks_who_attended_by_keyboard(visit):
    session = make_session(starts_at=timezone.now() - timedelta(minutes=30), capacity=2)
    came = make_person("ari.attended-long-address@library-system.example.org", "Ari Attended")
    missed = make_person("mo@example.org", "Mo Missed")
    for person in (came, missed):
        Registration.objects.create(session=session, user=person, status=Status.REGISTERED)
    Registration.objects.create(
        session=session, user=make_person("w@example.org", "Wyn Waiting"), status=Status.WAITLISTED
    )
    make_person("boss@example.org", "Boss", is_staff=True, is_superuser=True)
    sign_in_by_keyboard(visit, "boss@example.org")
    page = visit.goto(f"/recordings/live/manage/{session.pk}/registrations/")
    visit.activate("a:has-text('Mark who attended')")
    expect(page.locator("legend")).to_contain_text("Who attended")
    expect(page.locator("main")).not_to_contain_text("Wyn Waiting")
    visit.scan()
    visit.tab_to("label:has-text('Ari Attended') input")
    page.keyboard.press("Space")
    visit.activate("button:has-text('Save attendance')")
    expect(page.locator(".messages")).to_contain_text("Saved: 1 person attended.")
    expect(page.locator("label:has-text('Ari Attended') input")).to_be_checked()
    expect(page.locator("label:has-text('Mo Missed') input")).not_to_be_checked()
    visit.scan()
    assert Registration.objects.get(user=came).attended_at is not None
    assert Registration.objects.get(user=missed).attended_at is None
    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_pages_reflow_at_320_pixels(visit):
    import_bundled_recordings()
    session = make_session()
    make_person("boss@example.org", "Boss", is_staff=True, is_superuser=True)
    Registration.objects.create(
        session=session,
        user=make_person("n@example.org", "Nia Needs"),
        status=Status.REGISTERED,
        wants_interpreter=True,
        access_details="An interpreter for American Sign Language, both hours",
    )
    sign_in_by_keyboard(visit, "boss@example.org")
    visit.page.set_viewport_size({"width": 320, "height": 640})
    for path in [
        "/recordings/",
        "/recordings/intro-dd-small-rural/",
        "/recordings/live/",
        session.get_absolute_url(),
        "/recordings/live/calendar/",
        f"/recordings/live/manage/{session.pk}/registrations/",
        f"/recordings/live/manage/{session.pk}/attendance/",
    ]:
        page = visit.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_registering_works_without_javascript(browser, live_server):
    session = make_session()
    make_person("nojs@example.org", "No Script")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/account/sign-in/")
    page.fill("#id_username", "nojs@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(live_server.url + session.get_absolute_url())
    page.check("#id_wants_interpreter")
    page.click("button:has-text('Register')")
    assert "You are registered" in page.locator("main").inner_text()
    assert Registration.objects.get().wants_interpreter
    context.close()
