"""Agenda arithmetic: when each block starts, and whether the agenda fits the time available."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass
class Slot:
    item: object
    offset: int  # minutes from the start of the conversation
    start: datetime | None  # aware, when the conversation has a start time
    end: datetime | None

    @property
    def offset_label(self) -> str:
        return clock(self.offset)


def clock(minutes: int) -> str:
    """Minutes as hours and minutes from the start: 0:00, 0:45, 1:05."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def _after(starts_at: datetime | None, minutes: int) -> datetime | None:
    """Elapsed time counted in UTC (a clock change mid-conversation is handled), shown in the start's zone."""
    if starts_at is None:
        return None
    return (starts_at.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(starts_at.tzinfo)


def schedule(items, starts_at: datetime | None = None) -> list[Slot]:
    slots, offset = [], 0
    for item in items:
        slots.append(Slot(item, offset, _after(starts_at, offset), _after(starts_at, offset + item.minutes)))
        offset += item.minutes
    return slots


def total_minutes(items) -> int:
    return sum(item.minutes for item in items)


def overrun(items, available: int) -> int:
    """Minutes the agenda runs past the time available; 0 when it fits."""
    return max(0, total_minutes(items) - available)
