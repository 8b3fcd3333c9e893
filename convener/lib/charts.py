"""Small accessible SVG charts drawn on the server: no chart library, nothing that calls out."""

import itertools

from django.utils.html import escape
from django.utils.safestring import mark_safe

_ids = itertools.count(1)


def bar_chart(title: str, description: str, rows: list[tuple[str, float]], unit: str = "") -> str:
    """Horizontal bars with their values written beside them; pair it with a table of the same figures."""
    chart_id = f"chart-{next(_ids)}"
    row_height, label_width, bar_width = 24, 270, 330
    height = row_height * max(len(rows), 1) + 10
    top = max((value for _label, value in rows), default=0) or 1
    width_total = label_width + bar_width + 90
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width_total} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = 5 + index * row_height
        width = round(bar_width * value / top)
        shown = f"{value:g}{unit}"
        label_x, value_x, bar_height = label_width - 8, label_width + width + 6, row_height - 10
        parts.append(
            f'<text x="{label_x}" y="{y + 18}" text-anchor="end" class="chart-label">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{width}" height="{bar_height}" class="chart-bar" '
            'fill="#1d4f73"/>'
            f'<text x="{value_x}" y="{y + 18}" class="chart-value">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text part is escaped above)
