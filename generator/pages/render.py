"""Render the archive model into Markdown pages for MkDocs (plain Markdown and Material features
that Zensical also reads). Templates live in `generator/templates/`.

Every `{{ value }}` is escaped as Markdown text unless it is marked safe, so text from a record
can never become markup, let alone a script.

Long listings are split so that no page grows without bound: a theme page shows its newest
briefings and links a page per year; the timeline shows counts per month and links a page per
year listing the briefings.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup

from generator.archive import urls
from generator.archive.model import Archive, Person, Year, by_month, by_year
from generator.archive.related import Related, find_related
from generator.pages import data_files as downloads
from generator.pages import feeds
from generator.pages.dates import long_date, month_name
from generator.pages.jinja import template_environment
from generator.pages.markdown_text import link_target, markdown_text
from generator.pages.site_info import SiteInfo
from generator.records.record import Record
from generator.records.schema import Quote
from generator.records.themes import Theme

LATEST_ON_HOME = 10
LATEST_ON_THEME = 25
# A person named in more briefings than this gets a page per year; their page shows the newest.
PERSON_PAGE_RECORDS = 100
LATEST_ON_PERSON = 25


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "themes/drones.md"
    text: str


@cache
def environment() -> jinja2.Environment:
    env = template_environment(
        # Autoescape makes macros return safe text; finalize makes "escaped" mean Markdown-escaped.
        finalize=lambda value: value if isinstance(value, Markup) else Markup(markdown_text(value)),
        autoescape=True,
    )
    env.globals["urls"] = urls
    env.filters.update(
        long_date=long_date,
        thousands="{:,}".format,
        month_name=month_name,
        url=link_target,
        yaml_text=yaml_text,
        # Inside code spans Markdown shows text as it is: flatten it, escape nothing.
        verbatim=lambda value: Markup(" ".join(str(value).split())),
        # Inside a raw HTML block Markdown changes nothing: escape for HTML only.
        html_text=lambda value: Markup(html.escape(" ".join(str(value).split()), quote=True)),
        body=Markup,
        icon=lambda name: Markup(":" + name.replace("/", "-") + ":"),
    )
    return env


def yaml_text(value: object) -> Markup:
    """Text for a page's YAML front-matter. Material inserts `page.meta` values into HTML
    unescaped (MkDocs' template environment does not autoescape), so it is HTML-escaped here."""
    flat = " ".join(str(value).split())
    return Markup(json.dumps(html.escape(flat, quote=True), ensure_ascii=False))


def _render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def render_home(archive: Archive, intro: str) -> Page:
    latest = archive.records[:LATEST_ON_HOME]
    return Page(urls.HOME_PAGE, _render("home.md.j2", archive=archive, intro=Markup(intro), latest=latest))


def render_theme_page(archive: Archive, theme: Theme) -> Page:
    records = archive.by_theme[theme.slug]
    text = _render(
        "theme.md.j2",
        archive=archive,
        theme=theme,
        months=by_month(records[:LATEST_ON_THEME]),
        years=by_year(records),
        count=len(records),
        shown=min(len(records), LATEST_ON_THEME),
        atom=urls.atom_feed(theme.slug),
        json_feed=urls.json_feed(theme.slug),
    )
    return Page(urls.theme_page(theme.slug), text)


def render_theme_year(archive: Archive, theme: Theme, year: Year, years: list[Year]) -> Page:
    text = _render("theme-year.md.j2", archive=archive, theme=theme, year=year, years=years)
    return Page(urls.theme_year_page(theme.slug, year.year), text)


def render_briefing_page(archive: Archive, record: Record, related: Related, site: SiteInfo) -> Page:
    neighbours = {slug: archive.neighbours(record, slug) for slug in record.meta.themes}
    text = _render(
        "briefing.md.j2",
        archive=archive,
        record=record,
        neighbours=neighbours,
        related=related.of(record),
        site=site,
        permalink=site.briefing_url(record.id),
    )
    return Page(urls.briefing_page(record.id), text)


def render_themes_index(archive: Archive) -> Page:
    return Page(urls.THEMES_PAGE, _render("themes.md.j2", archive=archive))


def render_timeline(archive: Archive) -> Page:
    # One row per month: how many of its briefings each theme holds.
    rows = [
        (month, [sum(theme.slug in r.meta.themes for r in month.records) for theme in archive.themes])
        for month in by_month(archive.records)
    ]
    text = _render("timeline.md.j2", archive=archive, rows=rows, years=by_year(archive.records))
    return Page(urls.TIMELINE_PAGE, text)


def render_timeline_year(archive: Archive, year: Year, years: list[Year]) -> Page:
    text = _render("timeline-year.md.j2", archive=archive, year=year, years=years)
    return Page(urls.timeline_year_page(year.year), text)


def render_people_index(archive: Archive) -> Page:
    return Page(urls.PEOPLE_PAGE, _render("people.md.j2", archive=archive))


def person_quotes(person: Person, records: tuple[Record, ...]) -> list[tuple[Record, Quote]]:
    return [(record, quote) for record in records for quote in record.meta.quotes if quote.by == person.name]


def render_person_pages(archive: Archive, person: Person) -> Iterator[Page]:
    """A person's page; past PERSON_PAGE_RECORDS briefings, the newest there and a page per year."""
    years = by_year(person.records)
    split = len(person.records) > PERSON_PAGE_RECORDS
    shown = person.records[:LATEST_ON_PERSON] if split else person.records
    yield Page(
        urls.person_page(person.slug),
        _render(
            "person.md.j2",
            archive=archive,
            person=person,
            split=split,
            years=years,
            shown=by_year(shown),
            shown_count=len(shown),
            quotes=person_quotes(person, shown),
            quote_count=len(person_quotes(person, person.records)),
        ),
    )
    for year in years if split else ():
        text = _render(
            "person-year.md.j2",
            archive=archive,
            person=person,
            year=year,
            years=years,
            quotes=person_quotes(person, year.records),
        )
        yield Page(urls.person_year_page(person.slug, year.year), text)


def render_tags_page(archive: Archive) -> Page:
    """Every tag with its briefings, newest first (the site builds without Material's tags plugin)."""
    tagged: dict[str, list[Record]] = {}
    for record in archive.records:
        for tag in record.meta.tags:
            tagged.setdefault(tag, []).append(record)
    return Page(urls.TAGS_PAGE, _render("tags.md.j2", tagged=dict(sorted(tagged.items()))))


def render_data_page(archive: Archive, site: SiteInfo) -> Page:
    text = _render(
        "data.md.j2",
        archive=archive,
        site=site,
        json_fields=downloads.json_fields(),
        columns=downloads.columns(archive),
        feeds=feeds.archive_feeds(archive, site),
        downloads=downloads,
        feed_entries=feeds.FEED_ENTRIES,
    )
    return Page("data.md", text)


def render_site(archive: Archive, intro: str, site: SiteInfo) -> Iterator[Page]:
    """Every generated page of the archive, in a fixed order."""
    yield render_home(archive, intro)
    yield render_themes_index(archive)
    for theme in archive.themes:
        yield render_theme_page(archive, theme)
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
    yield render_tags_page(archive)
    yield render_data_page(archive, site)
