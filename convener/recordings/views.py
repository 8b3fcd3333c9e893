from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Recording


@require_GET
def index(request):
    return render(request, "recordings/index.html", {"recordings": Recording.objects.all()})


@require_GET
def recording(request, slug):
    found = Recording.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("No such recording")
    return render(request, "recordings/recording.html", {"recording": found})
