"""Who may see what: every recording, session, registration and feed lookup in a view goes through here."""

from django.http import Http404

from .models import CalendarFeed, LiveSession, Recording, Registration


def get_recording(slug: str) -> Recording:
    """Recordings are public."""
    recording = Recording.objects.filter(slug=slug).first()
    if recording is None:
        raise Http404("No such recording")
    return recording


def get_session(pk: int) -> LiveSession:
    """Session pages are public; what they show depends on the viewer's registration."""
    session = LiveSession.objects.select_related("recording").filter(pk=pk).first()
    if session is None:
        raise Http404("No such session")
    return session


def get_session_for_staff(user, pk: int) -> LiveSession:
    """Editing a session is for administrators (views also carry staff_required)."""
    if not user.is_staff:
        raise Http404("No such session")
    return get_session(pk)


def get_registration_for_user(user, session: LiveSession) -> Registration | None:
    """The person's own registration for the session, in any status, or None."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(session=session, user=user).first()


def can_see_join_link(user, session: LiveSession, registration: Registration | None = None) -> bool:
    """Only people holding a seat (not the waitlist) see how to join."""
    if registration is None:
        registration = get_registration_for_user(user, session)
    return registration is not None and registration.user_id == user.pk and registration.is_registered


def get_feed_by_token(token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404("No such calendar")
    return feed
