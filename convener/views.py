"""Site-wide pages: home, privacy, accessibility, health check and error pages."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from convener.courses.progress import continue_point


@require_GET
def home(request):
    return render(request, "home.html", {"continue_at": continue_point(request.user)})


@require_GET
def privacy(request):
    return render(request, "pages/privacy.html")


@require_GET
def accessibility(request):
    return render(request, "pages/accessibility.html")


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def bare(request):
    """The least a Django view can do: the benchmark's ceiling."""
    return HttpResponse("ok\n", content_type="text/plain")


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
