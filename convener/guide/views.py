from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import GuideEdition, GuideSection
from .pdf import guide_pdf


def _edition():
    edition = GuideEdition.objects.first()
    if edition is None:
        raise Http404("The guide is not loaded")
    return edition


@require_GET
def index(request):
    return render(
        request, "guide/index.html", {"edition": _edition(), "sections": GuideSection.objects.all()}
    )


@require_GET
def section(request, slug):
    sections = list(GuideSection.objects.only("slug", "title", "position"))
    index = next((i for i, s in enumerate(sections) if s.slug == slug), None)
    if index is None:
        raise Http404("No such section")
    context = {
        "edition": _edition(),
        "section": GuideSection.objects.get(slug=slug),
        "previous_section": sections[index - 1] if index else None,
        "next_section": sections[index + 1] if index + 1 < len(sections) else None,
    }
    return render(request, "guide/section.html", context)


@require_GET
def pdf(request):
    return FileResponse(
        default_storage.open(guide_pdf(_edition()), "rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename="leading-conversations-guide.pdf",
    )
