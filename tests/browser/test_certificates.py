"""Certificate pages pass axe: claiming, my certificates, public verification, administration."""

import pytest

from convener.certificates.models import Certificate
from convener.courses import actions
from convener.test import PASSWORD, import_sample, make_person

pytestmark = pytest.mark.django_db(transaction=True)


def complete(user, course):
    for lesson in course.modules.get(slug="first-steps").lessons.filter(required=True):
        actions.complete_lesson(user, lesson)
    practice = course.modules.get(slug="practice")
    actions.complete_lesson(user, practice.lessons.get(slug="the-loud-voice"))
    actions.complete_lesson(user, practice.lessons.get(slug="start-your-plan"))
    actions.submit_check(
        user,
        practice.lessons.get(slug="quick-check"),
        {"main-job": [0], "good-habits": [0, 1], "silence": [1]},
    )


def sign_in(visit, email):
    page = visit.goto("/account/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_certificate_pages(visit):
    course = import_sample()
    learner = make_person("cert@example.org", "Cert Holder")
    make_person("boss@example.org", "Boss", is_staff=True, is_superuser=True)
    complete(learner, course)
    sign_in(visit, "cert@example.org")
    page = visit.goto("/certificates/")
    visit.scan()
    visit.activate("a:has-text('Get your certificate')")
    visit.scan()
    visit.activate("main button[type=submit]")
    certificate = Certificate.objects.get()
    assert certificate.display_code in page.locator("main").inner_text()
    visit.scan()
    visit.goto(f"/certificates/verify/{certificate.code}/")
    assert "is valid" in page.locator("main").inner_text()
    visit.scan()
    visit.goto("/certificates/verify/?code=nope")
    visit.scan()
    page.context.clear_cookies()
    sign_in(visit, "boss@example.org")
    visit.goto("/certificates/manage/")
    visit.scan()
    visit.goto(f"/certificates/manage/{certificate.code}/")
    visit.scan()
