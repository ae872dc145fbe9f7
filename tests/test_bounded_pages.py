"""Nothing unbounded, on the built HTML of the 400-record synthetic archive: every year page (of
the timeline, of each theme, of a person) comes in numbered pages whose "Older" links reach each
briefing of the year exactly once; every month the timeline links is on the page it links to;
no built page is larger than the bound; and each generated page highlights its section in the nav.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest
from test_listings import briefing_id, every_page

from conftest import found
from generator.pages.paging import PER_PAGE
from generator.project import Project

# The bound on any built page. The timeline (a row per month in its table, a column per month in
# its chart) grows with the archive's years, about 15 kB of HTML a year; every other page is bounded by PER_PAGE
# briefings or by the vocabulary (themes, people, tags).
PAGE_BOUND = 128_000
OTHER_PAGE_BOUND = 64_000


@pytest.fixture(scope="module")
def data(built_synthetic_site: Project) -> dict:
    return json.loads((built_synthetic_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))


def years_of(briefings: list[dict]) -> list[str]:
    return sorted({b["date"][:4] for b in briefings}, reverse=True)


def assert_reaches_each_once(site: Path, first: str, expected: list[str]) -> int:
    """Following "Older" from `first` lists `expected` (newest first), each once; pages seen."""
    pages = every_page(site, first)
    seen = [briefing_id(entry.href) for _, page in pages for entry in page.entries]
    assert all(len(page.entries) <= PER_PAGE for _, page in pages)
    assert seen == expected, first
    assert len(pages) == max(1, -(-len(expected) // PER_PAGE))
    return len(pages)


def test_older_links_from_each_timeline_year_reach_each_briefing_of_the_year_once(
    built_synthetic_site: Project, data: dict
) -> None:
    paged = 0
    for year in years_of(data["briefings"]):
        expected = [b["id"] for b in data["briefings"] if b["date"].startswith(year)]
        paged += assert_reaches_each_once(built_synthetic_site.site, f"timeline/{year}", expected) > 1
    assert paged >= 4  # 400 records over five years: ~80 a year, four pages each


@pytest.mark.parametrize("theme", ["diplomacy", "air-defense", "drones", "defense-industry"])
def test_older_links_from_each_theme_year_reach_each_briefing_of_it_once(
    built_synthetic_site: Project, data: dict, theme: str
) -> None:
    on_theme = [b for b in data["briefings"] if theme in b["themes"]]
    for year in years_of(on_theme):
        expected = [b["id"] for b in on_theme if b["date"].startswith(year)]
        assert_reaches_each_once(built_synthetic_site.site, f"themes/{theme}/{year}", expected)


def person_slug(site: Path, name: str) -> str:
    index = (site / "people" / "index.html").read_text(encoding="utf-8")
    return found(rf'href="([a-z0-9-]+)/">{re.escape(name)}<', index).group(1)


def test_a_person_s_pages_and_year_pages_reach_each_of_their_briefings_once(
    built_synthetic_site: Project, data: dict
) -> None:
    site = built_synthetic_site.site
    named = Counter(name for b in data["briefings"] for name in b["people"])
    name, count = named.most_common(1)[0]
    assert count > PER_PAGE
    slug = person_slug(site, name)
    theirs = [b for b in data["briefings"] if name in b["people"]]
    assert assert_reaches_each_once(site, f"people/{slug}", [b["id"] for b in theirs]) > 1
    for year in years_of(theirs):
        expected = [b["id"] for b in theirs if b["date"].startswith(year)]
        assert_reaches_each_once(site, f"people/{slug}/{year}", expected)


def test_each_month_the_timeline_links_is_listed_on_the_page_it_links_to(
    built_synthetic_site: Project, data: dict
) -> None:
    site = built_synthetic_site.site
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    chart, table = timeline.split('class="timeline-chart"', 1)[1].split("</figure>", 1)
    # Links as pages of the site, from the timeline's own address (timeline/).
    link = r'<a href="([^"#]+)#([a-z]+-\d{4})"'
    links = {(posixpath.normpath(posixpath.join("timeline", h)), a) for h, a in re.findall(link, table)}
    bars = {(posixpath.normpath(posixpath.join("timeline", h)), a) for h, a in re.findall(link, chart)}
    links = {(page, anchor) for page, anchor in links if page.startswith("timeline/")}
    months = {b["date"][:7] for b in data["briefings"]}
    assert len(links) == len(months) and bars == links
    assert any("/page/" in page for page, _ in links)
    for page, anchor in links:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'<h2 id="{anchor}">' in html, (page, anchor)


def test_no_built_page_exceeds_the_bound(built_synthetic_site: Project) -> None:
    sizes = {
        path.relative_to(built_synthetic_site.site).as_posix(): path.stat().st_size
        for path in built_synthetic_site.site.rglob("*.html")
    }
    assert len(sizes) > 600
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] <= PAGE_BOUND, (largest, sizes[largest])
    others = {path: size for path, size in sizes.items() if path != "timeline/index.html"}
    assert max(others.values()) <= OTHER_PAGE_BOUND, max(others, key=others.__getitem__)


def active_nav_items(html: str) -> list[tuple[str, bool]]:
    """The nav items Material marks active: their title, and whether the link is the page's own."""
    found = re.findall(
        r'<li class="md-nav__item md-nav__item--active">\s*(?:<input[^>]*>\s*)?(?:<label[^>]*>.*?</label>\s*)?'
        r'<a href="[^"]*" class="md-nav__link([^"]*)">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<',
        html,
        re.S,
    )
    return [(title, "md-nav__link--active" in link) for link, title in found]


def test_each_page_highlights_its_section_in_the_nav(built_synthetic_site: Project, data: dict) -> None:
    site = built_synthetic_site.site
    busiest = Counter(name for b in data["briefings"] for name in b["people"]).most_common(1)[0][0]
    slug = person_slug(site, busiest)
    year = data["briefings"][0]["date"][:4]
    tag = data["briefings"][0]["tags"][0]
    expected = {
        f"briefings/{data['briefings'][0]['id']}": ("Themes", False),
        f"briefings/{data['briefings'][-1]['id']}": ("Themes", False),
        "themes/drones": ("Themes", False),
        "themes/drones/page/2": ("Themes", False),
        f"themes/drones/{year}": ("Themes", False),
        f"timeline/{year}": ("Timeline", False),
        f"timeline/{year}/page/2": ("Timeline", False),
        f"people/{slug}": ("People", False),
        f"people/{slug}/page/2": ("People", False),
        f"people/{slug}/{year}": ("People", False),
        f"tags/{tag}": ("Tags", False),
        # Pages of the nav keep Material's own highlight.
        "": ("Home", True),
        "themes": ("Themes", True),
        "timeline": ("Timeline", True),
        "people": ("People", True),
        "tags": ("Tags", True),
        "about": ("About", True),
    }
    for page, item in expected.items():
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert active_nav_items(html) == [item], page
    # Rendered on two cores in any order, no page keeps another's highlight.
    for path in (site / "briefings").iterdir():
        assert active_nav_items((path / "index.html").read_text(encoding="utf-8")) == [("Themes", False)]
