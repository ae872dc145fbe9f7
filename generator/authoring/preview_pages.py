"""Which pages a preview renders: the named records' own pages and every page they appear on, as
the full site will show them, from the whole archive.

A record's theme pages and year pages (the numbered page that lists it, and each listing's
first page) list it among its real neighbours; its briefing page has
its real previous/next and related briefings, and those briefings' pages are rendered too, so
that their links can be followed one step. Nothing else is rendered, so the cost is a handful of
pages however large the archive is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from generator.archive.model import Archive, by_year
from generator.archive.related import find_related
from generator.pages.entries import ListingEntries
from generator.pages.listings import (
    render_tag_pages,
    render_theme_pages,
    render_theme_year_pages,
    render_timeline_year_pages,
)
from generator.pages.markdown_pages import Page, TemplatePage
from generator.pages.paging import ListingPage
from generator.pages.people_pages import render_people_index, render_person_pages
from generator.pages.render import render_briefing_page, render_home, render_themes_index, render_timeline
from generator.pages.site_info import SiteInfo
from generator.records.record import Record


def preview_pages(
    archive: Archive, intro: str, site: SiteInfo, *, named: Sequence[Record]
) -> list[Page | TemplatePage]:
    """The pages of `named` (records of `archive`), in a fixed order, each once."""
    pages: dict[str, Page | TemplatePage] = {}
    for page in _pages(archive, named, intro, site):
        pages.setdefault(page.path, page)
    return list(pages.values())


def _pages(
    archive: Archive, named: Sequence[Record], intro: str, site: SiteInfo
) -> Iterator[Page | TemplatePage]:
    entries = ListingEntries(archive.themes)
    yield render_home(archive, intro, entries)
    yield render_themes_index(archive)
    yield render_timeline(archive)
    yield render_people_index(archive)
    yield from render_tag_pages(archive, entries, only={tag for record in named for tag in record.meta.tags})
    years = {record.meta.date.year for record in named}
    for theme in archive.themes:
        if not any(theme.slug in record.meta.themes for record in named):
            continue
        yield from _listing_pages(render_theme_pages(archive, theme, entries), named)
        theme_years = by_year(archive.by_theme[theme.slug])
        for year in theme_years:
            if year.year in years:
                yield from _listing_pages(
                    render_theme_year_pages(archive, theme, year, theme_years, entries), named
                )
    all_years = by_year(archive.records)
    for year in all_years:
        if year.year in years:
            yield from _listing_pages(render_timeline_year_pages(archive, year, all_years, entries), named)
    slugs = {archive.person_slugs[name] for record in named for name in record.meta.people}
    for person in archive.people:
        if person.slug in slugs:
            yield from _listing_pages(render_person_pages(archive, person, entries), named)
    yield from _briefing_pages(archive, named, site, entries)


def _listing_pages(
    pages: Iterable[Page | TemplatePage], named: Sequence[Record]
) -> Iterator[Page | TemplatePage]:
    """The first page of each listing among `pages` (a theme's, a year's, a person's and their
    years'), and the numbered pages that list a previewed record."""
    ids = {record.id for record in named}
    for page in pages:
        if "/page/" not in page.path or any(record.id in ids for record in _listed(page)):
            yield page


def _listed(page: Page | TemplatePage) -> tuple[Record, ...]:
    """The records a listing page shows, read from what it is given: rendering all of a theme's
    two hundred pages to search their text took most of a preview at 10,000 records."""
    listing_page = page.inputs.get("listing_page") if isinstance(page, TemplatePage) else None
    assert isinstance(listing_page, ListingPage), f"{page.path}: a listing page without its records"
    return listing_page.records


def _briefing_pages(
    archive: Archive, named: Sequence[Record], site: SiteInfo, entries: ListingEntries
) -> Iterator[Page | TemplatePage]:
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
        yield render_briefing_page(archive, record, related, site, entries)
