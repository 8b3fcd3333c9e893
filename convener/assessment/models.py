"""The skills self-assessment (imported from content/assessment/assessment.yaml) and people's attempts."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    RATING = "rating", _("Self-rating")
    SITUATION = "situation", _("Situation")


class Assessment(models.Model):
    """The one self-assessment: its title, introduction and rating scale."""

    title = models.CharField(max_length=200)
    intro = models.TextField()
    rating_scale = models.JSONField(default=list, help_text=_("Four labels, scored 0 to 3."))

    def __str__(self):
        return self.title


class Skill(models.Model):
    slug = models.SlugField(unique=True)
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField()
    modules = models.JSONField(default=list, help_text=_("Course module slugs, most helpful first."))
    methods = models.JSONField(default=list, blank=True, help_text=_("Method slugs."))
    recordings = models.JSONField(default=list, blank=True, help_text=_("Recording slugs."))

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class Item(models.Model):
    slug = models.SlugField(unique=True)
    position = models.PositiveIntegerField()
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    text = models.TextField(help_text=_("The statement of a rating, or the prompt of a situation."))
    options = models.JSONField(
        default=list, blank=True, help_text=_("Situations only: each with text, points (0-3) and feedback.")
    )

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.text


class Attempt(models.Model):
    """A signed-in person's answers and the score per skill they gave, kept as they were that day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_attempts"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answers = models.JSONField(default=dict, help_text=_("Item slug: the chosen value."))
    scores = models.JSONField(default=dict, help_text=_("Skill slug: percent of the points its items give."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("assessment:attempt", args=[self.pk])

    def previous(self):
        """This person's attempt just before this one, to compare with."""
        return (
            Attempt.objects.filter(user_id=self.user_id)
            .filter(
                models.Q(created_at__lt=self.created_at)
                | models.Q(created_at=self.created_at, pk__lt=self.pk)
            )
            .first()
        )
