"""What the self-assessment adds to site search: one page, found by the skills it covers."""

from django.urls import reverse

from convener.search.index import Document, replace

from .models import Assessment, Skill


def reindex_assessment() -> None:
    assessment = Assessment.objects.first()
    documents = []
    if assessment is not None:
        skills = [f"{skill.name}. {skill.description}" for skill in Skill.objects.order_by("position")]
        text = "\n".join([assessment.intro, *skills])
        documents.append(Document("skills", assessment.title, reverse("assessment:index"), text))
    replace("assessment", documents)
