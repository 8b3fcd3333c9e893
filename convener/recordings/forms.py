import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convener.accounts.forms import time_zone_choices

from .models import LiveSession, Recording, Registration, Status, Track


class RecordingFilterForm(forms.Form):
    """The library's filters (a GET form): every field is optional."""

    track = forms.ChoiceField(label=_("Track"), required=False)
    method = forms.ChoiceField(label=_("Method"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, methods=(), topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [("", _("Every track")), *Track.choices]
        self.fields["method"].choices = [("", _("Any method")), *methods]
        self.fields["topic"].choices = [("", _("Any topic")), *[(t, t) for t in topics]]

    def value(self, name: str) -> str:
        """The cleaned value, or '' when the value sent is not one of the choices."""
        self.is_valid()
        return self.cleaned_data.get(name, "")


# A check box before its label, as people expect to see it.
CHECKBOX = "recordings/_checkbox_field.html"


class AccessNeedsForm(forms.Form):
    """What a person needs to take part; only administrators see it."""

    wants_captions = forms.BooleanField(label=_("Live captions"), required=False, template_name=CHECKBOX)
    wants_interpreter = forms.BooleanField(
        label=_("An interpreter (sign language or a spoken language)"), required=False, template_name=CHECKBOX
    )
    wants_other = forms.BooleanField(label=_("Something else"), required=False, template_name=CHECKBOX)
    access_details = forms.CharField(
        label=_("Details"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which language, or what else would help you take part. Only the organizers see this."),
    )

    def clean(self):
        data = super().clean()
        if data.get("wants_other") and not data.get("access_details", "").strip():
            self.add_error("access_details", _("Tell us what you need, so we can arrange it."))
        return data


def zone_choices():
    return [("UTC", "UTC"), *time_zone_choices()[1:]]


def _https_urls(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SessionForm(forms.ModelForm):
    """Scheduling a live session: the start is entered as a local date and time in a chosen zone."""

    starts_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In the time zone below, 24-hour clock."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=zone_choices)
    minutes = forms.IntegerField(label=_("Length in minutes"), min_value=1, max_value=24 * 60)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=100000,
        help_text=_("Seats; people beyond this join a waitlist."),
    )
    join_url = forms.URLField(
        label=_("Join link"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to people holding a seat."),
    )

    class Meta:
        model = LiveSession
        formfield_callback = _https_urls
        fields = [
            "title",
            "description",
            "starts_on",
            "start_time",
            "time_zone",
            "minutes",
            "capacity",
            "join_url",
            "dial_in",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "dial_in": _("Optional. A phone number and access code; shown only to people holding a seat.")
        }

    def __init__(self, *args, registered=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.registered = registered
        if self.instance.pk:
            local = self.instance.local_start
            self.initial.setdefault("starts_on", local.date())
            self.initial.setdefault("start_time", local.time().replace(second=0, microsecond=0))
        else:
            self.initial.setdefault("time_zone", timezone.get_current_timezone_name() or settings.TIME_ZONE)

    def clean_join_url(self):
        url = self.cleaned_data["join_url"]
        if not url.startswith("https://"):
            raise forms.ValidationError(_("Use a secure link that starts with https://."))
        return url

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < self.registered:
            raise forms.ValidationError(
                _("%(count)s people already hold a seat: the capacity cannot be lower.")
                % {"count": self.registered}
            )
        return capacity

    def clean(self):
        data = super().clean()
        day, time, zone = data.get("starts_on"), data.get("start_time"), data.get("time_zone")
        if day and time and zone:
            naive = datetime.datetime.combine(day, time)
            aware = naive.replace(tzinfo=zoneinfo.ZoneInfo(zone))
            if aware.astimezone(datetime.UTC).astimezone(aware.tzinfo).replace(tzinfo=None) != naive:
                self.add_error(
                    "start_time",
                    _("That time does not exist in %(zone)s: the clocks change then.") % {"zone": zone},
                )
                return data
            starts_at = aware.astimezone(datetime.UTC)
            changed = self.instance.pk is None or starts_at != self.instance.starts_at
            if changed and starts_at <= timezone.now():
                self.add_error("starts_on", _("Choose a start in the future."))
            data["starts_at"] = starts_at
        return data

    def save(self, commit=True):
        self.instance.starts_at = self.cleaned_data["starts_at"]
        return super().save(commit=commit)


class AttachRecordingForm(forms.Form):
    recording = forms.ModelChoiceField(
        label=_("Recording"),
        queryset=Recording.objects.order_by("title"),
        empty_label=_("Choose a recording"),
        help_text=_("Everyone who held a seat is told by email, once."),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session

    def clean(self):
        data = super().clean()
        if not self.session.has_ended():
            raise forms.ValidationError(_("The session has not ended yet. Attach the recording after it."))
        return data


class SeatHolderChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, registration):
        return f"{registration.user.display_name} ({registration.user.email})"


class AttendanceForm(forms.Form):
    """Who came: one check box per seat holder. Waitlisted and cancelled people are not choices."""

    attended = SeatHolderChoiceField(
        label=_("Who attended"),
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone who joined the session. Leave a box empty for someone who did not."),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["attended"].queryset = (
            Registration.objects.filter(session=session, status=Status.REGISTERED)
            .select_related("user")
            .order_by("user__display_name", "pk")
        )

    def clean(self):
        data = super().clean()
        if not self.session.has_started():
            raise forms.ValidationError(
                _("The session has not started yet. Mark who attended once it has begun.")
            )
        return data
