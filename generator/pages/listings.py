"""Listings in numbered pages: each theme's briefings and its years, the timeline's years, each
tag's briefings and the tags index. Every one of them goes through `paging.paginate`, so no
listing page holds more than PER_PAGE briefings (person pages are in `people_pages.py`)."""

from __future__ import annotations

import datetime as dt
import itertools
import posixpath
from collections.abc import Callable, Iterator

from generator.archive import urls
from generator.archive.model import Archive, Month, Year, by_month, by_year
from generator.archive.tags import gather_tags
from generator.pages.dates import month_anchor
from generator.pages.markdown_pages import Page, render_template
from generator.pages.paging import PER_PAGE, ListingPage, month_pages, paginate
from generator.records.record import Record
from generator.records.themes import Theme


def render_theme_pages(archive: Archive, theme: Theme) -> Iterator[Page]:
    """A theme's listing in numbered pages of PER_PAGE briefings, newest first."""
    records = archive.by_theme[theme.slug]
    for listing_page in paginate(urls.theme_listing(theme.slug), records):
        text = render_template(
            "theme.md.j2",
            archive=archive,
            theme=theme,
            listing_page=listing_page,
            root=root_of(listing_page.path),
            months=by_month(listing_page.records),
            years=by_year(records),
            count=len(records),
            per_page=PER_PAGE,
            atom=urls.atom_feed(theme.slug),
            json_feed=urls.json_feed(theme.slug),
        )
        yield Page(listing_page.path, text)


def render_theme_year_pages(archive: Archive, theme: Theme, year: Year, years: list[Year]) -> Iterator[Page]:
    """A theme's briefings of one year in numbered pages, newest first."""
    pages = paginate(urls.theme_year_listing(theme.slug, year.year), year.records)
    for listing_page in pages:
        text = render_template(
            "theme-year.md.j2",
            archive=archive,
            theme=theme,
            year=year,
            years=years,
            listing_page=listing_page,
            root=root_of(listing_page.path),
            months=by_month(listing_page.records),
            month_index=month_index(year, pages, listing_page),
            per_page=PER_PAGE,
        )
        yield Page(listing_page.path, text)


def render_timeline_year_pages(archive: Archive, year: Year, years: list[Year]) -> Iterator[Page]:
    """Every briefing of one year in numbered pages, newest first."""
    pages = paginate(urls.timeline_year_listing(year.year), year.records)
    for listing_page in pages:
        text = render_template(
            "timeline-year.md.j2",
            archive=archive,
            year=year,
            years=years,
            listing_page=listing_page,
            root=root_of(listing_page.path),
            months=by_month(listing_page.records),
            month_index=month_index(year, pages, listing_page),
            per_page=PER_PAGE,
        )
        yield Page(listing_page.path, text)


def month_index(year: Year, pages: list[ListingPage], here: ListingPage) -> list[tuple[Month, str]]:
    """Each month of the year with the link from `here` to the page that lists its first briefing
    and the month's heading there: a year of a thousand briefings is a few clicks deep, not forty."""
    where = month_pages(pages)
    folder = posixpath.dirname(here.path)
    return [
        (month, f"{posixpath.relpath(where[month.first_day], folder)}#{month_anchor(month.first_day)}")
        for month in year.months
    ]


def month_pages_by_year(
    records: tuple[Record, ...], listing_of_year: Callable[[int], str]
) -> dict[dt.date, str]:
    """Where each month of `records` is listed: the first page of its year's listing that holds it."""
    found: dict[dt.date, str] = {}
    for year in by_year(records):
        found |= month_pages(paginate(listing_of_year(year.year), year.records))
    return found


def root_of(path: str) -> str:
    """The relative path from the page at `path` (e.g. "themes/drones.md") to the docs root."""
    return "../" * path.count("/")


def render_tag_pages(archive: Archive, only: set[str] | None = None) -> Iterator[Page]:
    """The tags index (A to Z, with counts) and each tag's briefings in numbered pages (of the
    tags in `only` when given: a preview renders a handful of the thousand tag pages)."""
    tags = gather_tags(archive.records)
    groups = itertools.groupby(tags, key=lambda tag: tag.slug[0].upper())
    yield Page(
        urls.TAGS_PAGE,
        render_template(
            "tags.md.j2", groups=[(letter, list(group)) for letter, group in groups], tag_count=len(tags)
        ),
    )
    for tag in tags:
        if only is not None and tag.slug not in only:
            continue
        for listing_page in paginate(tag.base, tag.records):
            text = render_template(
                "tag.md.j2",
                archive=archive,
                tag=tag,
                listing_page=listing_page,
                root=root_of(listing_page.path),
                months=by_month(listing_page.records),
                per_page=PER_PAGE,
            )
            yield Page(listing_page.path, text)
