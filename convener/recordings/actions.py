"""Writes about live sessions. Seats are counted while the session row is locked, so two people
registering at once can never take more seats than there are."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import notices
from .models import ACTIVE, CalendarFeed, LiveSession, Recording, Registration, Status

NO_NOTICES = {
    "promoted_at": None,
    "promotion_notice_at": None,
    "reminded_24h_at": None,
    "reminded_1h_at": None,
    "recording_notice_at": None,
}


class RegistrationClosed(Exception):
    """The session is over: nobody can register or cancel any more."""


@dataclass
class CapacityTooLow(Exception):
    registered: int


def _locked(session: LiveSession) -> LiveSession:
    """Re-read the session with its row locked until the transaction ends (PostgreSQL); on SQLite
    every transaction already holds the database's write lock from its start."""
    return LiveSession.objects.select_for_update().get(pk=session.pk)


def _seats_taken(session: LiveSession) -> int:
    return Registration.objects.filter(session=session, status=Status.REGISTERED).count()


def _after_commit_for_seat(registration_id: int, starts_at, promoted: bool) -> None:
    def run():
        from . import tasks

        notices.schedule_reminders(registration_id, starts_at)
        if promoted:
            tasks.send_promotion_notice.enqueue(registration_id)

    transaction.on_commit(run, robust=True)


def register(user, session: LiveSession, needs: dict) -> Registration:
    """A seat if one is free, otherwise a place at the end of the waitlist. Safe to repeat."""
    try:
        with transaction.atomic():
            session = _locked(session)
            if session.has_ended():
                raise RegistrationClosed
            registration = Registration.objects.filter(session=session, user=user).first()
            if registration is not None and registration.is_active:
                return registration
            now = timezone.now()
            status = Status.REGISTERED if _seats_taken(session) < session.capacity else Status.WAITLISTED
            values = {"status": status, "queued_at": now, **needs, **NO_NOTICES}
            if registration is None:
                registration = Registration.objects.create(
                    session=session, user=user, created_at=now, **values
                )
            else:
                Registration.objects.filter(pk=registration.pk).update(**values)
                registration.refresh_from_db()
            if status == Status.REGISTERED:
                _after_commit_for_seat(registration.pk, session.starts_at, promoted=False)
            return registration
    except IntegrityError:
        # The same person's second tab registered a moment ago: there is still one registration.
        return Registration.objects.get(session=session, user=user)


def update_needs(registration: Registration, needs: dict) -> None:
    Registration.objects.filter(pk=registration.pk).update(**needs)


def _fill_free_seats(session: LiveSession) -> list[int]:
    """Promote from the waitlist, first come first served, while seats are free (session locked)."""
    if session.has_ended():
        return []
    free = session.capacity - _seats_taken(session)
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.filter(session=session, status=Status.WAITLISTED)
        .order_by("queued_at", "pk")
        .values_list("pk", flat=True)[:free]
    )
    now = timezone.now()
    Registration.objects.filter(pk__in=waiting).update(
        status=Status.REGISTERED, queued_at=now, **{**NO_NOTICES, "promoted_at": now}
    )
    for pk in waiting:
        _after_commit_for_seat(pk, session.starts_at, promoted=True)
    return waiting


def cancel(user, session: LiveSession) -> list[int]:
    """Give up a seat or a waitlist place; a freed seat goes to the first person waiting."""
    with transaction.atomic():
        session = _locked(session)
        if session.has_ended():
            raise RegistrationClosed
        registration = Registration.objects.filter(session=session, user=user).first()
        if registration is None or not registration.is_active:
            return []
        Registration.objects.filter(pk=registration.pk).update(
            status=Status.CANCELLED, queued_at=timezone.now(), attended_at=None
        )
        return _fill_free_seats(session) if registration.is_registered else []


def schedule_session(form) -> LiveSession:
    return form.save()


def update_session(session: LiveSession, form) -> list[int]:
    """Save an edit; a new start time re-queues reminders, more seats promote from the waitlist."""
    with transaction.atomic():
        before = _locked(session)
        registered = _seats_taken(before)
        if form.cleaned_data["capacity"] < registered:
            raise CapacityTooLow(registered)
        session = form.save()
        if session.starts_at != before.starts_at:
            seated = Registration.objects.filter(session=session, status=Status.REGISTERED)
            seated.update(reminded_24h_at=None, reminded_1h_at=None)
            for pk in seated.values_list("pk", flat=True):
                transaction.on_commit(
                    lambda pk=pk: notices.schedule_reminders(pk, session.starts_at), robust=True
                )
        return _fill_free_seats(session)


def attach_recording(session: LiveSession, recording: Recording) -> None:
    """After the session: link its recording and tell everyone who held a seat (once each)."""
    from . import tasks

    with transaction.atomic():
        LiveSession.objects.filter(pk=session.pk).update(recording=recording)
        transaction.on_commit(lambda: tasks.send_recording_notices.enqueue(session.pk), robust=True)


def take_attendance(session: LiveSession, attended) -> int:
    """Mark the ticked seat holders as attended (keeping when each was first marked), clear the rest,
    and note that the list was taken. Returns how many attended."""
    ticked = [registration.pk for registration in attended]
    with transaction.atomic():
        now = timezone.now()
        seated = Registration.objects.filter(session=session, status=Status.REGISTERED)
        seated.filter(pk__in=ticked, attended_at=None).update(attended_at=now)
        seated.exclude(pk__in=ticked).exclude(attended_at=None).update(attended_at=None)
        LiveSession.objects.filter(pk=session.pk).update(attendance_taken_at=now)
        return seated.exclude(attended_at=None).count()


def calendar_feed(user) -> CalendarFeed:
    try:
        with transaction.atomic():
            return CalendarFeed.objects.get_or_create(user=user)[0]
    except IntegrityError:
        return CalendarFeed.objects.get(user=user)


def reset_calendar_feed(user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    from .models import new_feed_token

    feed = calendar_feed(user)
    CalendarFeed.objects.filter(pk=feed.pk).update(token=new_feed_token(), created_at=timezone.now())
    feed.refresh_from_db()
    return feed


def on_account_deleted(user) -> None:
    """Free the person's seats (promoting others) before their registrations are deleted."""
    for registration in Registration.objects.select_related("session").filter(user=user, status__in=ACTIVE):
        if not registration.session.has_ended():
            cancel(user, registration.session)
