"""Background tasks, run by `convener worker`: reminders and notices about live sessions."""

from django_tasks import task

from . import notices


@task()
def send_reminder(registration_id: int, lead: str) -> str:
    return notices.send_reminder(registration_id, lead)


@task()
def send_promotion_notice(registration_id: int) -> str:
    return notices.send_promotion_notice(registration_id)


@task()
def send_recording_notices(session_id: int) -> int:
    return notices.send_recording_notices(session_id)
