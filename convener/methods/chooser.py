"""The method chooser: a points table a facilitator could follow by hand (docs/method-chooser.md).

Plain functions: they read methods (and, for the library type, recordings) but never write.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import EFFORT_RANK, Effort, Fit, Stream
from .models import duration as hours

# How divided people are on the topic.
LITTLE, SOMEWHAT, DEEPLY = "little", "somewhat", "deeply"
# What must come out of the conversation.
NONE, DECISION, ACTION, BOTH = "none", "decision", "action", "both"

# The point table. docs/method-chooser.md prints the same numbers: change both together.
POINTS = {
    "purpose_main": 6,  # the purpose is the method's first (main) stream
    "purpose_also": 3,  # the purpose is one of its other streams
    "length_fits": 2,  # the meeting length is within the method's range
    "length_spare": 0,  # longer than its range by half of its longest meeting or less
    "length_far_over": -1,  # much longer: it would fill only part of the meeting
    "meetings_fit": 2,  # the number of meetings is within its range
    "setting": {Fit.GOOD: 2, Fit.POSSIBLE: 0, Fit.POOR: -4},
    "divided": {
        LITTLE: {Fit.GOOD: 0, Fit.POSSIBLE: 0, Fit.POOR: 0},
        SOMEWHAT: {Fit.GOOD: 2, Fit.POSSIBLE: 1, Fit.POOR: -2},
        DEEPLY: {Fit.GOOD: 4, Fit.POSSIBLE: -1, Fit.POOR: -4},
    },
    "outcome_met": 3,  # for each required outcome (decision, action plan) the method produces
    "outcome_missed": -3,  # for each required outcome it does not produce
    "preparation": {0: 1, 1: -2, 2: -4},  # by how many steps the method's effort exceeds capacity
    "featured": 1,  # featured in the recorded webinars for this kind of library
}
CLOSEST_SHOWN = 3


@dataclass(frozen=True)
class Situation:
    """The chooser's answers, in the units the scoring uses."""

    purpose: str
    people: int
    meeting_minutes: int
    meetings: int = 1
    divided: str = LITTLE
    setting: str = "in_person"
    outcome: str = NONE
    preparation: str = Effort.MEDIUM
    library_type: str = ""

    @property
    def needs_decision(self):
        return self.outcome in (DECISION, BOTH)

    @property
    def needs_action(self):
        return self.outcome in (ACTION, BOTH)


@dataclass(frozen=True)
class Line:
    """One row of a method's score: its points and why."""

    points: int
    text: str


@dataclass
class Result:
    method: object
    lines: list[Line] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # hard limits this situation breaks
    notes: list[str] = field(default_factory=list)  # warnings worth no points
    distance: float = 0.0  # how far outside its hard limits, for "closest" ordering

    @property
    def score(self) -> int:
        return sum(line.points for line in self.lines)

    @property
    def fits(self) -> bool:
        return not self.broken

    @property
    def reasons(self) -> list[Line]:
        return [line for line in self.lines if line.points > 0]

    @property
    def warnings(self) -> list[Line]:
        return [line for line in self.lines if line.points <= 0]


@dataclass
class Recommendation:
    ranked: list[Result]  # methods within their hard limits, best first
    excluded: list[Result]  # methods whose hard limits the situation breaks, closest first

    @property
    def nothing_fits(self) -> bool:
        return not self.ranked

    @property
    def closest(self) -> list[Result]:
        return self.excluded[:CLOSEST_SHOWN]


def hard_limits(method, situation: Situation) -> tuple[list[str], float]:
    """What the situation breaks (group size, meeting length, number of meetings) and by how much."""
    broken, distance = [], 0.0
    if situation.people < method.group_min:
        broken.append(
            _("Needs at least %(min)d people; you expect %(n)d.")
            % {"min": method.group_min, "n": situation.people}
        )
        distance += (method.group_min - situation.people) / method.group_min
    elif situation.people > method.group_max:
        broken.append(
            _("Works for at most %(max)d people; you expect %(n)d.")
            % {"max": method.group_max, "n": situation.people}
        )
        distance += (situation.people - method.group_max) / method.group_max
    if situation.meeting_minutes < method.meeting_minutes_min:
        broken.append(
            _("Each meeting needs at least %(min)s; you have %(have)s.")
            % {"min": hours(method.meeting_minutes_min), "have": hours(situation.meeting_minutes)}
        )
        distance += (method.meeting_minutes_min - situation.meeting_minutes) / method.meeting_minutes_min
    if situation.meetings < method.meetings_min:
        broken.append(
            ngettext(
                "Needs %(min)d meeting; you have %(n)d.",
                "Needs %(min)d meetings; you have %(n)d.",
                method.meetings_min,
            )
            % {"min": method.meetings_min, "n": situation.meetings}
        )
        distance += (method.meetings_min - situation.meetings) / method.meetings_min
    return broken, distance


