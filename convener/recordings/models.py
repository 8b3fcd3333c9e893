"""Recorded webinars (imported from content/recordings/<slug>.yaml) and live sessions with registration."""

import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convener.lib import media


class Track(models.TextChoices):
    ALL = "all", _("All library types")
    LARGE_URBAN = "public_large_urban", _("Public — large or urban")
    SMALL_RURAL = "public_small_rural", _("Public — small, mid-sized or rural")
    ACADEMIC = "academic", _("Academic")


# The track that suits each library type in a person's profile ("start with your track").
TRACK_FOR_LIBRARY_TYPE = {
    "small_rural": Track.SMALL_RURAL,
    "mid_sized": Track.SMALL_RURAL,
    "large_urban": Track.LARGE_URBAN,
    "academic": Track.ACADEMIC,
}


class Recording(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=300)
    series = models.CharField(max_length=200, blank=True)
    track = models.CharField(max_length=30, choices=Track.choices)
    minutes = models.PositiveIntegerField()
    recorded_on = models.DateField()
    date_note = models.CharField(max_length=300, blank=True)
    partners = models.JSONField(default=list)
    speakers = models.JSONField(default=list)
    methods = models.JSONField(default=list, help_text=_("Method slugs."))
    topics = models.JSONField(default=list)
    summary = models.TextField()
    learn = models.JSONField(default=list, help_text=_("What you will learn."))
    watch_url = models.URLField(max_length=500)
    audio_summary = models.TextField(help_text=_("Written to be read aloud or over the phone."))
    transcript = models.TextField(blank=True, help_text=_("Markdown; empty until one is supplied."))
    transcript_html = models.TextField(blank=True, editable=False)
    related = models.JSONField(default=dict, help_text=_("Course module slugs."))
    video = models.JSONField(
        default=dict, blank=True, help_text=_("Optional self-hosted copy: src and captions.")
    )

    class Meta:
        ordering = ["recorded_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("recordings:recording", args=[self.slug])

    def for_track(self, track: str) -> bool:
        """Made for this track, or for every kind of library."""
        return self.track in (track, Track.ALL)

    @property
    def audio_paragraphs(self) -> list[str]:
        """The audio summary as paragraphs, its hard-wrapped lines joined back into sentences."""
        return [" ".join(p.split()) for p in self.audio_summary.split("\n\n") if p.strip()]

    @property
    def is_self_hosted(self) -> bool:
        return bool(self.video.get("src")) and not self.video["src"].startswith("https://")

    def media_path(self, name: str) -> str:
        """Where the importer puts a file this recording refers to, by its name in the media storage."""
        return f"recordings/{self.slug}/{name}"

    @property
    def video_url(self) -> str:
        src = self.video.get("src", "")
        return src if src.startswith("https://") else media.url(self.media_path(src))

    @property
    def captions_url(self) -> str:
        return media.url_on_this_site(self.media_path(self.video["captions"]))


# Live sessions ---------------------------------------------------------------------------------


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE = [Status.REGISTERED, Status.WAITLISTED]
# Registrations of people who came, seen from the session (the constraint below keeps them seated).
ATTENDED = models.Q(registrations__status=Status.REGISTERED, registrations__attended_at__isnull=False)


class LiveSessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Sessions that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self.filter(ends_at__gt=now).order_by("starts_at")

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(ends_at__lte=now).order_by("-starts_at")

    def with_counts(self):
        return self.annotate(
            registered_count=models.Count(
                "registrations", filter=models.Q(registrations__status=Status.REGISTERED)
            ),
            waitlist_count=models.Count(
                "registrations", filter=models.Q(registrations__status=Status.WAITLISTED)
            ),
        )

    def with_attendance(self):
        return self.annotate(attended_count=models.Count("registrations", filter=ATTENDED))


class LiveSession(models.Model):
    """A scheduled webinar people register for. Times are stored in UTC."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), editable=False)
    time_zone = models.CharField(
        _("time zone"), max_length=60, help_text=_("The zone the start time was entered in.")
    )
    minutes = models.PositiveIntegerField(_("length in minutes"))
    capacity = models.PositiveIntegerField(_("capacity"))
    join_url = models.URLField(_("join link"), max_length=500)
    dial_in = models.CharField(_("dial-in number"), max_length=200, blank=True)
    recording = models.ForeignKey(
        Recording, on_delete=models.SET_NULL, null=True, blank=True, related_name="live_sessions"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    attendance_taken_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text=_("When an administrator last saved who attended.")
    )

    objects = LiveSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="live_session_capacity_positive"
            ),
            models.CheckConstraint(condition=models.Q(minutes__gte=1), name="live_session_minutes_positive"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.ends_at = self.starts_at + timedelta(minutes=self.minutes)
        if kwargs.get("update_fields") is not None and {"starts_at", "minutes"} & set(
            kwargs["update_fields"]
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "ends_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("recordings:session", args=[self.pk])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        """The start time in the zone it was scheduled in."""
        return self.starts_at.astimezone(self.zone)

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    @property
    def attendance_taken(self) -> bool:
        """Someone saved the attendance list, so an empty list means nobody came, not "not recorded"."""
        return self.attendance_taken_at is not None


class Registration(models.Model):
    """One person's place in one session: registered, waitlisted or cancelled (kept to re-register)."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_registrations"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the current status began; orders the waitlist.")
    )
    wants_captions = models.BooleanField(_("live captions"), default=False)
    wants_interpreter = models.BooleanField(_("an interpreter"), default=False)
    wants_other = models.BooleanField(_("something else"), default=False)
    access_details = models.CharField(_("details"), max_length=500, blank=True)
    # Each notice is sent at most once: the time is set by a conditional UPDATE before sending.
    promoted_at = models.DateTimeField(null=True, blank=True)
    promotion_notice_at = models.DateTimeField(null=True, blank=True)
    reminded_24h_at = models.DateTimeField(null=True, blank=True)
    reminded_1h_at = models.DateTimeField(null=True, blank=True)
    recording_notice_at = models.DateTimeField(null=True, blank=True)
    # Set by an administrator after the start; only a seat holder can have attended.
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_registration_per_person"),
            models.CheckConstraint(
                condition=models.Q(attended_at__isnull=True) | models.Q(status="registered"),
                name="attended_only_with_a_seat",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.session} · {self.status}"

    @property
    def is_registered(self) -> bool:
        return self.status == Status.REGISTERED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == Status.WAITLISTED

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def attended(self) -> bool:
        return self.attended_at is not None

    def accommodations(self) -> list[str]:
        """What the person asked for, in words, for the administrator's list."""
        asked = []
        if self.wants_captions:
            asked.append(str(_("Live captions")))
        if self.wants_interpreter:
            asked.append(str(_("Interpreter")))
        if self.wants_other:
            asked.append(str(_("Something else")))
        return asked

    def waitlist_position(self) -> int | None:
        if not self.is_waitlisted:
            return None
        ahead = Registration.objects.filter(session_id=self.session_id, status=Status.WAITLISTED).filter(
            models.Q(queued_at__lt=self.queued_at) | models.Q(queued_at=self.queued_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar address: whoever has the token sees their registrations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar feed of {self.user}"

    def get_absolute_url(self):
        return reverse("recordings:feed", args=[self.token])
