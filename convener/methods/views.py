from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Method


@require_GET
def index(request):
    return render(request, "methods/index.html", {"methods": Method.objects.all()})


@require_GET
def method(request, slug):
    found = Method.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("No such method")
    return render(request, "methods/method.html", {"method": found})
