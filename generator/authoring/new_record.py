"""A new record's skeleton: its id from the date and title, its text, checked before it is written.

The skeleton is validated with the same loader `briefing check` uses before anything is
written (see `cli/new.py`), and an existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.archive.slugs import ascii_words, free_slug
from generator.pages.jinja import template_environment
from generator.problems import Problem, did_you_mean, errors
from generator.records import placeholders
from generator.records.schema import SLUG, WEB_URL
from generator.records.themes import Theme

TEMPLATE = Path(__file__).parent / "templates" / "new-record.md.j2"
MAX_SLUG_WORDS = 8


class BadAnswer(Exception):
    """An answer that cannot make a valid record; the message says why."""


def record_id(day: dt.date, title: str) -> str:
    """`2025-06-02-umerov-after-the-istanbul-talks`: the date, then up to 8 words of the title,
    transliterated to ASCII (`Умєров` → `umierov`)."""
    words = ascii_words(title)[:MAX_SLUG_WORDS]
    return "-".join([day.isoformat(), *(words or ["briefing"])])


def free_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or the first of `wanted-2`, `wanted-3`, … not yet taken."""
    return free_slug(wanted, taken)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BadAnswer(f"the date must be a real date written YYYY-MM-DD, got {text!r}") from None


def parse_themes(text: str, known: tuple[Theme, ...]) -> list[str]:
    """Theme slugs from slugs or titles, comma-separated (`drones, Air defense`)."""
    slugs = tuple(theme.slug for theme in known)
    by_title = {theme.title.casefold(): theme.slug for theme in known}
    themes = [by_title.get(part.strip().casefold(), part.strip()) for part in text.split(",") if part.strip()]
    if not themes:
        raise BadAnswer(f"name at least one theme: {', '.join(slugs)}")
    for theme in themes:
        if theme not in slugs:
            raise BadAnswer(
                f"unknown theme {theme!r}{did_you_mean(theme, slugs)}; themes are: {', '.join(slugs)}"
            )
    return themes


def parse_url(text: str) -> str:
    """The source URL as the record's schema wants it; blank for none."""
    url = text.strip()
    if url and not WEB_URL.match(url):
        raise BadAnswer(f"must be an http:// or https:// address, got {url!r}")
    return url


def parse_free_id(taken: set[str]) -> Callable[[str], str]:
    """A parser for an id typed at a terminal: a slug that no record uses yet."""

    def parse(text: str) -> str:
        if not SLUG.match(text):
            raise BadAnswer("use lowercase letters, digits and single hyphens")
        if text in taken:
            raise BadAnswer(f"{text!r} is taken too; the next free one is {free_id(text, taken)!r}")
        return text

    return parse


def themes_prompt(themes: tuple[Theme, ...]) -> str:
    return "Themes, comma-separated (" + ", ".join(f"{t.slug} = {t.title}" for t in themes) + ")"


def errors_beyond_guidance(problems: Iterable[Problem]) -> list[Problem]:
    """The errors that are not the template's guidance, which is there to be replaced (and which
    `briefing check` refuses until it is): anything else means the answers cannot make a record."""
    return [problem for problem in errors(problems) if placeholders.STILL_TEMPLATE not in problem.message]


def skeleton(title: str, day: dt.date, themes: list[str], source_name: str, source_url: str) -> str:
    """The text of a new record from the template, every value quoted."""
    environment = template_environment(TEMPLATE.parent)
    # JSON strings are valid YAML strings: every title or name is written quoted, whatever it holds.
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return environment.get_template(TEMPLATE.name).render(
        title=title,
        date=day.isoformat(),
        themes=themes,
        source_name=source_name,
        source_url=source_url,
        guide=placeholders,
    )
