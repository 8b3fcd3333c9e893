"""Dialogue and deliberation methods, imported from content/methods/<slug>.yaml."""

from django.db import models
from django.urls import reverse
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
