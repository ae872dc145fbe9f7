"""Render the archive model into Markdown pages for MkDocs (plain Markdown and Material features
that Zensical also reads). Templates live in `generator/pages/templates/`, rendered by
`markdown_pages.py`; the paged listings (themes, years, tags) are in `listings.py`, people's
pages in `people_pages.py`.

No page grows without bound: every listing of briefings (a theme, a year, a theme's year, a
person, a tag) comes in numbered pages of `paging.PER_PAGE`; the timeline shows counts per month,
each linking to the page of its year that lists the month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from markupsafe import Markup

from generator.archive import quotes, urls
from generator.archive.model import Archive, by_month, by_year
from generator.archive.related import Related, find_related
from generator.archive.tags import natural_key
from generator.pages import database, feeds
from generator.pages.citations import reference_text
from generator.pages.data_files import columns, data_slices, json_fields, licence
from generator.pages.dates import month_anchor
from generator.pages.entries import ListingEntries
from generator.pages.listings import (
    month_pages_by_year,
    render_tag_pages,
    render_theme_pages,
    render_theme_year_pages,
    render_timeline_year_pages,
)
from generator.pages.markdown_pages import Page, TemplatePage, render_template, templated
from generator.pages.people_pages import render_people_index, render_person_pages
from generator.pages.site_info import SiteInfo
from generator.pages.timeline_chart import month_counts, timeline_chart
from generator.records.record import Record
from generator.records.themes import Theme

LATEST_ON_HOME = 10


def render_home(archive: Archive, intro: str, entries: ListingEntries) -> Page:
    latest = archive.records[:LATEST_ON_HOME]
    text = render_template(
        "home.md.j2", intro=Markup(intro), latest=latest, theme_counts=theme_counts(archive), entries=entries
    )
    return Page(urls.HOME_PAGE, text)


def theme_counts(archive: Archive) -> list[tuple[Theme, int]]:
    return [(theme, len(archive.by_theme[theme.slug])) for theme in archive.themes]


def render_briefing_page(
    archive: Archive, record: Record, related: Related, site: SiteInfo, entries: ListingEntries
) -> TemplatePage:
    """A briefing's page. Its inputs are what it shows: the record, its related briefings and
    its neighbours on each theme (by their fingerprints), and the page addresses of its people;
    the site's settings and the themes key every page (`pipeline.generate`)."""
    neighbours = {
        theme.slug: archive.neighbours(record, theme.slug)
        for theme in archive.themes
        if theme.slug in record.meta.themes
    }
    path = urls.briefing_page(record.id)

    def helpers() -> dict[str, object]:
        return {
            "entries": entries,
            "themes": archive.themes,
            "root": urls.url_root(path),
            "quotes": quotes.by_speaker(record),
            "reference": reference_text(record, site),
            "tags": sorted(record.meta.tags, key=natural_key),
            "permalink": site.briefing_url(record.id),
        }

    return templated(
        path,
        "briefing.md.j2",
        helpers=helpers,
        record=record,
        neighbours=neighbours,
        related=related.of(record),
        person_slugs={name: archive.person_slugs[name] for name in record.meta.people},
    )


def render_themes_index(archive: Archive) -> Page:
    return Page(urls.THEMES_PAGE, render_template("themes.md.j2", theme_counts=theme_counts(archive)))


def render_timeline(archive: Archive) -> Page:
    # One row per month: how many of its briefings each theme holds.
    rows = [
        (month, [sum(theme.slug in r.meta.themes for r in month.records) for theme in archive.themes])
        for month in by_month(archive.records)
    ]
    # Where each month is listed: a page of its year, or of its theme's year.
    month_pages = month_pages_by_year(archive.records, urls.timeline_year_listing)
    theme_month_pages = {
        theme.slug: month_pages_by_year(
            archive.by_theme[theme.slug], partial(urls.theme_year_listing, theme.slug)
        )
        for theme in archive.themes
    }
    links = {month: f"../{urls.page_url(path)}#{month_anchor(month)}" for month, path in month_pages.items()}
    chart = Markup(timeline_chart(archive, month_counts(archive), links))  # the page is timeline/index.html
    text = render_template(
        "timeline.md.j2",
        archive=archive,
        rows=rows,
        years=by_year(archive.records),
        chart=chart,
        month_pages=month_pages,
        theme_month_pages=theme_month_pages,
    )
    return Page(urls.TIMELINE_PAGE, text)


def render_data_page(archive: Archive, site: SiteInfo, sizes: dict[str, int]) -> Page:
    text = render_template(
        "data.md.j2",
        archive=archive,
        site=site,
        json_fields=json_fields(),
        columns=columns(archive),
        feeds=feeds.archive_feeds(archive, site),
        feed_entries=feeds.FEED_ENTRIES,
        sizes=sizes,
        slices=data_slices(archive),
        licence=licence(site),
        tables=tuple(database.described_tables()),
        fts=database.FTS_TABLE,
        fts_description=database.FTS_DESCRIPTION,
        queries=[(query, Markup(query.sql)) for query in database.QUERIES],
    )
    return Page("data.md", text)


def render_site(
    archive: Archive,
    intro: str,
    site: SiteInfo,
    data_sizes: Callable[[], dict[str, int]] | None = None,
    related: Related | None = None,
) -> Iterator[Page | TemplatePage]:
    """Every generated page of the archive, in a fixed order (`related`: found when not given).
    The Data page comes last, and asks `data_sizes` for the data files' sizes only then."""
    entries = ListingEntries(archive.themes)
    yield render_home(archive, intro, entries)
    yield render_themes_index(archive)
    for theme in archive.themes:
        yield from render_theme_pages(archive, theme, entries)
        years = by_year(archive.by_theme[theme.slug])
        for year in years:
            yield from render_theme_year_pages(archive, theme, year, years, entries)
    related = related or find_related(archive.records)
    for record in archive.records:
        yield render_briefing_page(archive, record, related, site, entries)
    yield render_timeline(archive)
    years = by_year(archive.records)
    for year in years:
        yield from render_timeline_year_pages(archive, year, years, entries)
    yield render_people_index(archive)
    for person in archive.people:
        yield from render_person_pages(archive, person, entries)
    yield from render_tag_pages(archive, entries)
    yield render_data_page(archive, site, data_sizes() if data_sizes is not None else {})