def _purpose(method, situation):
    purpose = Stream(situation.purpose).label
    if method.streams and method.streams[0] == situation.purpose:
        return Line(POINTS["purpose_main"], _("Made for your purpose: %(p)s.") % {"p": purpose.lower()})
    if situation.purpose in method.streams:
        return Line(POINTS["purpose_also"], _("Also serves your purpose: %(p)s.") % {"p": purpose.lower()})
    made_for = ", ".join(str(label).lower() for label in method.stream_labels)
    return Line(0, _("Made for %(made)s, not %(p)s.") % {"made": made_for, "p": purpose.lower()})


def _length(method, situation):
    have, low, high = situation.meeting_minutes, method.meeting_minutes_min, method.meeting_minutes_max
    if have < low:
        return Line(0, _("Your meetings are shorter than it needs."))
    if have <= high:
        return Line(
            POINTS["length_fits"],
            _("Fits your meeting length: it takes %(low)s to %(high)s.")
            % {"low": hours(low), "high": hours(high)},
        )
    if have <= high * 1.5:
        return Line(
            POINTS["length_spare"],
            _("Fits your meeting with time to spare: it takes at most %(high)s.") % {"high": hours(high)},
        )
    return Line(
        POINTS["length_far_over"],
        _("Takes at most %(high)s, so it would fill only part of your %(have)s.")
        % {"high": hours(high), "have": hours(have)},
    )


def _meetings(method, situation):
    if situation.meetings < method.meetings_min:
        return Line(0, _("You have fewer meetings than it needs."))
    if situation.meetings <= method.meetings_max:
        if method.meetings_min == method.meetings_max:
            text = ngettext(
                "Fits your schedule: it runs in %(n)d meeting.",
                "Fits your schedule: it runs in %(n)d meetings.",
                method.meetings_min,
            ) % {"n": method.meetings_min}
        else:
            text = _("Fits your schedule: it runs in %(low)d to %(high)d meetings.") % {
                "low": method.meetings_min,
                "high": method.meetings_max,
            }
        return Line(POINTS["meetings_fit"], text)
    return Line(
        0,
        ngettext(
            "Runs in at most %(max)d meeting; you planned %(n)d.",
            "Runs in at most %(max)d meetings; you planned %(n)d.",
            method.meetings_max,
        )
        % {"max": method.meetings_max, "n": situation.meetings},
    )


SETTING_TEXT = {
    "in_person": {
        Fit.GOOD: gettext_lazy("Works well in person."),
        Fit.POSSIBLE: gettext_lazy("Can meet in person, with some changes."),
        Fit.POOR: gettext_lazy("Not suited to meeting in person."),
    },
    "online": {
        Fit.GOOD: gettext_lazy("Works well online."),
        Fit.POSSIBLE: gettext_lazy("Can be run online, with some changes."),
        Fit.POOR: gettext_lazy("Not suited to meeting online."),
    },
    "phone": {
        Fit.GOOD: gettext_lazy("Works well by phone."),
        Fit.POSSIBLE: gettext_lazy("Can be run by phone, with some changes."),
        Fit.POOR: gettext_lazy("Not suited to meeting by phone."),
    },
}

DIVIDED_TEXT = {
    SOMEWHAT: {
        Fit.GOOD: gettext_lazy("Built to hold disagreement."),
        Fit.POSSIBLE: gettext_lazy("Can handle some disagreement."),
        Fit.POOR: gettext_lazy("Not suited to a topic people disagree about."),
    },
    DEEPLY: {
        Fit.GOOD: gettext_lazy("Built for deeply divided groups."),
        Fit.POSSIBLE: gettext_lazy(
            "Can handle some disagreement, but a deep divide needs a firmer structure."
        ),
        Fit.POOR: gettext_lazy("Not suited to a deeply divided group."),
    },
}


def _setting(method, situation):
    fit = method.fit_for(situation.setting)
    return Line(POINTS["setting"][fit], str(SETTING_TEXT[situation.setting][fit]))


def _divided(method, situation):
    if situation.divided == LITTLE:
        return None
    fit = method.polarized_topics
    return Line(POINTS["divided"][situation.divided][fit], str(DIVIDED_TEXT[situation.divided][fit]))


def _outcomes(method, situation):
    lines = []
    if situation.needs_decision:
        lines.append(
            Line(POINTS["outcome_met"], _("Ends in a group decision."))
            if method.produces_decision
            else Line(
                POINTS["outcome_missed"], _("Not a decision tool: it does not end in a group decision.")
            )
        )
    if situation.needs_action:
        lines.append(
            Line(POINTS["outcome_met"], _("Ends in action plans with people who carry them out."))
            if method.produces_action
            else Line(POINTS["outcome_missed"], _("Not an action-planning tool: it does not end in a plan."))
        )
    return lines


