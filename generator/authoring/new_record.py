"""`briefing new`: write a valid record skeleton at the right path with a correct id.

Values come from options, or are asked for when standing at a terminal. The skeleton is
validated with the same loader `briefing check` uses before anything is written, and an existing
file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anyascii import anyascii

from generator.problems import InvalidRecord, did_you_mean, errors
from generator.project import Project
from generator.records import placeholders
from generator.records.collect import record_files
from generator.records.load import parse_record
from generator.records.schema import SLUG, WEB_URL
from generator.records.themes import Theme, load_themes

TEMPLATE = Path(__file__).parent / "templates" / "new-record.md.j2"
MAX_SLUG_WORDS = 8


class Refused(Exception):
    """An answer that cannot make a valid record; the message says why."""


def add_new_command(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help="scaffold a new record in content/YEAR/",
        description="Write a valid record skeleton at content/YEAR/<id>.md. Missing values are "
        "asked for at a terminal; elsewhere they must be given as options.",
    )
    new.add_argument("--title", help="headline of the briefing, in English")
    new.add_argument("--date", help="YYYY-MM-DD (asked for, or today when not at a terminal)")
    new.add_argument("--themes", help="comma-separated theme slugs, e.g. diplomacy,drones")
    new.add_argument("--source-name", help="outlet, e.g. UNN")
    new.add_argument("--source-url", help="link to the original text (http/https); '' for none")
    new.add_argument("--id", dest="record_id", help="record id (default: date + words of the title)")
    new.set_defaults(run=run_new)


def record_id(day: dt.date, title: str) -> str:
    """`2025-06-02-umerov-after-the-istanbul-talks`: the date, then up to 8 words of the title,
    transliterated to ASCII (`Умєров` → `umierov`)."""
    words = re.findall(r"[a-z0-9]+", _ascii(title).lower())[:MAX_SLUG_WORDS]
    return "-".join([day.isoformat(), *(words or ["briefing"])])


def _ascii(text: str) -> str:
    # anyascii writes a soft sign as an apostrophe (Зеленський → Zelens'kiy); inside a
    # transliterated word it is not a word break.
    return "".join(char if char.isascii() else anyascii(char).replace("'", "") for char in text)


def free_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or the first of `wanted-2`, `wanted-3`, … not yet taken."""
    candidate, suffix = wanted, 2
    while candidate in taken:
        candidate, suffix = f"{wanted}-{suffix}", suffix + 1
    return candidate


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Refused(f"the date must be a real date written YYYY-MM-DD, got {text!r}") from None


def parse_themes(text: str, known: tuple[Theme, ...]) -> list[str]:
    """Theme slugs from slugs or titles, comma-separated (`drones, Air defense`)."""
    slugs = tuple(theme.slug for theme in known)
    by_title = {theme.title.casefold(): theme.slug for theme in known}
    themes = [by_title.get(part.strip().casefold(), part.strip()) for part in text.split(",") if part.strip()]
    if not themes:
        raise Refused(f"name at least one theme: {', '.join(slugs)}")
    for theme in themes:
        if theme not in slugs:
            raise Refused(
                f"unknown theme {theme!r}{did_you_mean(theme, slugs)}; themes are: {', '.join(slugs)}"
            )
    return themes


def parse_url(text: str) -> str:
    """The source URL as the record's schema wants it; blank for none."""
    url = text.strip()
    if url and not WEB_URL.match(url):
        raise Refused(f"must be an http:// or https:// address, got {url!r}")
    return url


def themes_prompt(themes: tuple[Theme, ...]) -> str:
    return "Themes, comma-separated (" + ", ".join(f"{t.slug} = {t.title}" for t in themes) + ")"


