"""The restore drill: back up, wipe, restore, and find everything working."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from convener.accounts.models import User
from convener.certificates import actions as certificate_actions
from convener.certificates import keys
from convener.certificates.models import Certificate
from convener.courses import actions
from convener.courses.models import LessonProgress
from convener.test import PASSWORD, import_sample, make_person

pytestmark = pytest.mark.django_db(transaction=True)
RIGHT = {"main-job": [0], "good-habits": [0, 1], "silence": [1]}


def counts():
    tables = ["accounts_user", "courses_lessonprogress", "certificates_certificate", "courses_lesson"]
    with connection.cursor() as cursor:
        result = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (fixed table names)
            result[table] = cursor.fetchone()[0]
    return result


def test_backup_wipe_restore(tmp_path):
    course = import_sample()
    learner = make_person("drill@example.org", "Drill Learner")
    for module in course.modules.all():
        for lesson in module.lessons.filter(
            kind__in=["reading", "video", "activity", "scenario", "worksheet"]
        ):
            actions.complete_lesson(learner, lesson)
    actions.submit_check(learner, course.modules.get(slug="practice").lessons.get(slug="quick-check"), RIGHT)
    certificate = certificate_actions.issue(learner, course, "Drill Learner")
    key_name = keys.current_key().name
    before = counts()

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    assert archive.stat().st_mode & 0o077 == 0

    call_command("flush", interactive=False)
    keys.retire_key(key_name)
    assert User.objects.count() == 0

    call_command("restore", str(archive), yes=True)
    assert counts() == before
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchone()[0] == "ok"
    assert key_name in {k.name for k in keys.active_keys()}
    client = Client()
    assert client.login(username="drill@example.org", password=PASSWORD)
    page = client.get(f"/certificates/verify/{certificate.code}/")
    assert "is valid" in page.content.decode()
    assert Certificate.objects.get().name == "Drill Learner"
    assert (
        LessonProgress.objects.filter(user__email="drill@example.org").count()
        == before["courses_lessonprogress"]
    )
