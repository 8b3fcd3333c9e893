from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .index import search

KIND_LABELS = {
    "assessment": _("Self-assessment"),
    "course": _("Course"),
    "lesson": _("Lesson"),
    "method": _("Method"),
    "recording": _("Recording"),
    "guide": _("Guide"),
}


@require_GET
def results(request):
    query = request.GET.get("q", "").strip()[:200]
    found = search(query) if query else []
    for result in found:
        result.kind_label = KIND_LABELS.get(result.kind, result.kind)
    return render(request, "search/results.html", {"query": query, "results": found})
