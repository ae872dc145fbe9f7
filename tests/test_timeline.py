"""The timeline on the 300-record synthetic archive: an inline SVG chart with one bar per month
for each theme, a text alternative, bars that open the month's briefings, and a table that fits
a phone."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import found, serve_folder
from generator.project import Project

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def chart(built_synthetic_site: Project) -> ET.Element:
    page = (built_synthetic_site.site / "timeline" / "index.html").read_text(encoding="utf-8")
    markup = found(r"<svg class=\"timeline-chart\".*?</svg>", page, re.S).group(0)
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def months_between(first: str, last: str) -> int:
    (y1, m1), (y2, m2) = (map(int, first.split("-")[:2]), map(int, last.split("-")[:2]))
    return (y2 - y1) * 12 + (m2 - m1) + 1


def test_one_bar_per_month_for_each_theme_with_a_text_alternative(
    built_synthetic_site: Project, chart: ET.Element
) -> None:
    data = json.loads((built_synthetic_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))
    dates = sorted(b["date"] for b in data["briefings"])
    months = months_between(dates[0], dates[-1])
    rows = chart.findall(f"{SVG}g")
    assert [row.findtext(f"{SVG}text") for row in rows] == [t["title"] for t in data["themes"]]
    for row, theme in zip(rows, data["themes"], strict=True):
        assert len(list(row.iter(f"{SVG}rect"))) == months
        linked = row.findall(f"{SVG}a")
        labels = [a.get("aria-label", "") for a in linked]
        counted = sum(int(found(r": (\d+) briefing", label).group(1)) for label in labels)
        assert counted == sum(theme["slug"] in b["themes"] for b in data["briefings"])
    title = chart.find(f"{SVG}title")
    assert title is not None and chart.get("aria-labelledby") == title.get("id")
    assert "Briefings per month for each theme" in str(title.text) and "table below" in str(title.text)


def test_a_bar_opens_its_month_on_the_year_page(built_synthetic_site: Project, chart: ET.Element) -> None:
    site = built_synthetic_site.site
    link = chart.find(f"{SVG}g/{SVG}a")
    assert link is not None
    href = link.get("href", "")
    page, anchor = href.split("#")
    year_page = (site / "timeline" / page.replace("../timeline/", "") / "index.html").read_text(
        encoding="utf-8"
    )
    assert f'id="{anchor}"' in year_page
    month = link.get("aria-label", "").split(",")[0]
    assert href.endswith("#" + month.lower().replace(" ", "-"))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_reads_in_both_schemes_and_the_table_fits_a_phone(
    built_synthetic_site: Project, browser, scheme: str
) -> None:
    from test_browser_readers import SCREENSHOTS, axe_violations

    from conftest import VIEWPORTS, local_only

    context = browser.new_context(viewport=VIEWPORTS["phone"], is_mobile=True, color_scheme=scheme)
    context.route("**/*", local_only)
    page = context.new_page()
    with serve_folder(built_synthetic_site.site) as base:
        page.goto(f"{base}/timeline/")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
        table = page.locator(".timeline-table table")
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")
        bar = page.locator(".timeline-chart__bar").first.evaluate("r => getComputedStyle(r).fill")
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert bar != background
        assert [v["id"] for v in axe_violations(page)] == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"timeline-phone-{scheme}.png"), full_page=False)
    context.close()
