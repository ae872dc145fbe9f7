"""Render the archive model into Markdown pages for MkDocs (plain Markdown and Material features
that Zensical also reads). Templates live in `generator/templates/`.

Every `{{ value }}` is escaped as Markdown text unless it is marked safe, so text from a record
can never become markup, let alone a script.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.archive import Archive, Person, by_month
from generator.load import Record
from generator.text import link_target, long_date, markdown_text, month_name
from generator.themes import Theme

TEMPLATES = Path(__file__).parent / "templates"
LATEST_ON_HOME = 10


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "themes/drones.md"
    text: str


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # Autoescape makes macros return safe text; finalize makes "escaped" mean Markdown-escaped.
        finalize=lambda value: value if isinstance(value, Markup) else Markup(markdown_text(value)),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        long_date=long_date,
        month_name=month_name,
        url=link_target,
        yaml_text=lambda value: Markup(json.dumps(str(value), ensure_ascii=False)),
        body=Markup,
        icon=lambda name: Markup(":" + name.replace("/", "-") + ":"),
    )
    return env


def _render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def render_home(archive: Archive, intro: str) -> Page:
    return Page(
        "index.md",
        _render("home.md.j2", archive=archive, intro=Markup(intro), latest=archive.records[:LATEST_ON_HOME]),
    )


def render_theme_page(archive: Archive, theme: Theme) -> Page:
    records = archive.by_theme[theme.slug]
    text = _render("theme.md.j2", archive=archive, theme=theme, months=by_month(records), count=len(records))
    return Page(f"themes/{theme.slug}.md", text)


def render_briefing_page(archive: Archive, record: Record) -> Page:
    neighbours = {slug: archive.neighbours(record, slug) for slug in record.meta.themes}
    text = _render("briefing.md.j2", archive=archive, record=record, neighbours=neighbours)
    return Page(f"briefings/{record.id}.md", text)


def render_themes_index(archive: Archive) -> Page:
    return Page("themes/index.md", _render("themes.md.j2", archive=archive))


def render_timeline(archive: Archive) -> Page:
    return Page("timeline.md", _render("timeline.md.j2", archive=archive, months=by_month(archive.records)))


def render_people_index(archive: Archive) -> Page:
    return Page("people/index.md", _render("people.md.j2", archive=archive))


def render_person_page(archive: Archive, person: Person) -> Page:
    quotes = [
        (record, quote)
        for record in person.records
        for quote in record.meta.quotes
        if quote.by == person.name
    ]
    text = _render("person.md.j2", archive=archive, person=person, quotes=quotes)
    return Page(f"people/{person.slug}.md", text)


def render_tags_page() -> Page:
    return Page("tags.md", _render("tags.md.j2"))


def render_site(archive: Archive, intro: str) -> Iterator[Page]:
    """Every generated page of the archive, in a fixed order."""
    yield render_home(archive, intro)
    yield render_themes_index(archive)
    for theme in archive.themes:
        yield render_theme_page(archive, theme)
    for record in archive.records:
        yield render_briefing_page(archive, record)
    yield render_timeline(archive)
    yield render_people_index(archive)
    for person in archive.people:
        yield render_person_page(archive, person)
    yield render_tags_page()
