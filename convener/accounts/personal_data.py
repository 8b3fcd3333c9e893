"""What Convener holds about a person: each app registers the models it links to a user.

A test walks every model with a relation to the user model and fails when one is
not registered here, so a new feature cannot forget to export or delete its data.
"""

from collections.abc import Callable
from typing import Any

from django.db import models

Exporter = Callable[[Any], Any]

_exporters: dict[str, tuple[type[models.Model], Exporter]] = {}


def register(section: str, model: type[models.Model], exporter: Exporter) -> None:
    """Register `exporter(user)` as the export of `model`'s rows about a person."""
    _exporters[section] = (model, exporter)


def registered_models() -> set[type[models.Model]]:
    return {model for model, _exporter in _exporters.values()}


def export_for(user) -> dict[str, Any]:
    return {section: exporter(user) for section, (_model, exporter) in sorted(_exporters.items())}


def rows(queryset, *fields: str) -> list[dict[str, Any]]:
    """Plain values of the given fields, with dates as ISO strings."""
    return [
        {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in row.items()}
        for row in queryset.values(*fields)
    ]
