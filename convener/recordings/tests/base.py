"""Shared helpers for the recordings tests: bundled recordings, a session, a queue to inspect."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from convener.authoring.importer import DEFAULT_ROOT
from convener.authoring.methods import apply_methods, load_methods
from convener.authoring.reader import Reader
from convener.authoring.recordings import apply_recordings, load_recordings
from convener.recordings.models import LiveSession
from convener.test import BaseTestCase

# Tasks are kept in memory, to look at what was queued and run it by hand.
DUMMY_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})


def queued_tasks():
    from django_tasks import default_task_backend

    return default_task_backend.results


def run_queued():
    """Run every queued task once, as a worker would (ignoring run_after), and empty the queue."""
    results = list(queued_tasks())
    queued_tasks().clear()
    return [result.task.call(*result.args, **result.kwargs) for result in results]


def import_bundled_recordings():
    """The ten bundled recordings and the methods they link to (the course is not needed)."""
    reader = Reader()
    methods = load_methods(reader, DEFAULT_ROOT)
    recordings = load_recordings(reader, DEFAULT_ROOT)
    reader.raise_if_problems()
    apply_methods(methods)
    apply_recordings(recordings)


def make_session(**fields) -> LiveSession:
    values = {
        "title": "Hosting a Conversation Café",
        "description": "A live walk-through of the format, with time for questions.",
        "starts_at": timezone.now() + timedelta(days=3),
        "time_zone": "America/Chicago",
        "minutes": 60,
        "capacity": 2,
        "join_url": "https://meet.example.org/j/123456",
        "dial_in": "+1 555 0100, access code 4321",
        **fields,
    }
    return LiveSession.objects.create(**values)


class SessionTestCase(BaseTestCase):
    """The personas plus one session three days from now with two seats."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.session = make_session()

    def url(self, suffix=""):
        return f"/recordings/live/{self.session.pk}/{suffix}"