def run_new(project: Project, args: argparse.Namespace) -> int:
    import jinja2

    known = load_themes(project.site_config / "themes.yml", "themes.yml")
    slugs = tuple(theme.slug for theme in known)
    try:
        title = _value(args.title, "--title", "Title", str.strip)
        day = _value(args.date, "--date", "Date (YYYY-MM-DD)", parse_date, dt.date.today().isoformat())
        themes = _value(args.themes, "--themes", themes_prompt(known), _themes_in(known))
        source_name = _value(args.source_name, "--source-name", "Source name (e.g. UNN)", str.strip)
        source_url = _value(args.source_url, "--source-url", "Source URL (blank if none)", parse_url, "")
    except Refused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 2
    wanted = args.record_id or record_id(day, title)
    environment = jinja2.Environment(
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
    )
    # JSON strings are valid YAML strings: every title or name is written quoted, whatever it holds.
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    text = environment.from_string(TEMPLATE.read_text(encoding="utf-8")).render(
        title=title,
        date=day.isoformat(),
        themes=themes,
        source_name=source_name,
        source_url=source_url,
        guide=placeholders,
    )
    target = project.content / str(day.year) / f"{wanted}.md"
    try:
        parse_record(text.encode("utf-8"), project.shown(target), wanted, slugs)
    except InvalidRecord as invalid:
        # The guidance is there to be replaced (and `briefing check` refuses it until it is);
        # anything else wrong means the answers cannot make a record.
        wrong = [p for p in errors(invalid.problems) if placeholders.STILL_TEMPLATE not in p.message]
        for problem in wrong:
            print(f"error: {problem.message}", file=sys.stderr)
        if wrong:
            print("Nothing was written.", file=sys.stderr)
            return 2
    existing = {path.stem: path for path in record_files(project.content)}
    if wanted in existing and sys.stdin.isatty():
        # At a terminal, ask for another id rather than lose every answer given so far.
        print(f"  id {wanted!r} is taken by {project.shown(existing[wanted])}.", file=sys.stderr)
        wanted = _value(None, "--id", "Id", _free_in(set(existing)), free_id(wanted, set(existing)))
        target = project.content / str(day.year) / f"{wanted}.md"
    if wanted in existing:
        suggestion = free_id(wanted, set(existing))
        print(
            f"error: id {wanted!r} is taken by {project.shown(existing[wanted])}; not overwriting it.\n"
            f"The next free id is {suggestion!r}: run again with --id {suggestion}",
            file=sys.stderr,
        )
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
            out.write(text)
    except FileExistsError:
        print(f"error: {project.shown(target)} already exists; not overwriting it.", file=sys.stderr)
        return 1
    shown = project.shown(target)
    print(
        f"Wrote {shown}. Replace the summary, highlights and notes with your own words\n"
        "(`briefing check` refuses the template's text until you do),\n"
        f"then run `briefing check {shown}` and `briefing preview {shown}`."
    )
    return 0


def _free_in(taken: set[str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if not SLUG.match(text):
            raise Refused("use lowercase letters, digits and single hyphens")
        if text in taken:
            raise Refused(f"{text!r} is taken too; the next free one is {free_id(text, taken)!r}")
        return text

    return parse


def _themes_in(known: tuple[Theme, ...]) -> Callable[[str], list[str]]:
    return lambda text: parse_themes(text, known)


def _value(
    given: str | None, option: str, prompt: str, parse: Callable[[str], Any], default: str | None = None
) -> Any:
    """Parse the option's value; without one, ask at a terminal (again until valid) or take the default."""
    if given is not None:
        try:
            return _non_empty(parse(given), default)
        except Refused as refused:
            raise Refused(f"{option}: {refused}") from None
    if not sys.stdin.isatty():
        if default is not None:
            return parse(default)
        raise Refused(f"{option} is missing (not asked: standard input is not a terminal)")
    while True:
        shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
        try:
            return _non_empty(parse(input(shown).strip() or (default or "")), default)
        except Refused as refused:
            print(f"  {refused}; try again.", file=sys.stderr)


def _non_empty(value: Any, default: str | None) -> Any:
    # Only a field with a default of "" (the source URL) may be left blank.
    if value == "" and default != "":
        raise Refused("must not be empty")
    return value
