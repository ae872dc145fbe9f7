"""The timeline's chart: briefings per month for each theme, as HTML and inline SVG made at build time.

One row of bars per theme, one column per calendar month from the first briefing to the last
(months without briefings stay empty). A month's column is one link, to that month on the page of
its year that lists it, named by its counts.

The chart is drawn at its natural size and never scaled to the page: its text keeps one size at
any volume and on any screen, and the number of months sets its width. A month's column is wide
when there are few months (with the month's name under it) and narrows to `NARROWEST` px as the
months grow; `extra.css` widens it to a tap target on touch screens. When the months are wider
than the screen they scroll sideways inside their own box, which opens at the newest month, while
the theme names stay beside it. Colours come from the page's CSS, so the chart follows the light
and dark schemes; the table below it is the full record as text.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from generator.archive.model import Archive
from generator.pages.dates import MONTHS, month_name

ROW = 30  # a theme's row, in px
BAR = 24  # the tallest bar, in px: the rest of the row parts one theme from the next
WIDEST = 36  # a month's column with few months, in px
NARROWEST = 12  # a month's column with many months
SPAN = 720  # the width, in px, the months fill before their columns narrow (fits a desktop page)
MONTH_NAMES = 28  # the narrowest column that shows a month's short name ("Sep") under it
INITIALS = 16  # the narrowest column that shows its month's initial
YEAR_LABEL = 34  # the room a year's label ("2025" in the chart's 12 px type) needs, in px
BAR_WIDTH = 0.7  # of a month's column


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


def column_width(months: int) -> int:
    """A month's column, in px: the months fill `SPAN` until their columns reach `NARROWEST`."""
    return max(NARROWEST, min(WIDEST, SPAN // max(months, 1)))


def year_spans(months: list[MonthCounts], column: int) -> list[tuple[int, int, bool]]:
    """(year, columns, named) for each year under the chart, oldest first. A year is named when
    its columns have room for the label (the first year may be a month or two: it then goes
    unnamed); the last year is given that room, past its last month if need be."""
    room = math.ceil(YEAR_LABEL / column)  # the columns a label covers
    years = [(year, len(list(group))) for year, group in itertools.groupby(m.first_day.year for m in months)]
    spans = [(year, columns, columns >= room) for year, columns in years[:-1]]
    year, columns = years[-1]
    return [*spans, (year, max(columns, room), True)]


def timeline_chart(archive: Archive, months: list[MonthCounts], links: Mapping[dt.date, str]) -> str:
    """The chart as one line of HTML (Markdown keeps a one-line HTML block as it is). `links`
    gives each month's address from the chart's page (the year page that lists it)."""
    if not months:
        return ""
    column = column_width(len(months))
    spans = year_spans(months, column)
    span = html.escape(f"{month_name(months[0].first_day)} to {month_name(months[-1].first_day)}")
    themes = "".join(f"<span>{html.escape(theme.title)}</span>" for theme in archive.themes)
    # Each year's label keeps to the left edge of the box while its months are in view.
    years = "".join(
        f'<span style="--columns: {columns}">{f"<span>{year}</span>" if named else ""}</span>'
        for year, columns, named in spans
    )
    return (
        f'<div class="timeline-chart" style="--column: {column}px; --months: {len(months)}; '
        f'--rows: {len(archive.themes)}; --row: {ROW}px">'
        f'<div class="timeline-chart__themes" aria-hidden="true">{themes}</div>'
        f'<div class="timeline-chart__scroll" tabindex="0" role="region" '
        f'aria-label="Briefings per month for each theme, {span}">'
        f'<div class="timeline-chart__plot">{_bars(archive, months, column, links)}'
        f'<div class="timeline-chart__axis" aria-hidden="true">{_month_names(months, column)}'
        f'<div class="timeline-chart__years">{years}</div></div></div></div></div>'
    )


def _bars(archive: Archive, months: list[MonthCounts], column: int, links: Mapping[dt.date, str]) -> str:
    """The bars, in an SVG whose x unit is a month's column (extra.css sets its width) and whose
    y unit is a pixel. It holds no text, so stretching it sideways distorts nothing."""
    count, height = len(months), ROW * len(archive.themes)
    peak = max(max(m.by_theme) for m in months) or 1
    parts = [
        f'<svg class="timeline-chart__bars" viewBox="0 0 {count} {height}" width="{count * column}" '
        f'height="{height}" preserveAspectRatio="none">'
    ]
    parts += (
        f'<rect class="timeline-chart__baseline" x="0" y="{ROW * row - 1}" width="{count}" height="1"/>'
        for row in range(1, len(archive.themes) + 1)
    )
    parts += (
        f'<line class="timeline-chart__new-year" x1="{index}" y1="0" x2="{index}" y2="{height}"/>'
        for index, month in enumerate(months)
        if month.first_day.month == 1 and index
    )
    for index, month in enumerate(months):
        if month.total:
            parts.append(_column(archive, month, index, peak, links.get(month.first_day, "")))
    parts.append("</svg>")
    return "".join(parts)


def _column(archive: Archive, month: MonthCounts, index: int, peak: int, href: str) -> str:
    """A month: one link over the whole column (a large target), holding its bars."""
    counted = ", ".join(
        f"{theme.title} {count}" for theme, count in zip(archive.themes, month.by_theme, strict=True) if count
    )
    name = html.escape(
        f"{month_name(month.first_day)}: {month.total} briefing{'s' if month.total != 1 else ''} ({counted})"
    )
    height = ROW * len(archive.themes)
    parts = [
        f'<a href="{html.escape(href)}"><title>{name}</title>',
        f'<rect class="timeline-chart__month" x="{index}" width="1" height="{height}"/>',
    ]
    for row, count in enumerate(month.by_theme, start=1):
        if count:
            # A single briefing stays visible beside the month with the most. (A bar has no
            # class: at 10,000 records the chart holds 240 of them.)
            tall = max(2.0, round(BAR * count / peak, 1))
            x = index + (1 - BAR_WIDTH) / 2
            parts.append(
                f'<rect x="{x:g}" y="{ROW * row - 1 - tall:g}" width="{BAR_WIDTH:g}" height="{tall:g}"/>'
            )
    parts.append("</a>")
    return "".join(parts)


def _month_names(months: list[MonthCounts], column: int) -> str:
    """A short name under each month when the columns are wide enough: "Sep", or "S"."""
    if column < INITIALS:
        return ""
    size = 3 if column >= MONTH_NAMES else 1
    names = "".join(f"<span>{MONTHS[m.first_day.month - 1][:size]}</span>" for m in months)
    return f'<div class="timeline-chart__months">{names}</div>'
