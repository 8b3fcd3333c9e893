from django_tasks import task

from .models import GuideEdition
from .pdf import guide_pdf


@task()
def build_guide_pdf() -> str:
    """Build the guide's PDF ahead of the first download, after the text changed."""
    edition = GuideEdition.objects.first()
    return guide_pdf(edition) if edition else ""
