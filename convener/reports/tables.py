"""The report's tables: one row per library type, region or month, one column per measure."""

import hashlib
import threading
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from convener.accounts.models import LibraryType
from convener.lib.together import run_together

from .queries import Filters, Measure, completion_figures, library_type_label, measure_jobs
from .sections import EXTRA_TABLES


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list]  # first cell is the row label

    def column(self, index: int) -> list[tuple[str, float]]:
        return [(row[0], row[index + 1]) for row in self.rows]


def _table(key, title, measures: list[Measure], attribute, keys, label) -> Table:
    rows = [[label(k), *[getattr(m, attribute).get(k, 0) for m in measures]] for k in keys]
    return Table(key, title, [m.label for m in measures], rows)


def _compute(filters: Filters) -> dict:
    """Every table and key figure, their queries run together (see convener.lib.together)."""
    jobs = measure_jobs(filters)
    sections = [partial(make, filters) for make in EXTRA_TABLES]
    *results, completion = run_together([*jobs, *sections, partial(completion_figures, filters)])
    measures, extra = results[: len(jobs)], results[len(jobs) :]
    types = [value for value, _label in LibraryType.choices] + [""]
    regions = sorted({r for m in measures for r in m.by_region}, key=lambda r: (r == "", r.lower()))
    months = sorted({k for m in measures for k in m.by_month if k})
    tables = [
        Table("totals", "Totals", [m.label for m in measures], [["All", *[m.total for m in measures]]]),
        _table("library_type", "By library type", measures, "by_library_type", types, library_type_label),
        _table("region", "By region", measures, "by_region", regions, lambda r: r or "Not given"),
        _table("month", "By month", measures, "by_month", months, str),
        *extra,
    ]
    return {"tables": tables, "completion": completion, "as_of": timezone.now()}


# One computation at a time per process (see report_figures).
_computing = threading.Lock()


def report_figures(filters: Filters, fresh=False) -> dict:
    """The report's tables and key figures for these filters, kept for a few minutes.

    At a state library's scale they take about half a second to compute; an administrator moving
    between the page, its CSV files and the funder summary should not wait for that each time.
    """
    key = "reports:v1:" + hashlib.sha256(repr(filters).encode()).hexdigest()
    figures = None if fresh else cache.get(key)
    if figures is not None:
        return figures
    # One computation at a time per process: requests that arrive while it runs wait for it and reuse
    # its figures instead of each starting the same second-long queries.
    with _computing:
        figures = None if fresh else cache.get(key)
        if figures is None:
            figures = _compute(filters)
            cache.set(key, figures, settings.REPORT_CACHE_SECONDS)
    return figures
