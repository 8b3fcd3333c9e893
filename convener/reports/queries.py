"""Aggregates for program reports: counts only, never a person's answers or notes.

Each figure is computed for a Filters (date range, library type, region) and broken down by
library type, by region and by month. Apps add their own sections to SECTIONS.
"""

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial

from django.db.models import Count, DateField, F, FloatField, Func, Q
from django.utils import timezone

from convener.accounts.models import LibraryType, User
from convener.certificates.models import Certificate
from convener.courses.models import CourseCompletion, Enrollment, ModuleCompletion


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    library_type: str = ""
    region: str = ""

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def people(self, prefix: str = "") -> Q:
        """Conditions on the person (through `prefix`, e.g. 'user__')."""
        q = Q(**{f"{prefix}is_staff": False})
        if self.library_type:
            q &= Q(**{f"{prefix}library_type": self.library_type})
        if self.region:
            q &= Q(**{f"{prefix}region__iexact": self.region})
        return q

    def during(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.since, f"{field}__lt": self.until})


class MonthStart(Func):
    """The first day of a timestamp's month, in UTC, with each database's cheapest function.

    Django's TruncMonth converts every row through the active time zone (slow on SQLite), and
    PostgreSQL's to_char costs half as much again as date_trunc over 100,000 rows.
    """

    template = "date_trunc('month', %(expressions)s AT TIME ZONE 'UTC')::date"
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores timestamps as ISO text in UTC: the month is the first seven characters.
        template = "substr(%(expressions)s, 1, 7) || '-01'"
        return super().as_sql(compiler, connection, template=template, **extra)


class DaysBetween(Func):
    """Days from the first timestamp to the second, as a number, computed by the database.

    Turning thousands of timestamps into Python datetimes only to subtract them took longer than
    the query itself.
    """

    template = "EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0"
    arg_joiner = " - "
    output_field = FloatField()

    def __init__(self, start, end):
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="julianday(%(expressions)s)", arg_joiner=") - julianday(", **extra
        )


@dataclass
class Measure:
    """One figure, its total and its breakdowns."""

    key: str
    label: str
    total: int
    by_library_type: dict
    by_region: dict
    by_month: dict


def _measure(key, label, queryset, person_prefix, date_field) -> Measure:
    """Total and breakdowns from one grouped query."""
    rows = (
        queryset.values(
            kind=F(f"{person_prefix}library_type"),
            place=F(f"{person_prefix}region"),
            month=MonthStart(date_field),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_type, by_region, by_month = Counter(), Counter(), Counter()
    for row in rows:
        by_type[row["kind"] or ""] += row["n"]
        by_region[(row["place"] or "").strip()] += row["n"]
        by_month[f"{row['month']:%Y-%m}"] += row["n"]
    return Measure(key, label, sum(by_type.values()), dict(by_type), dict(by_region), dict(by_month))


def measure_jobs(filters: Filters) -> list[Callable[[], Measure]]:
    """One job per measure, each a grouped query, to run in any order."""
    learners = User.objects.filter(filters.people(), filters.during("date_joined"))
    enrollments = Enrollment.objects.filter(filters.people("user__"), filters.during("started_at"))
    modules = ModuleCompletion.objects.filter(filters.people("user__"), filters.during("completed_at"))
    courses = CourseCompletion.objects.filter(filters.people("user__"), filters.during("completed_at"))
    issued = Certificate.objects.filter(filters.people("user__"), filters.during("issued_at"))
    revoked = Certificate.objects.filter(filters.during("revoked_at"))
    if filters.library_type or filters.region:
        revoked = revoked.filter(filters.people("user__"))
    return [
        partial(_measure, "new_learners", "New learners", learners, "", "date_joined"),
        partial(_measure, "enrollments", "Enrollments", enrollments, "user__", "started_at"),
        partial(_measure, "module_completions", "Module completions", modules, "user__", "completed_at"),
        partial(_measure, "course_completions", "Course completions", courses, "user__", "completed_at"),
        partial(_measure, "certificates_issued", "Certificates issued", issued, "user__", "issued_at"),
        partial(_measure, "certificates_revoked", "Certificates revoked", revoked, "user__", "revoked_at"),
    ]


def learning_measures(filters: Filters) -> list[Measure]:
    return [job() for job in measure_jobs(filters)]


def completion_figures(filters: Filters) -> dict:
    """Completion rate of enrollments started in the range, and median days to complete."""
    started = Enrollment.objects.filter(filters.people("user__"), filters.during("started_at")).count()
    # Completions of the course of an enrollment started in the range: (user, course) is unique in both.
    # One filter() call, so the course and the start date are those of the same enrollment.
    completed = CourseCompletion.objects.filter(
        filters.people("user__"),
        filters.during("user__enrollments__started_at"),
        user__enrollments__course=F("course"),
    ).count()
    days = list(
        CourseCompletion.objects.filter(filters.people("user__"), filters.during("completed_at"))
        .filter(user__enrollments__course=F("course"))
        .annotate(days=DaysBetween("user__enrollments__started_at", "completed_at"))
        .values_list("days", flat=True)
    )
    return {
        "all_learners": User.objects.filter(filters.people(), date_joined__lt=filters.until).count(),
        "started": started,
        "completed": completed,
        "rate": round(100 * completed / started) if started else 0,
        "median_days": round(statistics.median(days), 1) if days else None,
    }


def library_type_label(value: str) -> str:
    return dict(LibraryType.choices).get(value, "Not given") if value else "Not given"
