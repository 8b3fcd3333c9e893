"""The report's tables: one row per library type, region or month, one column per measure."""

from dataclasses import dataclass

from convener.accounts.models import LibraryType

from .queries import Filters, Measure, learning_measures, library_type_label
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


def report_tables(filters: Filters) -> list[Table]:
    measures = learning_measures(filters)
    types = [value for value, _label in LibraryType.choices] + [""]
    regions = sorted({r for m in measures for r in m.by_region}, key=lambda r: (r == "", r.lower()))
    months = sorted({k for m in measures for k in m.by_month if k})
    return [
        Table("totals", "Totals", [m.label for m in measures], [["All", *[m.total for m in measures]]]),
        _table("library_type", "By library type", measures, "by_library_type", types, library_type_label),
        _table("region", "By region", measures, "by_region", regions, lambda r: r or "Not given"),
        _table("month", "By month", measures, "by_month", months, str),
        *[make(filters) for make in EXTRA_TABLES],
    ]
