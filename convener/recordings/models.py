"""Recorded webinars, imported from content/recordings/<slug>.yaml."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        ordering = ["recorded_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("recordings:recording", args=[self.slug])
