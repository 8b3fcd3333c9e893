"""Report tables from the other apps: self-assessment skill gaps, live sessions, conversations held."""

from django.db import connection
from django.db.models import Count, Q, Sum

from convener.assessment.models import Attempt, Skill
from convener.recordings.models import ATTENDED, LiveSession

from .queries import Filters

BANDS = [("Needs work (0 to 33%)", 0, 34), ("Growing (34 to 66%)", 34, 67), ("Strong (67 to 100%)", 67, 101)]


# Each attempt's scores ({skill slug: percent}) spread into rows by the database. Reading 40,000 JSON
# documents into Python took longer than any query in the report; Django's key lookups were slower still,
# parsing each document again for every skill and band.
SCORE_ROWS = {
    "sqlite": "SELECT j.key AS skill, j.value AS score FROM ({attempts}) AS a, json_each(a.scores) AS j",
    "postgresql": "SELECT j.key AS skill, j.value::float AS score "
    "FROM ({attempts}) AS a, jsonb_each_text(a.scores) AS j",
}


def skill_gaps(filters: Filters):
    """How many self-assessments fall in each band, per skill, and the average score, in one query."""
    from .tables import Table

    attempts = (
        Attempt.objects.filter(filters.during("created_at"), filters.people("user__"))
        .values("scores")
        .order_by()
    )
    attempts_sql, params = attempts.query.sql_with_params()
    bands = ", ".join(
        f"SUM(CASE WHEN score >= {low} AND score < {high} THEN 1 ELSE 0 END)" for _label, low, high in BANDS
    )
    rows_sql = SCORE_ROWS[connection.vendor].format(attempts=attempts_sql)
    # Only the filter values are data, and they travel as parameters; the rest is fixed text above.
    query = f"SELECT skill, {bands}, AVG(score) FROM ({rows_sql}) AS s GROUP BY skill"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        by_skill = {skill: figures for skill, *figures in cursor.fetchall()}
    rows = []
    for skill in Skill.objects.order_by("position"):
        *counts, average = by_skill.get(skill.slug, [0] * len(BANDS) + [None])
        rows.append([skill.name, *[int(count) for count in counts], round(average or 0)])
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
