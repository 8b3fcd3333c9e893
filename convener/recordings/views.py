from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convener.accounts.decorators import staff_required
from convener.lib import ics

from . import actions, library
from .access import (
    can_see_join_link,
    get_feed_by_token,
    get_recording,
    get_registration_for_user,
    get_session,
    get_session_for_staff,
)
from .forms import AccessNeedsForm, AttachRecordingForm, AttendanceForm, SessionForm
from .models import ACTIVE, LiveSession, Registration, Status

# The recording library ------------------------------------------------------------------------


@require_GET
def index(request):
    view = library.browse(request.user, request.GET)
    upcoming = list(LiveSession.objects.upcoming()[:3])
    return render(request, "recordings/index.html", {"view": view, "upcoming": upcoming})


@require_GET
def recording(request, slug):
    recording = get_recording(slug)
    context = {
        "recording": recording,
        "methods": library.methods_featured(recording),
        "modules": library.related_modules(recording),
        "sessions": recording.live_sessions.all(),
    }
    return render(request, "recordings/recording.html", context)


# Live sessions ---------------------------------------------------------------------------------


@require_GET
def sessions(request):
    upcoming = list(LiveSession.objects.upcoming().with_counts())
    past = list(LiveSession.objects.past().select_related("recording")[:10])
    mine, attended = {}, set()
    if request.user.is_authenticated:
        own = Registration.objects.filter(user=request.user, session__in=[*upcoming, *past])
        for r in own.filter(status__in=ACTIVE):
            mine[r.session_id] = r
            if r.attended:
                attended.add(r.session_id)
    for session in upcoming:
        session.seats_left = max(session.capacity - session.registered_count, 0)
        session.mine = mine.get(session.pk)
    for session in past:
        session.attended = session.pk in attended
    return render(request, "recordings/live/index.html", {"upcoming": upcoming, "past": past})


def sign_in_to_the_session(view):
    """For a session's actions: sign in, then come back to the session page (not to a POST-only URL)."""

    @wraps(view)
    def wrapper(request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("recordings:session", args=[pk]))
        return view(request, pk)

    return wrapper


def _session_page(request, session, form=None, status=200):
    registration = get_registration_for_user(request.user, session)
    taken = session.registrations.filter(status=Status.REGISTERED).count()
    if form is None:
        active = registration is not None and registration.is_active
        form = AccessNeedsForm(
            initial={f: getattr(registration, f) for f in AccessNeedsForm.base_fields} if active else None
        )
    context = {
        "session": session,
        "registration": registration if registration and registration.is_active else None,
        "attended": registration is not None and registration.attended,
        "can_join": can_see_join_link(request.user, session, registration),
        "seats_left": max(session.capacity - taken, 0),
        "form": form,
        "is_over": session.has_ended(),
        "session_zone_differs": timezone.get_current_timezone_name() != session.time_zone,
    }
    return render(request, "recordings/live/session.html", context, status=status)


@require_GET
def session(request, pk):
    return _session_page(request, get_session(pk))


@require_POST
@sign_in_to_the_session
def register(request, pk):
    session = get_session(pk)
    form = AccessNeedsForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, form, status=400)
    try:
        registration = actions.register(request.user, session, form.cleaned_data)
    except actions.RegistrationClosed:
        messages.error(request, _("This session is over, so registration is closed."))
        return redirect(session)
    if registration.is_registered:
        messages.success(
            request, _("You are registered. The join link is below, and we will remind you by email.")
        )
    else:
        messages.success(
            request,
            _(
                "The session is full, so you are on the waitlist (number %(n)s). "
                "We will email you if a seat opens."
            )
            % {"n": registration.waitlist_position()},
        )
    return redirect(session)


@require_POST
@sign_in_to_the_session
def update_needs(request, pk):
    session = get_session(pk)
    registration = get_registration_for_user(request.user, session)
    if registration is None or not registration.is_active:
        messages.error(request, _("Register first, then tell us what you need."))
        return redirect(session)
    form = AccessNeedsForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, form, status=400)
    actions.update_needs(registration, form.cleaned_data)
    messages.success(request, _("Saved. The organizers can see what you need."))
    return redirect(session)


@require_POST
@sign_in_to_the_session
def cancel(request, pk):
    session = get_session(pk)
    try:
        actions.cancel(request.user, session)
    except actions.RegistrationClosed:
        messages.error(request, _("This session is over, so there is nothing to cancel."))
        return redirect(session)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(session)


def _event(session, registration=None) -> ics.Event:
    """The session as a calendar event; the join details only for a person holding a seat."""
    page = settings.SITE_URL + session.get_absolute_url()
    description = session.description
    location = ""
    status = "CONFIRMED"
    if registration is not None and registration.is_registered:
        location = session.join_url
        description += "\n\n" + _("Join: %(url)s") % {"url": session.join_url}
        if session.dial_in:
            description += "\n" + _("By phone: %(number)s") % {"number": session.dial_in}
    elif registration is not None and registration.is_waitlisted:
        status = "TENTATIVE"
        description += "\n\n" + _("You are on the waitlist. We will email you if a seat opens.")
    description += "\n\n" + page
    host = urlsplit(settings.SITE_URL).hostname or "convener"
    return ics.Event(
        uid=f"live-session-{session.pk}@{host}",
        start=session.starts_at,
        end=session.ends_at,
        summary=session.title,
        description=description,
        location=location,
        url=page,
        status=status,
        alarms_minutes_before=[60] if registration is not None and registration.is_registered else [],
    )


