"""The recording library: filters, the signed-in person's own track, and what a recording links to."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from .forms import RecordingFilterForm
from .models import TRACK_FOR_LIBRARY_TYPE, Recording, Track


def default_track(user) -> str:
    """'Start with your track': the track that fits the person's library type, or '' for every track."""
    if not user.is_authenticated:
        return ""
    return TRACK_FOR_LIBRARY_TYPE.get(user.library_type, "")


def method_names(slugs) -> dict[str, str]:
    """Names of the methods in the method library, by slug (only those that exist)."""
    from convener.methods.models import Method

    return dict(Method.objects.filter(slug__in=set(slugs)).values_list("slug", "name"))


def methods_featured(recording: Recording) -> list[dict]:
    """Each method a recording features, with its slug only when the method library has it."""
    names = method_names(recording.methods)
    return [
        {"slug": s, "name": names[s]} if s in names else {"slug": "", "name": s} for s in recording.methods
    ]


def related_modules(recording: Recording) -> list[dict]:
    """The course modules a recording names, with the address of each in its course outline."""
    from convener.courses.models import Module, Status

    slugs = recording.related.get("modules", [])
    if not slugs:
        return []
    found = {
        module.slug: module
        for module in Module.objects.current()
        .filter(slug__in=slugs, course__status=Status.PUBLISHED)
        .select_related("course")
        .order_by("course__title", "position")
    }
    return [
        {"title": found[s].title, "url": f"{found[s].course.get_absolute_url()}#module-{s}"}
        for s in slugs
        if s in found
    ]


@dataclass
class Browse:
    """One view of the library: the chosen filters and the recordings that pass them."""

    form: RecordingFilterForm
    recordings: list[Recording]
    total: int
    track: str
    method: str
    topic: str
    own_track: str
    from_profile: bool
    methods: list[tuple[str, str]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    @property
    def track_label(self) -> str:
        return Track(self.track).label if self.track else ""

    def link(self, **changes) -> str:
        """The query string for these filters with some changed; the track is always explicit."""
        values = {"track": self.track, "method": self.method, "topic": self.topic, **changes}
        return "?" + urlencode({k: v for k, v in values.items() if v or k == "track"})

    def track_links(self) -> list[dict]:
        links = [{"label": _("Every track"), "value": "", "url": self.link(track="")}]
        links += [
            {"label": label, "value": value, "url": self.link(track=value)} for value, label in Track.choices
        ]
        for item in links:
            item["current"] = item["value"] == self.track
            item["own"] = bool(item["value"]) and item["value"] == self.own_track
        return links


def browse(user, params) -> Browse:
    """Filter by track, method and topic; with no track chosen, a signed-in person starts with theirs."""
    everything = list(Recording.objects.all())
    method_slugs = {slug for r in everything for slug in r.methods}
    names = method_names(method_slugs)
    methods = sorted(
        ((slug, names.get(slug, slug.replace("-", " ").capitalize())) for slug in method_slugs),
        key=lambda m: m[1].lower(),
    )
    topics = sorted({topic for r in everything for topic in r.topics}, key=str.lower)
    own = default_track(user)
    from_profile = "track" not in params and bool(own)
    data = {**params.dict(), "track": own} if from_profile else params
    form = RecordingFilterForm(data, methods=methods, topics=topics)
    track, method, topic = form.value("track"), form.value("method"), form.value("topic")
    chosen = [
        r
        for r in everything
        if (not track or r.for_track(track))
        and (not method or method in r.methods)
        and (not topic or topic in r.topics)
    ]
    return Browse(
        form=form,
        recordings=chosen,
        total=len(everything),
        track=track,
        method=method,
        topic=topic,
        own_track=own,
        from_profile=from_profile,
        methods=methods,
        topics=topics,
    )
