"""The timeline's chart: a column per month linking to the month's briefings, a bar per theme, and
a text alternative (the table); drawn at its natural size, so that it reads the same at one
record, five, 400 and 10,000, on a desktop and on a phone, in both schemes (measured in Chromium).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    SCREENSHOTS,
    VIEWPORTS,
    assert_fits_and_save,
    found,
    open_in_place,
    reader_page,
    serve_folder,
)
from generator.archive.model import Archive
from generator.pages.render import render_timeline
from generator.pages.timeline_chart import (
    NARROWEST,
    WIDEST,
    YEAR_LABEL,
    MonthCounts,
    column_width,
    timeline_chart,
    year_spans,
)
from generator.project import Project
from geometry import Box, background_of, box, boxes, contrast, overlapping, parse_colour, text_heights

SVG = "{http://www.w3.org/2000/svg}"
CHART = re.compile(r'<div class="timeline-chart" .*?</svg>.*?(?=<figcaption>)', re.S)


def chart_of(page_html: str) -> ET.Element:
    markup = found(CHART.pattern, page_html, CHART.flags).group(0)
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def element(parent: ET.Element, path: str) -> ET.Element:
    """The first element at `path` under `parent`; the test fails, naming it, when there is none."""
    found = parent.find(path)
    assert found is not None, path
    return found


@pytest.fixture(scope="module")
def chart(built_synthetic_site: Project) -> ET.Element:
    return chart_of((built_synthetic_site.site / "timeline" / "index.html").read_text(encoding="utf-8"))


def test_a_column_per_month_with_a_bar_per_theme_named_by_its_counts(
    built_synthetic_site: Project, chart: ET.Element
) -> None:
    data = json.loads((built_synthetic_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))
    themes = [t["title"] for t in data["themes"]]
    assert [span.text for span in element(chart, "div[@class='timeline-chart__themes']")] == themes
    months = {b["date"][:7] for b in data["briefings"]}
    columns = chart.findall(f".//{SVG}a")
    assert len(columns) == len(months)  # every month with briefings; the others have no link
    counted = dict.fromkeys(themes, 0)
    for column in columns:
        name = element(column, f"{SVG}title").text or ""  # "June 2025: 7 briefings (Diplomacy 2, Drones 5)"
        total, listed = found(r"^[A-Z][a-z]+ \d{4}: (\d+) briefings? \((.*)\)$", name).groups()
        bars = [rect for rect in column.findall(f"{SVG}rect") if rect.get("class") != "timeline-chart__month"]
        assert len(bars) == len(listed.split(", ")) and int(total) >= 1
        for part in listed.split(", "):
            theme, count = part.rsplit(" ", 1)
            counted[theme] += int(count)
    assert counted == {
        t["title"]: sum(t["slug"] in b["themes"] for b in data["briefings"]) for t in data["themes"]
    }
    region = element(chart, "div[@class='timeline-chart__scroll']")
    assert region.get("role") == "region" and region.get("tabindex") == "0"
    assert region.get("aria-label", "").startswith("Briefings per month for each theme, January 2021 to ")


def test_a_column_opens_its_month_on_the_year_page(built_synthetic_site: Project, chart: ET.Element) -> None:
    site = built_synthetic_site.site
    link = element(chart, f".//{SVG}a")
    href = link.get("href", "")
    page, anchor = href.split("#")
    year_page = (site / "timeline" / page.replace("../timeline/", "") / "index.html").read_text(
        encoding="utf-8"
    )
    assert f'id="{anchor}"' in year_page
    month = (element(link, f"{SVG}title").text or "").split(":")[0]
    assert href.endswith("#" + month.lower().replace(" ", "-"))


def months_from(first: dt.date, count: int, themes: int = 4) -> list[MonthCounts]:
    """`count` synthetic months from `first`, with counts that vary (and a few empty months)."""
    found = []
    month = first
    for n in range(count):
        counts = tuple((n * 7 + row * 3) % 11 for row in range(themes))
        found.append(MonthCounts(month, counts, max(counts)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return found


@pytest.mark.parametrize("count", [1, 2, 3, 12, 20, 24, 60, 240])
@pytest.mark.parametrize("start", [1, 11, 12])
def test_year_labels_have_room_and_the_last_year_is_always_named(count: int, start: int) -> None:
    months = months_from(dt.date(2024, start, 1), count)
    column = column_width(count)
    assert NARROWEST <= column <= WIDEST
    spans = year_spans(months, column)
    assert [year for year, _, _ in spans] == sorted({m.first_day.year for m in months})
    assert sum(columns for _, columns, _ in spans[:-1]) + min(spans[-1][1], len(months)) >= len(months)
    for year, columns, named in spans:
        assert not named or columns * column >= YEAR_LABEL, (year, columns)
    assert spans[-1][2]


# The chart at every volume: the built real archive (one record), a handful and 400 records,
# and the chart alone at 10,000 records (five years) and over twenty years, shown in the
# 400-record timeline page in place of its own.
VOLUMES = ["real", "handful", "400", "10000", "20-years"]


def test_the_timeline_page_stays_small_at_10000_records(archive_10000: Archive) -> None:
    text = render_timeline(archive_10000).text
    # It was 78 kB of Markdown, its chart a link per month and theme; the chart is now a month's link.
    assert len(text.encode()) < 60_000
    assert len(found(CHART.pattern, text, CHART.flags).group(0).encode()) < 30_000


@pytest.fixture(scope="module")
def sites(
    built_real_site: Project, built_handful_site: Project, built_synthetic_site: Project
) -> Iterator[dict]:
    with (
        serve_folder(built_real_site.site) as real,
        serve_folder(built_handful_site.site) as handful,
        serve_folder(built_synthetic_site.site) as synthetic,
    ):
        yield {"real": real, "handful": handful, "400": synthetic}


def open_timeline(page: Any, sites: dict, volume: str, archive_10000: Archive, synthetic: Path) -> None:
    """Open the timeline at `volume`; the two largest are the 400-record page with its chart
    replaced by the larger one (as the build would write it: a raw HTML block)."""
    if volume in sites:
        page.goto(f"{sites[volume]}/timeline/")
        return
    if volume == "10000":
        replacement = found(CHART.pattern, render_timeline(archive_10000).text, CHART.flags).group(0)
    else:
        months = months_from(dt.date(2006, 1, 1), 240, len(archive_10000.themes))
        replacement = timeline_chart(archive_10000, months, {m.first_day: "#" for m in months})
    original = (synthetic / "timeline" / "index.html").read_text(encoding="utf-8")
    changed = CHART.sub(lambda _: replacement, original, count=1)
    open_in_place(page, f"{sites['400']}/timeline/", changed)


MEASURE = """() => {
    const chart = document.querySelector('.timeline-chart');
    const scroller = chart.querySelector('.timeline-chart__scroll');
    const rect = e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
    const style = getComputedStyle(scroller);
    return {
        scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth,
        tabIndex: scroller.tabIndex, role: scroller.getAttribute('role'),
        label: scroller.getAttribute('aria-label'),
        background: style.backgroundImage, attachment: style.backgroundAttachment,
        bars: rect(chart.querySelector('.timeline-chart__bars')),
        plot: rect(chart.querySelector('.timeline-chart__plot')),
        rows: [...chart.querySelectorAll('.timeline-chart__themes span')].map(rect),
        fill: getComputedStyle(chart.querySelector('.timeline-chart__bars a rect:not(.timeline-chart__month)')).fill,
        behind: getComputedStyle(chart.querySelector('.timeline-chart__month')).fill,
        fadeHeight: style.maskSize.split(',')[0].trim().split(' ')[1],
    };
}"""


def scroll_to(page: Any, where: str) -> None:
    """Scroll the chart's months to the oldest end, the middle or the newest end (it scrolls
    right to left: 0 is the newest end, older months are at negative offsets)."""
    page.evaluate(
        """where => { const s = document.querySelector('.timeline-chart__scroll');
            const most = s.scrollWidth - s.clientWidth;
            s.scrollLeft = {oldest: -most, middle: -most / 2, newest: 0}[where]; }""",
        where,
    )


def year_boxes(page: Any) -> list[Box]:
    return boxes(page.locator(".timeline-chart__years > span > span"))


def fades(page: Any) -> tuple[float, float]:
    """How far the months fade out at the chart's left and right edges, in px."""
    found = page.locator(".timeline-chart__scroll").evaluate(
        "s => ['--timeline-fade-left', '--timeline-fade-right'].map(p => getComputedStyle(s).getPropertyValue(p))"
    )
    left, right = (float(value.removesuffix("px")) for value in found)
    return left, right


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("volume", VOLUMES)
def test_the_chart_reads_at_every_volume_on_every_screen(
    browser,
    sites: dict,
    archive_10000: Archive,
    built_synthetic_site: Project,
    volume: str,
    viewport: str,
    scheme: str,
) -> None:
    with reader_page(browser, viewport, scheme) as page:
        open_timeline(page, sites, volume, archive_10000, built_synthetic_site.site)
        chart = page.locator(".timeline-chart")
        found = page.evaluate(MEASURE)

        # Text at one size, whatever the months: theme names, month names, years.
        heights = text_heights(chart)
        assert heights and all(10 <= height <= 16 for _, height in heights), heights
        # A bounded height, at one record as at 10,000.
        assert 100 <= box(chart).height <= 200

        # The theme names stay beside their rows of bars.
        bars = Box(*found["bars"])
        for row, label in enumerate(Box(*each) for each in found["rows"]):
            middle = label.y + label.height / 2
            assert bars.y + row * 30 <= middle <= bars.y + (row + 1) * 30, (row, label, bars)

        # Every month is a target a finger can take on a phone (and the table lists each month).
        columns = boxes(page.locator(".timeline-chart__bars a"))
        assert columns and min(c.width for c in columns) >= (24 if viewport == "phone" else NARROWEST) - 0.5
        assert min(c.height for c in columns) >= 100

        # The box opens at the newest month; what does not fit scrolls, says so, and is named.
        scroller = box(page.locator(".timeline-chart__scroll"))
        assert columns[-1].right <= scroller.right + 0.5 and columns[-1].x >= scroller.x - 0.5
        if found["scrollWidth"] > found["clientWidth"]:
            assert found["tabIndex"] == 0 and found["role"] == "region" and found["label"]
            assert found["background"].count("gradient") == 4 and "local" in found["attachment"]
        assert Box(*found["plot"]).width <= found["scrollWidth"] + 0.5  # nothing beyond the scroll

        # Year labels never overlap and never leave the chart, wherever the months are scrolled;
        # the year of the months in view is always named.
        scrolls = found["scrollWidth"] > found["clientWidth"]
        for where in ("newest", "middle", "oldest"):
            scroll_to(page, where)
            page.wait_for_timeout(50)
            # The edge that has more months fades, the bars only (not the years under them); an
            # edge with no more months does not.
            assert found["fadeHeight"] == f"{bars.height:g}px"
            left, right = fades(page)
            assert (left > 0) == (scrolls and where != "oldest") and (right > 0) == (
                scrolls and where != "newest"
            )
            years = year_boxes(page)
            plot = box(page.locator(".timeline-chart__plot"))
            assert years and overlapping(years) == [], where
            assert all(year.inside(plot) for year in years), where
            assert any(year.inside(box(page.locator(".timeline-chart__scroll"))) for year in years), where
        scroll_to(page, "newest")

        # The bars stand out from the page (3:1, non-text contrast) in either scheme, in front of
        # a column that shows only under the pointer or the keyboard's focus.
        page_colour = background_of(chart)
        assert contrast(parse_colour(found["fill"]), page_colour) >= 3
        assert parse_colour(found["behind"])[3] == 0

        assert_fits_and_save(
            page, VIEWPORTS[viewport]["width"], f"timeline-{volume}-{viewport}-{scheme}", full_page=False
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".timeline-figure").screenshot(
            path=str(SCREENSHOTS / f"timeline-chart-{volume}-{viewport}-{scheme}.png")
        )


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_timeline_passes_axe_and_its_table_fits_a_phone(
    built_synthetic_site: Project, browser, scheme: str
) -> None:
    from test_browser_readers import axe_violations

    with reader_page(browser, "phone", scheme) as page, serve_folder(built_synthetic_site.site) as base:
        page.goto(f"{base}/timeline/")
        table = page.locator(".timeline-table table")
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")
        assert [v["id"] for v in axe_violations(page)] == []
        # A month is reached from the keyboard: its column highlights when focused.
        page.locator(".timeline-chart__bars a").last.focus()
        highlight = page.locator(".timeline-chart__bars a").last.locator(".timeline-chart__month")
        assert parse_colour(highlight.evaluate("r => getComputedStyle(r).fill"))[3] > 0