@require_GET
def session_ics(request, pk):
    session = get_session(pk)
    registration = get_registration_for_user(request.user, session)
    response = ics.ics_response([_event(session, registration)], f"live-session-{session.pk}.ics")
    if registration is not None:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def my_calendar(request):
    feed = actions.calendar_feed(request.user)
    registrations = (
        Registration.objects.filter(user=request.user, status__in=ACTIVE)
        .select_related("session")
        .order_by("session__starts_at")
    )
    context = {"feed_url": settings.SITE_URL + feed.get_absolute_url(), "registrations": registrations}
    response = render(request, "recordings/live/calendar.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def reset_calendar(request):
    actions.reset_calendar_feed(request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect("recordings:my_calendar")


@never_cache
@require_GET
def feed(request, token):
    feed = get_feed_by_token(token)
    registrations = (
        Registration.objects.filter(user=feed.user, status__in=ACTIVE)
        .select_related("session")
        .order_by("session__starts_at")
    )
    events = [_event(r.session, r) for r in registrations]
    name = _("%(site)s live sessions") % {"site": settings.SITE_NAME}
    response = ics.ics_response(events, "live-sessions.ics", name=name)
    response["Content-Disposition"] = 'inline; filename="live-sessions.ics"'
    return response


# Administrators --------------------------------------------------------------------------------


@staff_required
@require_GET
def manage(request):
    upcoming = LiveSession.objects.upcoming().with_counts()
    past = LiveSession.objects.past().with_counts().with_attendance().select_related("recording")[:50]
    return render(request, "recordings/manage/index.html", {"upcoming": upcoming, "past": past})


@staff_required
@require_http_methods(["GET", "POST"])
def schedule(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            session = actions.schedule_session(form)
            messages.success(request, _("The session is scheduled."))
            return redirect("recordings:manage_session", pk=session.pk)
        return render(request, "recordings/manage/form.html", {"form": form}, status=400)
    return render(request, "recordings/manage/form.html", {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def manage_session(request, pk):
    session = get_session_for_staff(request.user, pk)
    registered = session.registrations.filter(status=Status.REGISTERED).count()
    form = SessionForm(request.POST or None, instance=session, registered=registered)
    if request.method == "POST":
        if form.is_valid():
            try:
                promoted = actions.update_session(session, form)
            except actions.CapacityTooLow as low:
                form.add_error(
                    "capacity",
                    _("%(count)s people already hold a seat: the capacity cannot be lower.")
                    % {"count": low.registered},
                )
            else:
                message = _("Saved.")
                if promoted:
                    message += " " + _("%(count)s people moved from the waitlist to a seat.") % {
                        "count": len(promoted)
                    }
                messages.success(request, message)
                return redirect("recordings:manage_session", pk=session.pk)
        status = 400
    else:
        status = 200
    context = {
        "form": form,
        "session": session,
        "attach_form": AttachRecordingForm(session=session, initial={"recording": session.recording_id}),
    }
    return render(request, "recordings/manage/form.html", context, status=status)


@staff_required
@require_GET
def registrations(request, pk):
    session = get_session_for_staff(request.user, pk)
    rows = list(
        session.registrations.exclude(status=Status.CANCELLED)
        .select_related("user")
        .order_by("status", "queued_at", "pk")
    )
    seated = [r for r in rows if r.is_registered]
    waiting = [r for r in rows if r.is_waitlisted]
    needs = {
        "captions": sum(r.wants_captions for r in seated),
        "interpreter": sum(r.wants_interpreter for r in seated),
        "other": sum(r.wants_other for r in seated),
    }
    context = {
        "session": session,
        "seated": seated,
        "waiting": waiting,
        "needs": needs,
        "attended": sum(r.attended for r in seated),
    }
    response = render(request, "recordings/manage/registrations.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def attach_recording(request, pk):
    session = get_session_for_staff(request.user, pk)
    form = AttachRecordingForm(request.POST, session=session)
    if not form.is_valid():
        registered = session.registrations.filter(status=Status.REGISTERED).count()
        context = {
            "form": SessionForm(instance=session, registered=registered),
            "session": session,
            "attach_form": form,
        }
        return render(request, "recordings/manage/form.html", context, status=400)
    actions.attach_recording(session, form.cleaned_data["recording"])
    messages.success(request, _("The recording is attached. Everyone who held a seat will get an email."))
    return redirect("recordings:manage_session", pk=session.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    session = get_session_for_staff(request.user, pk)
    marked = session.registrations.filter(status=Status.REGISTERED).exclude(attended_at=None)
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        session=session,
        initial={"attended": list(marked.values_list("pk", flat=True))},
    )
    if form.is_bound and form.is_valid():
        count = actions.take_attendance(session, form.cleaned_data["attended"])
        messages.success(
            request,
            ngettext("Saved: %(count)s person attended.", "Saved: %(count)s people attended.", count)
            % {"count": count},
        )
        return redirect("recordings:attendance", pk=session.pk)
    counts = session.registrations.aggregate(
        seated=Count("pk", filter=Q(status=Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    context = {"session": session, "form": form, "started": session.has_started(), **counts}
    response = render(
        request, "recordings/manage/attendance.html", context, status=400 if form.is_bound else 200
    )
    response["Cache-Control"] = "private, no-store"
    return response
