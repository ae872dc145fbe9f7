"""Render the archive model into Markdown pages for MkDocs (plain Markdown and Material features
that Zensical also reads). Templates live in `generator/pages/templates/`, rendered by
`markdown_pages.py`; the paged listings (themes, tags) are in `listings.py`.

No page grows without bound: theme and tag listings come in numbered pages with a page per
year beside them; the timeline shows counts per month and links a page per year.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Iterator

from markupsafe import Markup

from generator.archive import quotes, urls
from generator.archive.model import Archive, Person, Year, by_month, by_year, year_counts
from generator.archive.related import Related, find_related
from generator.archive.tags import natural_key
from generator.pages import feeds
from generator.pages.citations import reference_text
from generator.pages.data_files import columns, data_slices, json_fields, licence
from generator.pages.listings import render_tag_pages, render_theme_pages
from generator.pages.markdown_pages import Page, TemplatePage, render_template, templated
from generator.pages.site_info import SiteInfo
from generator.pages.timeline_chart import month_counts, timeline_svg
from generator.records.record import Record
from generator.records.themes import Theme

LATEST_ON_HOME = 10
# A person named in more briefings than this gets a page per year; their page shows the newest.
PERSON_PAGE_RECORDS = 100
LATEST_ON_PERSON = 25


def render_home(archive: Archive, intro: str) -> Page:
    latest = archive.records[:LATEST_ON_HOME]
    return Page(
        urls.HOME_PAGE, render_template("home.md.j2", archive=archive, intro=Markup(intro), latest=latest)
    )


def render_theme_year(archive: Archive, theme: Theme, year: Year, years: list[Year]) -> TemplatePage:
    return templated(
        urls.theme_year_page(theme.slug, year.year),
        "theme-year.md.j2",
        archive=archive.vocabulary(),
        theme=theme,
        year=year,
        years=year_counts(years),
    )


def render_briefing_page(archive: Archive, record: Record, related: Related, site: SiteInfo) -> TemplatePage:
    neighbours = {
        theme.slug: archive.neighbours(record, theme.slug)
        for theme in archive.themes
        if theme.slug in record.meta.themes
    }
    return templated(
        urls.briefing_page(record.id),
        "briefing.md.j2",
        archive=archive.vocabulary(record.meta.people),
        record=record,
        neighbours=neighbours,
        related=related.of(record),
        quotes=quotes.by_speaker(record),
        reference=reference_text(record, site),
        tags=sorted(record.meta.tags, key=natural_key),
        site=site,
        permalink=site.briefing_url(record.id),
    )


def render_themes_index(archive: Archive) -> Page:
    return Page(urls.THEMES_PAGE, render_template("themes.md.j2", archive=archive))


def render_timeline(archive: Archive) -> Page:
    # One row per month: how many of its briefings each theme holds.
    rows = [
        (month, [sum(theme.slug in r.meta.themes for r in month.records) for theme in archive.themes])
        for month in by_month(archive.records)
    ]
    chart = Markup(timeline_svg(archive, month_counts(archive), "../"))  # the page is timeline/index.html
    text = render_template(
        "timeline.md.j2", archive=archive, rows=rows, years=by_year(archive.records), chart=chart
    )
    return Page(urls.TIMELINE_PAGE, text)


def render_timeline_year(archive: Archive, year: Year, years: list[Year]) -> TemplatePage:
    return templated(
        urls.timeline_year_page(year.year),
        "timeline-year.md.j2",
        archive=archive.vocabulary(),
        year=year,
        years=year_counts(years),
    )


def render_people_index(archive: Archive) -> Page:
    """Everyone named, grouped A to Z by family name (the last word of the name), with counts."""
    ordered = sorted(archive.people, key=lambda p: (family_name(p.name).casefold(), p.name.casefold()))
    groups = [
        (letter, list(group))
        for letter, group in itertools.groupby(ordered, key=lambda p: initial(family_name(p.name)))
    ]
    return Page(urls.PEOPLE_PAGE, render_template("people.md.j2", archive=archive, groups=groups))


def family_name(name: str) -> str:
    return name.split()[-1] if name.split() else name


def initial(word: str) -> str:
    """The letter a name is filed under: "Ö" under O; anything but a letter under "#"."""
    letter = unicodedata.normalize("NFKD", word[:1]).encode("ascii", "ignore").decode().upper()
    return letter if letter.isalpha() else (word[:1].upper() if word[:1].isalpha() else "#")


def spellings(person: Person) -> set[str]:
    """The person's name and its aliases: a quote may name them by any of them."""
    return {person.name, *person.aliases}


def quote_count(person: Person, records: Iterable[Record]) -> int:
    names = spellings(person)
    return sum(quote.by in names for record in records for quote in record.meta.quotes)


def render_person_pages(archive: Archive, person: Person) -> Iterator[TemplatePage]:
    """A person's page; past PERSON_PAGE_RECORDS briefings, the newest there and a page per year."""
    years = by_year(person.records)
    split = len(person.records) > PERSON_PAGE_RECORDS
    shown = person.records[:LATEST_ON_PERSON] if split else person.records
    vocabulary = archive.vocabulary()
    yield templated(
        urls.person_page(person.slug),
        "person.md.j2",
        archive=vocabulary,
        person=person,
        split=split,
        years=year_counts(years),
        shown=by_year(shown),
        shown_count=len(shown),
        quotes=quotes.by_theme(spellings(person), shown, archive.themes),
        quote_count=quote_count(person, person.records),
    )
    for year in years if split else ():
        yield templated(
            urls.person_year_page(person.slug, year.year),
            "person-year.md.j2",
            archive=vocabulary,
            person=person,
            year=year,
            years=year_counts(years),
            quotes=quotes.by_theme(spellings(person), year.records, archive.themes),
            quote_count=quote_count(person, year.records),
        )


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
    )
    return Page("data.md", text)


def render_site(
    archive: Archive, intro: str, site: SiteInfo, data_sizes: dict[str, int] | None = None
) -> Iterator[Page | TemplatePage]:
    """Every generated page of the archive, in a fixed order."""
    yield render_home(archive, intro)
    yield render_themes_index(archive)
    for theme in archive.themes:
        yield from render_theme_pages(archive, theme)
        years = by_year(archive.by_theme[theme.slug])
        for year in years:
            yield render_theme_year(archive, theme, year, years)
    related = find_related(archive.records)
    for record in archive.records:
        yield render_briefing_page(archive, record, related, site)
    yield render_timeline(archive)
    years = by_year(archive.records)
    for year in years:
        yield render_timeline_year(archive, year, years)
    yield render_people_index(archive)
    for person in archive.people:
        yield from render_person_pages(archive, person)
    yield from render_tag_pages(archive)
    yield render_data_page(archive, site, data_sizes or {})
