"""Pages for readers: bounded theme and timeline pages with a page per year, people pages,
citation and related briefings, meta tags, the 404 page and the print stylesheet."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import record_text
from generator.pages.paging import PER_PAGE
from generator.pipeline import generate
from generator.project import Project

THEMES = ("diplomacy", "air-defense", "drones", "defense-industry")
SITE = "https://briefing-archive.example.org/"
INTERCEPTORS = "2024-11-20-test-air-defense-deliveries"
TALKS = "2025-01-15-test-talks-round"


def md(project: Project, path: str) -> str:
    return (project.docs / path).read_text(encoding="utf-8")


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def many_drone_records(count: int) -> dict[str, str]:
    """`count` synthetic drone records, one every ten days from 1 January 2023."""
    records = {}
    for n in range(count):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=10 * n)
        records[f"{day.isoformat()}-synthetic-{n:03d}.md"] = record_text(
            title=f"Synthetic drone briefing number {n:03d}", date=day.isoformat(), themes="[drones]"
        )
    return records


def linked_ids(text: str) -> list[str]:
    return re.findall(r"briefings/([a-z0-9-]+)\.md", text)


def test_theme_page_shows_the_newest_and_a_page_per_year_holds_every_record(make_archive) -> None:
    project = make_archive(many_drone_records(80))  # 2023-01-01 … 2025-03-01
    generate(project)
    theme = md(project, "themes/drones.md")
    newest = linked_ids(theme)
    assert len(newest) == PER_PAGE
    assert newest[0] == "2025-03-01-synthetic-079" and newest == sorted(newest, reverse=True)
    assert "80 briefings, newest first, 25 a page: this is page 1 of 4." in theme
    assert (
        "By year: [2025](../themes/drones/2025.md) (6) · [2024](../themes/drones/2024.md) (37)"
        " · [2023](../themes/drones/2023.md) (37)"
    ) in theme
    for year, count in ((2025, 6), (2024, 37), (2023, 37)):
        listed = linked_ids(md(project, f"themes/drones/{year}.md"))
        assert len(listed) == count and all(found.startswith(str(year)) for found in listed)
        assert listed == sorted(listed, reverse=True)
    assert "[Atom feed](../feed-drones.xml)" in theme
    assert "[JSON Feed](../feed-drones.json)" in theme


def test_older_links_from_a_theme_page_reach_every_briefing_exactly_once(make_archive) -> None:
    project = make_archive(many_drone_records(80))
    generate(project)
    path, seen, pages = "themes/drones.md", [], 0
    while path:
        text = md(project, path)
        seen += linked_ids(text)
        pages += 1
        older = re.search(r"\[Older →\]\(([^)]+)\)", text)
        path = str(Path(path).parent / older.group(1)) if older else ""
    assert pages == 4
    assert len(seen) == 80 and len(set(seen)) == 80 and seen == sorted(seen, reverse=True)
    last = md(project, "themes/drones/page/4.md")
    assert "[← Newer](3.md)" in last and "[1](../../drones.md)" in last and "**4**" in last
