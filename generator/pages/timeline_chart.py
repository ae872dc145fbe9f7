"""The timeline's chart: briefings per month for each theme, as inline SVG made at build time.

One row of bars per theme, one bar per calendar month from the first briefing to the last
(months without briefings stay empty), each bar a link to that month on the page of its year
that lists it, titled with its count. Colours come from the page's CSS (`extra.css`), so the chart follows
the light and dark schemes; the table below it is the same data as text.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import dataclass

from generator.archive.model import Archive
from generator.pages.dates import month_name

BAR = 10  # width of a month's slot, in SVG units
ROW = 44  # height of a theme's row
LABEL = 120  # room for the theme names on the left
AXIS = 18  # room for the years below


@dataclass(frozen=True)
class MonthCounts:
    first_day: dt.date
    by_theme: tuple[int, ...]  # in the vocabulary's order
    total: int


def month_counts(archive: Archive) -> list[MonthCounts]:
    """Every calendar month from the oldest briefing to the newest, oldest first."""
    if not archive.records:
        return []
    counts: dict[dt.date, list[int]] = {}
    totals: dict[dt.date, int] = {}
    for record in archive.records:
        month = record.meta.date.replace(day=1)
        row = counts.setdefault(month, [0] * len(archive.themes))
        for index, theme in enumerate(archive.themes):
            row[index] += theme.slug in record.meta.themes
        totals[month] = totals.get(month, 0) + 1
    first, last = min(counts), max(counts)
    months = []
    month = first
    while month <= last:
        row = counts.get(month, [0] * len(archive.themes))
        months.append(MonthCounts(month, tuple(row), totals.get(month, 0)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def timeline_svg(archive: Archive, months: list[MonthCounts], links: Mapping[dt.date, str]) -> str:
    """The chart as one line of SVG markup (Markdown keeps a one-line HTML block as it is).
    `links` gives each month's address from the chart's page (the year page that lists it)."""
    if not months:
        return ""
    width = LABEL + BAR * len(months)
    height = ROW * len(archive.themes) + AXIS
    peak = max(max(m.by_theme) for m in months) or 1
    parts = [
        f'<svg class="timeline-chart" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="timeline-chart-title" preserveAspectRatio="xMinYMin meet">',
        f'<title id="timeline-chart-title">Briefings per month for each theme, '
        f"{html.escape(month_name(months[0].first_day))} to {html.escape(month_name(months[-1].first_day))}"
        "; the table below gives every count.</title>",
    ]
    for row, theme in enumerate(archive.themes):
        base = ROW * (row + 1) - 4
        parts.append(
            f'<g class="timeline-chart__theme"><text class="timeline-chart__label" x="0" y="{base - 4}">'
            f"{html.escape(theme.title)}</text>"
        )
        for column, month in enumerate(months):
            href = links.get(month.first_day, "")
            parts.append(_bar(theme.title, month, month.by_theme[row], column, base, peak, href))
        parts.append("</g>")
    for column, month in enumerate(months):
        if month.first_day.month == 1 or column == 0:
            x = LABEL + BAR * column
            parts.append(
                f'<text class="timeline-chart__year" x="{x}" y="{height - 4}">{month.first_day.year}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _bar(theme: str, month: MonthCounts, count: int, column: int, base: int, peak: int, href: str) -> str:
    x = LABEL + BAR * column + 1
    tall = round((ROW - 14) * count / peak, 1)
    size = f'width="{BAR - 2}" height="{tall}"'
    rect = f'<rect class="timeline-chart__bar" x="{x}" y="{base - tall}" {size}></rect>'
    if not count:
        return rect
    label = html.escape(
        f"{month_name(month.first_day)}, {theme}: {count} briefing{'s' if count != 1 else ''}"
    )
    return f'<a href="{html.escape(href)}" aria-label="{label}"><title>{label}</title>{rect}</a>'
