from django.db import models


class ContentImport(models.Model):
    """A record of each import that changed something, with the digest of the files it read."""

    digest = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    summary = models.TextField(blank=True)

    class Meta:
        get_latest_by = "imported_at"

    def __str__(self):
        return f"{self.imported_at:%Y-%m-%d %H:%M} {self.digest[:12]}"
