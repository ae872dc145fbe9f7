"""Listings in numbered pages: each theme's briefings and its years, the timeline's years, each
tag's briefings and the tags index. Every one of them goes through `paging.paginate`, so no
listing page holds more than PER_PAGE briefings (person pages are in `people_pages.py`)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.archive import urls
from generator.archive.model import Archive, Month, Year, YearCount, by_year, year_counts
from generator.archive.tags import gather_tags
from generator.pages.dates import month_anchor
from generator.pages.entries import ListingEntries
from generator.pages.markdown_pages import TemplatePage, templated
from generator.pages.paging import PER_PAGE, ListingPage, month_pages, paginate
from generator.records.record import Record
from generator.records.themes import Theme

# Pages are given plain values (`pages/context_key.py`): the themes rather than the archive, a
# year's count rather than its records, so that a page's key changes only with what it shows.


def render_theme_pages(archive: Archive, theme: Theme, entries: ListingEntries) -> Iterator[TemplatePage]:
    """A theme's listing in numbered pages of PER_PAGE briefings, newest first."""
    records = archive.by_theme[theme.slug]
    years = year_counts(by_year(records))
    for listing_page in paginate(urls.theme_listing(theme.slug), records):
        yield templated(
            listing_page.path,
            "theme.md.j2",
            helpers={"entries": entries, "root": urls.url_root(listing_page.path)},
            theme=theme,
            listing_page=listing_page,
            years=years,
            count=len(records),
            per_page=PER_PAGE,
        )


def render_theme_year_pages(
    archive: Archive, theme: Theme, year: Year, years: list[Year], entries: ListingEntries
) -> Iterator[TemplatePage]:
    """A theme's briefings of one year in numbered pages, newest first."""
    listing = urls.theme_year_listing(theme.slug, year.year)
    return _year_pages(year, years, listing, "theme-year.md.j2", entries, theme=theme)


def render_timeline_year_pages(
    archive: Archive, year: Year, years: list[Year], entries: ListingEntries
) -> Iterator[TemplatePage]:
    """Every briefing of one year in numbered pages, newest first."""
    return _year_pages(year, years, urls.timeline_year_listing(year.year), "timeline-year.md.j2", entries)


def _year_pages(
    year: Year, years: list[Year], listing: str, template: str, entries: ListingEntries, **extra: object
) -> Iterator[TemplatePage]:
    pages = paginate(listing, year.records)
    # Once per year, not per page: every page's month index lists all the year's months.
    months, where = year.months, month_pages(pages)
    counts = year_counts(years)
    for listing_page in pages:
        yield templated(
            listing_page.path,
            template,
            helpers={"entries": entries, "root": urls.url_root(listing_page.path)},
            **extra,
            year=YearCount(year.year, year.count),
            years=counts,
            listing_page=listing_page,
            month_index=month_index(months, where, listing_page) if len(pages) > 1 else (),
            per_page=PER_PAGE,
        )


@dataclass(frozen=True)
class MonthLink:
    """A month in a year page's month index: how many briefings it has and where they start."""

    first_day: dt.date
    count: int
    href: str


def month_index(months: list[Month], where: dict[dt.date, str], here: ListingPage) -> tuple[MonthLink, ...]:
    """Each of a year's `months` with the link from `here` to the page that lists its first
    briefing (`where`, from `month_pages`) and the month's heading there: a year of a thousand
    briefings is a few clicks deep, not forty."""
    here_url = urls.page_url(here.path)

    def link(month: Month) -> str:
        page = urls.relative_url(urls.page_url(where[month.first_day]), here_url)
        return f"{page}#{month_anchor(month.first_day)}"

    return tuple(MonthLink(month.first_day, len(month.records), link(month)) for month in months)


def month_pages_by_year(
    records: tuple[Record, ...], listing_of_year: Callable[[int], str]
) -> dict[dt.date, str]:
    """Where each month of `records` is listed: the first page of its year's listing that holds it."""
    found: dict[dt.date, str] = {}
    for year in by_year(records):
        found |= month_pages(paginate(listing_of_year(year.year), year.records))
    return found


@dataclass(frozen=True)
class TagCount:
    """A tag as its index entry and its pages' headings show it: not its records, which would
    make every page of the tag depend on every one of them."""

    slug: str
    count: int


def render_tag_pages(
    archive: Archive, entries: ListingEntries, only: set[str] | None = None
) -> Iterator[TemplatePage]:
    """The tags index (A to Z, with counts) and each tag's briefings in numbered pages (of the
    tags in `only` when given: a preview renders a handful of the thousand tag pages)."""
    tags = gather_tags(archive.records)
    groups = itertools.groupby(tags, key=lambda tag: tag.slug[0].upper())
    yield templated(
        urls.TAGS_PAGE,
        "tags.md.j2",
        helpers={"root": urls.url_root(urls.TAGS_PAGE)},
        groups=[(letter, [TagCount(t.slug, len(t.records)) for t in group]) for letter, group in groups],
        tag_count=len(tags),
    )
    for tag in tags:
        if only is not None and tag.slug not in only:
            continue
        for listing_page in paginate(tag.base, tag.records):
            yield templated(
                listing_page.path,
                "tag.md.j2",
                helpers={"entries": entries, "root": urls.url_root(listing_page.path)},
                tag=TagCount(tag.slug, len(tag.records)),
                listing_page=listing_page,
                per_page=PER_PAGE,
            )
