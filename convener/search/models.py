from django.db import models


class SearchDocument(models.Model):
    """One searchable page. Apps replace their own kind's documents when their content changes."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    text = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_document_per_key")]

    def __str__(self):
        return self.title
