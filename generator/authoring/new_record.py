"""A new record's skeleton: its id from the date and title, its text, checked before it is written.

The skeleton is validated with the same loader `briefing check` uses before anything is
written (see `cli/new.py`), and an existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.archive.slugs import ascii_words, free_slug
from generator.pages.jinja import template_environment
from generator.problems import did_you_mean

TEMPLATE = Path(__file__).parent / "templates" / "new-record.md.j2"
MAX_SLUG_WORDS = 8


class Refused(Exception):
    """An answer that cannot make a valid record; the message says why."""


def record_id(day: dt.date, title: str) -> str:
    """`2025-06-02-umerov-after-the-istanbul-talks`: the date, then up to 8 words of the title."""
    words = ascii_words(title)[:MAX_SLUG_WORDS]
    return "-".join([day.isoformat(), *(words or ["briefing"])])


def free_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or the first of `wanted-2`, `wanted-3`, … not yet taken."""
    return free_slug(wanted, taken)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Refused(f"the date must be a real date written YYYY-MM-DD, got {text!r}") from None


def parse_themes(text: str, known: tuple[str, ...]) -> list[str]:
    themes = [part.strip() for part in text.split(",") if part.strip()]
    if not themes:
        raise Refused(f"name at least one theme: {', '.join(known)}")
    for theme in themes:
        if theme not in known:
            raise Refused(
                f"unknown theme {theme!r}{did_you_mean(theme, known)}; themes are: {', '.join(known)}"
            )
    return themes


def skeleton(title: str, day: dt.date, themes: list[str], source_name: str, source_url: str) -> str:
    """The text of a new record from the template, every value quoted."""
    environment = template_environment(TEMPLATE.parent)
    # JSON strings are valid YAML strings: every title or name is written quoted, whatever it holds.
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return environment.get_template(TEMPLATE.name).render(
        title=title, date=day.isoformat(), themes=themes, source_name=source_name, source_url=source_url
    )
