from django.db import models
from django.urls import reverse


class GuideSection(models.Model):
    """One section of the companion guide, imported from content/guide/NN-slug.md."""

    slug = models.SlugField(unique=True)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guide:section", args=[self.slug])


class GuideEdition(models.Model):
    """The guide's title page, from content/guide/guide.yaml. There is one row."""

    title = models.CharField(max_length=200)
    subtitle = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    licence = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=10, default="en")
    digest = models.CharField(max_length=64, help_text="Fingerprint of the text; names the cached PDF.")

    def __str__(self):
        return f"{self.title} (version {self.version})"
