"""Bringing a table of slug-identified records in line with the files."""


def sync_by_slug(model, values_by_slug: dict[str, dict], label: str) -> tuple[list[str], list]:
    """Create, update or delete rows of `model` so they match; return the changes and the kept rows."""
    changes, kept = [], []
    current = {row.slug: row for row in model.objects.filter(slug__in=values_by_slug)}
    for slug, values in values_by_slug.items():
        row = current.get(slug)
        if row is None:
            row = model.objects.create(slug=slug, **values)
            changes.append(f"added {label} {slug}")
        elif changed := [k for k, v in values.items() if getattr(row, k) != v]:
            model.objects.filter(pk=row.pk).update(**values)
            changes.append(f"updated {label} {slug} ({', '.join(changed)})")
        kept.append(row)
    for gone in model.objects.exclude(pk__in=[row.pk for row in kept]):
        gone.delete()
        changes.append(f"removed {label} {gone.slug}")
    return changes, kept
