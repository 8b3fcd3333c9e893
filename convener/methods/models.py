"""Dialogue and deliberation methods, imported from content/methods/<slug>.yaml."""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class Stream(models.TextChoices):
    EXPLORATION = "exploration", _("Exploration")
    CONFLICT = "conflict_transformation", _("Conflict transformation")
    DECISION = "decision_making", _("Decision making")
    ACTION = "collaborative_action", _("Collaborative action")


class Participation(models.TextChoices):
    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    EMPOWER = "empower", _("Empower")


class Fit(models.TextChoices):
    GOOD = "good", _("Good")
    POSSIBLE = "possible", _("Possible")
    POOR = "poor", _("Poor")


class Effort(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


def duration(minutes: int) -> str:
    """Minutes as a short, readable length: '90 minutes', '3 hours', '2.5 hours', '3 hours 20 minutes'."""
    if minutes < 120:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    whole, rest = divmod(minutes, 60)
    if rest in (0, 30):
        return gettext("%(n)s hours") % {"n": f"{minutes / 60:g}"}
    return gettext("%(h)d hours %(m)d minutes") % {"h": whole, "m": rest}


# Preparation effort in order, to compare a method's needs with a host's capacity.
EFFORT_RANK = {Effort.LOW: 0, Effort.MEDIUM: 1, Effort.HIGH: 2}
SETTINGS = {"in_person": _("In person"), "online": _("Online"), "phone": _("By phone")}


class Method(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    summary = models.TextField()
    description = models.TextField(help_text=_("Markdown."))
    description_html = models.TextField(editable=False)
    streams = models.JSONField(default=list, help_text=_("Engagement streams."))
    participation = models.JSONField(default=list, help_text=_("IAP2 participation levels."))
    group_min = models.PositiveIntegerField()
    group_max = models.PositiveIntegerField()
    meeting_minutes_min = models.PositiveIntegerField()
    meeting_minutes_max = models.PositiveIntegerField()
    meetings_min = models.PositiveIntegerField()
    meetings_max = models.PositiveIntegerField()
    in_person = models.CharField(max_length=10, choices=Fit.choices)
    online = models.CharField(max_length=10, choices=Fit.choices)
    phone = models.CharField(max_length=10, choices=Fit.choices)
    polarized_topics = models.CharField(max_length=10, choices=Fit.choices)
    preparation = models.CharField(max_length=10, choices=Effort.choices)
    produces_decision = models.BooleanField()
    produces_action = models.BooleanField()
    produces_summary = models.TextField()
    roles = models.JSONField(default=list, help_text=_("Each with name and does."))
    steps = models.JSONField(default=list, help_text=_("Each with title, minutes, description, question."))
    materials = models.JSONField(default=list)
    agreements = models.JSONField(default=list)
    fits_when = models.JSONField(default=list)
    not_a_fit = models.JSONField(default=list)
    accessibility = models.JSONField(default=list)
    sources = models.JSONField(default=list)
    related = models.JSONField(default=dict, help_text=_("Course module and recording slugs."))

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("methods:method", args=[self.slug])

    @property
    def step_minutes(self):
        return sum(step["minutes"] for step in self.steps)

    @property
    def plan_url(self):
        """The planner's "new conversation" page with this method chosen."""
        return f"{reverse('conversations:index')}new/?{urlencode({'method': self.slug})}"

    @property
    def stream_labels(self):
        return [Stream(value).label for value in self.streams]

    @property
    def participation_labels(self):
        return [Participation(value).label for value in self.participation]

    def fit_for(self, setting: str) -> str:
        """How well it works in a setting: 'in_person', 'online' or 'phone'."""
        if setting not in SETTINGS:
            raise ValueError(f"unknown setting {setting!r}")
        return getattr(self, setting)

    @property
    def setting_fits(self):
        """(label, fit value, fit label) for in person, online and by phone."""
        return [(label, self.fit_for(key), Fit(self.fit_for(key)).label) for key, label in SETTINGS.items()]

    @property
    def is_series(self):
        return self.meetings_max > 1

    @property
    def group_size_text(self):
        return gettext("%(low)d to %(high)d people") % {"low": self.group_min, "high": self.group_max}

    @property
    def meeting_length_text(self):
        if self.meeting_minutes_min == self.meeting_minutes_max:
            return duration(self.meeting_minutes_min)
        return gettext("%(low)s to %(high)s") % {
            "low": duration(self.meeting_minutes_min),
            "high": duration(self.meeting_minutes_max),
        }

    @property
    def meetings_text(self):
        if self.meetings_min == self.meetings_max:
            return ngettext("%(n)d meeting", "%(n)d meetings", self.meetings_min) % {"n": self.meetings_min}
        return gettext("%(low)d to %(high)d meetings") % {"low": self.meetings_min, "high": self.meetings_max}

    @property
    def step_minutes_text(self):
        return duration(self.step_minutes)
