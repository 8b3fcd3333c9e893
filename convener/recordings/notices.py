"""Emails about live sessions. Each is sent at most once per registration: a conditional UPDATE
claims the notice (sets its time where it is still empty) before the email goes out, so a task
that runs twice, or a worker that restarts mid-way, cannot send it again."""

import logging
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from .models import LiveSession, Registration, Status

logger = logging.getLogger(__name__)

# How long before the start each reminder goes out, and the field that records it was sent.
REMINDERS = {
    "24h": (timedelta(hours=24), "reminded_24h_at"),
    "1h": (timedelta(hours=1), "reminded_1h_at"),
}
# A worker whose clock runs a little ahead may start a task slightly early; that still counts as due.
EARLY_TOLERANCE = timedelta(minutes=5)


def _zone(user):
    try:
        return zoneinfo.ZoneInfo(user.time_zone) if user.time_zone else zoneinfo.ZoneInfo(settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _claim(registration_id: int, field: str, now, **conditions) -> bool:
    """Set `field` to now where it is still empty; True when this call is the one that set it."""
    return bool(
        Registration.objects.filter(pk=registration_id, **{f"{field}__isnull": True}, **conditions).update(
            **{field: now}
        )
    )


def _send_claimed(registration: Registration, field: str, now, template: str, subject: str, extra=None):
    """Send the email; if sending fails, release the claim so a retry can send it."""
    user = registration.user
    session = registration.session
    context = {
        "user": user,
        "session": session,
        "registration": registration,
        "site_name": settings.SITE_NAME,
        "session_url": settings.SITE_URL + session.get_absolute_url(),
        **(extra or {}),
    }
    try:
        with timezone.override(_zone(user)):
            context["zone_name"] = timezone.get_current_timezone_name()
            body = render_to_string(template, context)
        send_mail(subject, body, None, [user.email])
    except Exception:
        Registration.objects.filter(pk=registration.pk, **{field: now}).update(**{field: None})
        raise


def send_reminder(registration_id: int, lead: str, now=None) -> str:
    """The 24-hour or 1-hour reminder, with the join link; returns what happened, for the task log."""
    now = now or timezone.now()
    before, field = REMINDERS[lead]
    registration = (
        Registration.objects.select_related("session", "user")
        .filter(pk=registration_id, status=Status.REGISTERED)
        .first()
    )
    if registration is None:
        return "not registered"
    session = registration.session
    if now >= session.starts_at:
        return "session already started"
    if now < session.starts_at - before - EARLY_TOLERANCE:
        return "not due yet"  # the session moved later; its new reminders are queued
    if lead == "24h" and now >= session.starts_at - REMINDERS["1h"][0]:
        return "superseded by the 1-hour reminder"
    if not _claim(registration.pk, field, now, status=Status.REGISTERED):
        return "already sent"
    subject = f"Tomorrow: {session.title}" if lead == "24h" else f"Starting in an hour: {session.title}"
    _send_claimed(registration, field, now, "recordings/email/reminder.txt", subject, {"lead": lead})
    return "sent"


def send_promotion_notice(registration_id: int, now=None) -> str:
    """Tell a person on the waitlist that a seat opened and is now theirs."""
    now = now or timezone.now()
    registration = (
        Registration.objects.select_related("session", "user")
        .filter(pk=registration_id, status=Status.REGISTERED, promoted_at__isnull=False)
        .first()
    )
    if registration is None:
        return "not promoted"
    if not _claim(registration.pk, "promotion_notice_at", now, status=Status.REGISTERED):
        return "already sent"
    subject = f"You have a seat: {registration.session.title}"
    _send_claimed(registration, "promotion_notice_at", now, "recordings/email/promoted.txt", subject)
    return "sent"


def send_recording_notices(session_id: int, now=None) -> int:
    """Tell everyone who held a seat that the recording is ready; returns how many were told."""
    now = now or timezone.now()
    session = LiveSession.objects.select_related("recording").filter(pk=session_id).first()
    if session is None or session.recording is None:
        return 0
    recording_url = settings.SITE_URL + session.recording.get_absolute_url()
    sent = 0
    registrations = session.registrations.filter(status=Status.REGISTERED, recording_notice_at__isnull=True)
    for registration in registrations.select_related("user", "session"):
        if not _claim(registration.pk, "recording_notice_at", now, status=Status.REGISTERED):
            continue
        subject = f"The recording is ready: {session.title}"
        _send_claimed(
            registration,
            "recording_notice_at",
            now,
            "recordings/email/recording.txt",
            subject,
            {"recording": session.recording, "recording_url": recording_url},
        )
        sent += 1
    return sent


def schedule_reminders(registration_id: int, starts_at, now=None) -> int:
    """Queue the reminders still ahead; returns how many were queued."""
    from . import tasks

    now = now or timezone.now()
    if not tasks.send_reminder.get_backend().supports_defer:
        logger.warning("The task backend cannot run tasks later: no reminders are queued.")
        return 0
    queued = 0
    for lead, (before, _field) in REMINDERS.items():
        due = starts_at - before
        if due > now:
            tasks.send_reminder.using(run_after=due).enqueue(registration_id, lead)
            queued += 1
    return queued