def _preparation(method, situation):
    over = EFFORT_RANK[method.preparation] - EFFORT_RANK[situation.preparation]
    needs = Effort(method.preparation).label.lower()
    if over <= 0:
        return Line(
            POINTS["preparation"][0],
            _("Fits the preparation you can give (it needs %(needs)s preparation).") % {"needs": needs},
        )
    return Line(
        POINTS["preparation"][over],
        _("Needs %(needs)s preparation; you said %(have)s.")
        % {"needs": needs, "have": Effort(situation.preparation).label.lower()},
    )


def _commitment(method):
    """A warning worth no points: the time a long or multi-meeting method asks of people."""
    total = method.meetings_min * method.meeting_minutes_min
    if method.meetings_min > 1:
        return _("Needs about %(total)s or more over %(n)d meetings of at least %(each)s each.") % {
            "total": hours(total),
            "n": method.meetings_min,
            "each": hours(method.meeting_minutes_min),
        }
    if method.meeting_minutes_min >= 240:
        return _("Needs at least %(total)s in one meeting.") % {"total": hours(total)}
    return None


def score(method, situation: Situation, featured=frozenset(), track_label="") -> Result:
    """Every row of the point table for one method, plus the hard limits it breaks."""
    broken, distance = hard_limits(method, situation)
    lines = [_purpose(method, situation), _length(method, situation), _meetings(method, situation)]
    lines.append(_setting(method, situation))
    if divided := _divided(method, situation):
        lines.append(divided)
    lines.extend(_outcomes(method, situation))
    lines.append(_preparation(method, situation))
    if method.slug in featured:
        lines.append(
            Line(
                POINTS["featured"],
                _("Featured in the recorded webinars for %(track)s.") % {"track": str(track_label).lower()},
            )
        )
    notes = [note] if (note := _commitment(method)) else []
    return Result(method, lines, broken, notes, distance)


def recommend(methods, situation: Situation, featured=frozenset(), track_label="") -> Recommendation:
    """Rank the methods within their hard limits; order the rest by how close they come."""
    results = [score(m, situation, featured, track_label) for m in methods]
    ranked = sorted(
        (r for r in results if r.fits),
        key=lambda r: (-r.score, EFFORT_RANK[r.method.preparation], r.method.name),
    )
    excluded = sorted(
        (r for r in results if not r.fits),
        key=lambda r: (len(r.broken), r.distance, -r.score, r.method.name),
    )
    return Recommendation(ranked, excluded)


def _signed(points: int) -> str:
    return f"+{points}" if points > 0 else str(points)


def point_table() -> str:
    """The point table as Markdown, for docs/method-chooser.md (a test keeps the two in step)."""
    p = POINTS
    rows = [
        (
            "What is the conversation for?",
            "It is the method's main (first) engagement stream",
            p["purpose_main"],
        ),
        ("", "It is one of the method's other streams", p["purpose_also"]),
        ("", "It is none of the method's streams", 0),
        ("Hours per meeting", "Within the method's meeting length", p["length_fits"]),
        ("", "Longer than its longest meeting by half of that or less", p["length_spare"]),
        ("", "Longer still: it would fill only part of the meeting", p["length_far_over"]),
        ("Number of meetings", "No more than the method uses", p["meetings_fit"]),
        ("", "More than the method uses", 0),
    ]
    for fit in Fit:
        rows.append(
            (
                "Where people meet" if fit == Fit.GOOD else "",
                f"The method's fit there is {fit.value}",
                p["setting"][fit],
            )
        )
    for level, name in ((SOMEWHAT, "Somewhat divided"), (DEEPLY, "Deeply divided")):
        for fit in Fit:
            rows.append(
                (
                    name if fit == Fit.GOOD else "",
                    f"The method's fit for polarized topics is {fit.value}",
                    p["divided"][level][fit],
                )
            )
    rows += [
        ("Not much divided", "Any method", 0),
        ("A decision or an action plan must come out", "For each one the method produces", p["outcome_met"]),
        ("", "For each one it does not produce", p["outcome_missed"]),
        ("Preparation you can give", "The method needs that much or less", p["preparation"][0]),
        ("", "It needs one step more (low to medium, medium to high)", p["preparation"][1]),
        ("", "It needs two steps more (low to high)", p["preparation"][2]),
        ("Kind of library", "The method is featured in the recordings for your track", p["featured"]),
    ]
    lines = ["| Question | Answer, compared with the method | Points |", "|---|---|---|"]
    lines += [f"| {question} | {answer} | {_signed(points)} |" for question, answer, points in rows]
    return "\n".join(lines) + "\n"


def featured_methods(library_type: str):
    """Slugs of methods featured in the recording track for a library type, and the track's name."""
    from convener.recordings.models import TRACK_FOR_LIBRARY_TYPE, Recording

    track = TRACK_FOR_LIBRARY_TYPE.get(library_type)
    if track is None:
        return frozenset(), ""
    slugs = set()
    for methods in Recording.objects.filter(track=track).values_list("methods", flat=True):
        slugs.update(methods)
    return frozenset(slugs), track.label
