"""What the self-assessment can recommend, read from the course, method and recording tables."""

from convener.courses.models import Module, Status
from convener.methods.models import Method
from convener.recordings.models import Recording

from .definition import Definition
from .scoring import Catalog, Target


def catalog_for(definition: Definition) -> Catalog:
    """Published modules, methods and every recording (for "start with your track"): three queries."""
    wanted = {
        kind: {slug for skill in definition.skills for slug in getattr(skill, kind)}
        for kind in ("modules", "methods")
    }
    modules = {}
    for module in (
        Module.objects.current()
        .filter(course__status=Status.PUBLISHED, slug__in=wanted["modules"])
        .select_related("course")
        .order_by("course__title", "position")
    ):
        url = f"{module.course.get_absolute_url()}#module-{module.slug}"
        modules.setdefault(module.slug, Target(module.slug, module.title, url, module.course.title))
    methods = {
        m.slug: Target(m.slug, m.name, m.get_absolute_url(), m.summary)
        for m in Method.objects.filter(slug__in=wanted["methods"]).only("slug", "name", "summary")
    }
    recordings = {
        r.slug: Target(r.slug, r.title, r.get_absolute_url(), track=r.track)
        for r in Recording.objects.order_by("recorded_on", "title").only("slug", "title", "track")
    }
    return Catalog(modules, methods, recordings)
