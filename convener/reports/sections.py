"""Report tables from the other apps: self-assessment skill gaps, live sessions, conversations held."""

from django.db.models import Count, Q, Sum

from convener.assessment.models import Attempt, Skill
from convener.recordings.models import ATTENDED, LiveSession

from .queries import Filters

BANDS = [("Needs work (0 to 33%)", 0, 34), ("Growing (34 to 66%)", 34, 67), ("Strong (67 to 100%)", 67, 101)]


def skill_gaps(filters: Filters):
    """How many self-assessments fall in each band, per skill, and the average score."""
    from .tables import Table

    scores = list(
        Attempt.objects.filter(filters.during("created_at"), filters.people("user__")).values_list(
            "scores", flat=True
        )
    )
    rows = []
    for skill in Skill.objects.order_by("position"):
        values = [s[skill.slug] for s in scores if skill.slug in s]
        bands = [sum(1 for v in values if low <= v < high) for _label, low, high in BANDS]
        average = round(sum(values) / len(values)) if values else 0
        rows.append([skill.name, *bands, average])
    return Table("skill_gaps", "Self-assessment: skills by band", [b[0] for b in BANDS] + ["Average %"], rows)


def _rate(attended: int, seated: int, taken: bool):
    """Attended as a percentage of seats taken; "Not taken" when nobody recorded attendance."""
    if not taken:
        return "Not taken"
    return round(100 * attended / seated) if seated else 0


def live_sessions(filters: Filters):
    """Registrations and attendance per live session held in the range, with a totals row."""
    from .tables import Table

    # Registrations count only for the people the filters choose (never staff trying the form out).
    who = filters.people("registrations__user__")
    sessions = list(
        LiveSession.objects.filter(filters.during("starts_at"))
        .annotate(
            seated=Count("registrations", filter=who & Q(registrations__status="registered")),
            waiting=Count("registrations", filter=who & Q(registrations__status="waitlisted")),
            cancelled=Count("registrations", filter=who & Q(registrations__status="cancelled")),
            access=Count(
                "registrations",
                filter=who
                & (
                    Q(registrations__wants_captions=True)
                    | Q(registrations__wants_interpreter=True)
                    | Q(registrations__wants_other=True)
                ),
            ),
            attended=Count("registrations", filter=who & ATTENDED),
        )
        .order_by("starts_at")
    )
    rows = [
        [
            f"{s.starts_at:%Y-%m-%d} {s.title}",
            s.capacity,
            s.seated,
            s.waiting,
            s.cancelled,
            s.access,
            s.attended,
            _rate(s.attended, s.seated, s.attendance_taken),
        ]
        for s in sessions
    ]
    if rows:
        # The rate counts only sessions whose attendance was taken: the others are not "nobody came".
        taken = [s for s in sessions if s.attendance_taken]
        totals = [sum(row[column] for row in rows) for column in range(1, 7)]
        rate = _rate(sum(s.attended for s in taken), sum(s.seated for s in taken), bool(taken))
        rows.append(["All sessions", *totals, rate])
    return Table(
        "live_sessions",
        "Live sessions: registrations and attendance",
        [
            "Capacity",
            "Registered",
            "Waiting",
            "Cancelled",
            "Asked for access needs",
            "Attended",
            "Attendance rate %",
        ],
        rows,
    )


def conversations(filters: Filters):
    """Conversations planned (created) and held in the range, by method, with total attendance."""
    from convener.conversations.models import Conversation

    from .tables import Table

    people = filters.people("owner__")
    planned = Conversation.objects.filter(people, filters.during("created_at"))
    held = Conversation.objects.filter(people, held_on__gte=filters.start, held_on__lte=filters.end)
    by_method = {}
    for name, count in planned.values_list("method__name").annotate(n=Count("pk")).order_by():
        by_method.setdefault(name or "No method", [0, 0, 0])[0] += count
    for name, count, people_count in (
        held.values_list("method__name").annotate(n=Count("pk"), people=Sum("attendance")).order_by()
    ):
        row = by_method.setdefault(name or "No method", [0, 0, 0])
        row[1] += count
        row[2] += people_count or 0
    rows = [[name, *counts] for name, counts in sorted(by_method.items())]
    return Table("conversations", "Conversations by method", ["Planned", "Held", "Total attendance"], rows)


EXTRA_TABLES = [skill_gaps, live_sessions, conversations]
