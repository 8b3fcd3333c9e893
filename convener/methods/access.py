"""Who may see which methods, and what links to them: every lookup in a view goes through here."""

from django.http import Http404

from convener.courses.access import visible_courses
from convener.courses.models import Module
from convener.recordings.models import Recording

from .models import Method


def visible_methods(user):
    """The method library is public: everyone sees every method, signed in or not."""
    return Method.objects.all()


def get_method_for_user(user, slug: str) -> Method:
    method = visible_methods(user).filter(slug=slug).first()
    if method is None:
        raise Http404("No such method")
    return method


def modules_teaching(user, method: Method) -> list[Module]:
    """Current modules of courses this person can see that name the method, or that the method names."""
    named = set(method.related.get("modules", []))
    modules = (
        Module.objects.current()
        .filter(course__in=visible_courses(user))
        .select_related("course")
        .order_by("course__title", "position")
    )
    return [m for m in modules if m.slug in named or method.slug in m.related.get("methods", [])]


def recordings_about(method: Method) -> list[Recording]:
    """Recordings that feature the method, or that the method names."""
    named = set(method.related.get("recordings", []))
    return [r for r in Recording.objects.all() if r.slug in named or method.slug in r.methods]
