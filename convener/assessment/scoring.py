"""Scores per skill, and the modules, recordings and methods they point to, each with its reason.

Plain functions over a Definition and a Catalog, so the rules are tested without a database.
"""

from dataclasses import dataclass, field

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convener.recordings.models import Track

from .definition import Definition, SkillDef

# A skill under this percent is a gap: on average its answers fall short of "Mostly" (2 of 3).
GAP_BELOW = 67
# When no skill is a gap, recommendations start from this many of the lowest skills.
LOWEST_WHEN_NO_GAPS = 2
# Recommendations of each kind shown.
LIMIT = 3


def percent(points: int, possible: int) -> int:
    """Whole percent, halves rounded up (1 of 6 is 17%)."""
    return (200 * points + possible) // (2 * possible) if possible else 0


def score(definition: Definition, answers: dict[str, int]) -> dict[str, int]:
    """Percent of the points each skill's items can give, for a complete set of answers."""
    got: dict[str, int] = {}
    possible: dict[str, int] = {}
    for item in definition.items:
        got[item.skill] = got.get(item.skill, 0) + item.points(answers[item.slug])
        possible[item.skill] = possible.get(item.skill, 0) + item.max_points
    return {skill.slug: percent(got[skill.slug], possible[skill.slug]) for skill in definition.skills}


@dataclass(frozen=True)
class SkillScore:
    skill: SkillDef
    score: int
    previous: int | None = None

    @property
    def is_gap(self) -> bool:
        return self.score < GAP_BELOW

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.score - self.previous

    @property
    def change_label(self) -> str:
        change = self.change
        if change is None:
            return ""
        if change == 0:
            return _("no change")
        if change > 0:
            return ngettext("up %(count)s point", "up %(count)s points", change) % {"count": change}
        return ngettext("down %(count)s point", "down %(count)s points", -change) % {"count": -change}


def profile(definition: Definition, scores: dict, previous: dict | None = None) -> list[SkillScore]:
    """Each current skill with a score, in the content's order; skills no longer asked are left out."""
    previous = previous or {}
    return [
        SkillScore(skill, scores[skill.slug], previous.get(skill.slug))
        for skill in definition.skills
        if isinstance(scores.get(skill.slug), int)
    ]


@dataclass(frozen=True)
class Target:
    """Something a recommendation links to."""

    slug: str
    title: str
    url: str
    detail: str = ""
    track: str = ""


@dataclass
class Catalog:
    """What exists to be recommended, by slug, in the order to offer it when nothing else decides."""

    modules: dict[str, Target]
    methods: dict[str, Target]
    recordings: dict[str, Target]


@dataclass
class Recommendation:
    target: Target
    because: list[SkillScore] = field(default_factory=list)
    track_note: str = ""

    @property
    def reason(self) -> str:
        if not self.because:
            return ""
        parts = [
            _("%(score)s%% on %(skill)s") % {"score": s.score, "skill": s.skill.name} for s in self.because
        ]
        return _("Because you scored %(parts)s.") % {"parts": get_text_list(parts, _("and"))}


@dataclass
class Recommendations:
    focus: list[SkillScore]
    no_gaps: bool
    track: str | None
    modules: list[Recommendation]
    methods: list[Recommendation]
    recordings: list[Recommendation]


def focus_skills(skills: list[SkillScore]) -> tuple[list[SkillScore], bool]:
    """The gaps, weakest first (ties in content order); or the lowest few when there is no gap."""
    ranked = sorted(skills, key=lambda s: (s.score, s.skill.position))
    gaps = [s for s in ranked if s.is_gap]
    return (gaps, False) if gaps else (ranked[:LOWEST_WHEN_NO_GAPS], True)


def lowest(definition: Definition, scores: dict, count: int = LOWEST_WHEN_NO_GAPS) -> list[SkillScore]:
    """The lowest few scores of a result, for a list of results."""
    return sorted(profile(definition, scores), key=lambda s: (s.score, s.skill.position))[:count]


def _collect(focus, attribute, available) -> list[Recommendation]:
    """Targets named by the focus skills, weakest skill first; each lists every skill that named it."""
    found: dict[str, Recommendation] = {}
    for skill_score in focus:
        for slug in getattr(skill_score.skill, attribute):
            if slug not in available:
                continue
            rec = found.setdefault(slug, Recommendation(available[slug]))
            rec.because.append(skill_score)
    return list(found.values())


def track_note(recording: Target, track: str | None) -> str:
    if recording.track == Track.ALL:
        return _("Made for all kinds of library.")
    label = Track(recording.track).label if recording.track in Track.values else recording.track
    if track and recording.track == track:
        return _("Made for your kind of library: %(track)s.") % {"track": label}
    return _("Made for: %(track)s.") % {"track": label}


def _recordings(focus, catalog: Catalog, track: str | None) -> list[Recommendation]:
    """The focus skills' recordings that suit the track (or every track); then the track's own."""
    picked = _collect(focus, "recordings", catalog.recordings)
    if track:
        picked = [rec for rec in picked if rec.target.track in (track, Track.ALL)]
        taken = {rec.target.slug for rec in picked}
        picked += [
            Recommendation(target)
            for slug, target in catalog.recordings.items()
            if target.track == track and slug not in taken
        ]
    for rec in picked:
        rec.track_note = track_note(rec.target, track)
    return picked[:LIMIT]


def recommend(
    definition: Definition, skills: list[SkillScore], catalog: Catalog, track=None
) -> Recommendations:
    focus, no_gaps = focus_skills(skills)
    track = track if track in Track.values and track != Track.ALL else None
    return Recommendations(
        focus=focus,
        no_gaps=no_gaps,
        track=track,
        modules=_collect(focus, "modules", catalog.modules)[:LIMIT],
        methods=_collect(focus, "methods", catalog.methods)[:LIMIT],
        recordings=_recordings(focus, catalog, track),
    )


def situation_feedback(definition: Definition, answers: dict) -> list[dict]:
    """For each situation answered: the choice, its feedback, and the strongest choice when it was not."""
    result = []
    for item in definition.items:
        value = answers.get(item.slug)
        if item.is_rating or not isinstance(value, int) or not 0 <= value < len(item.options):
            continue
        chosen = item.options[value]
        result.append(
            {
                "item": item,
                "chosen": chosen,
                "best": item.best if chosen.points < item.max_points else None,
            }
        )
    return result
