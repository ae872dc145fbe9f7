"""Which pages a preview renders: the named records' own pages and every page they appear on, as
the full site will show them, from the whole archive.

A record's theme pages and year pages list it among its real neighbours; its briefing page has
its real previous/next and related briefings, and those briefings' pages are rendered too, so
that their links can be followed one step. Nothing else is rendered, so the cost is a handful of
pages however large the archive is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.archive import urls
from generator.archive.model import Archive, Month, Year, by_month, by_year
from generator.archive.related import find_related
from generator.pages.listings import render_tag_pages, render_theme_pages
from generator.pages.markdown_pages import Page
from generator.pages.render import (
    render_briefing_page,
    render_home,
    render_people_index,
    render_person_pages,
    render_theme_year,
    render_themes_index,
    render_timeline,
    render_timeline_year,
)
from generator.pages.site_info import SiteInfo
from generator.records.record import Record


def preview_pages(archive: Archive, intro: str, site: SiteInfo, *, named: Sequence[Record]) -> list[Page]:
    """The pages of `named` (records of `archive`), in a fixed order, each once."""
    pages: dict[str, Page] = {}
    for page in _pages(archive, named, intro, site):
        pages.setdefault(page.path, page)
    return list(pages.values())


def _pages(archive: Archive, named: Sequence[Record], intro: str, site: SiteInfo) -> Iterator[Page]:
    yield render_home(archive, intro)
    yield render_themes_index(archive)
    yield render_timeline(archive)
    yield render_people_index(archive)
    yield from render_tag_pages(archive, only={tag for record in named for tag in record.meta.tags})
    years = {record.meta.date.year for record in named}
    months = frozenset(record.meta.date.replace(day=1) for record in named)
    for theme in archive.themes:
        if not any(theme.slug in record.meta.themes for record in named):
            continue
        # The theme's first page, and the numbered pages that list a previewed record.
        for number, page in enumerate(render_theme_pages(archive, theme)):
            if number == 0 or any(f"{record.id}/" in page.text for record in named):
                yield page
        theme_years = by_year(archive.by_theme[theme.slug])
        for year in theme_years:
            if year.year in years:
                page = render_theme_year(
                    archive, theme, YearExcerpt(year.year, year.records, months), theme_years
                )
                yield _with_note(page, year.year)
    all_years = by_year(archive.records)
    for year in all_years:
        if year.year in years:
            page = render_timeline_year(archive, YearExcerpt(year.year, year.records, months), all_years)
            yield _with_note(page, year.year)
    slugs = {archive.person_slugs[name] for record in named for name in record.meta.people}
    for person in archive.people:
        if person.slug in slugs:
            wanted = {urls.person_page(person.slug), *(urls.person_year_page(person.slug, y) for y in years)}
            yield from (page for page in render_person_pages(archive, person) if page.path in wanted)
    yield from _briefing_pages(archive, named, site)


@dataclass(frozen=True)
class YearExcerpt(Year):
    """A year page in a preview: every record of the year counted, but only the months that hold
    a previewed record listed. At 10,000 records a year page lists a thousand briefings, and
    building it alone would take longer than the rest of the preview."""

    shown: frozenset[dt.date] = frozenset()  # first days of the months to list

    @property
    def months(self) -> list[Month]:
        return [month for month in by_month(self.records) if month.first_day in self.shown]


def _with_note(page: Page, year: int) -> Page:
    """The page with a note under its heading saying that the preview lists some months only."""
    note = (
        '!!! note "Preview"\n\n'
        f"    Only the months of {year} that hold the previewed briefings are listed here; "
        "the published page lists every month.\n\n"
    )
    heading = page.text.index("\n# ") + 1
    end = page.text.index("\n", heading) + 1
    return Page(page.path, f"{page.text[:end]}\n{note}{page.text[end:].lstrip(chr(10))}")


def _briefing_pages(archive: Archive, named: Sequence[Record], site: SiteInfo) -> Iterator[Page]:
    """The named records' pages, then those of their neighbours and related briefings."""
    related = find_related(archive.records, only=[record.id for record in named])
    around: list[Record] = []
    for record in named:
        for slug in record.meta.themes:
            around += [other for other in archive.neighbours(record, slug) if other is not None]
        around += related.of(record)
    shown = [*named, *around]
    related = find_related(archive.records, only=[record.id for record in shown])
    for record in shown:
        yield render_briefing_page(archive, record, related, site)
