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
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.problems import InvalidRecord, did_you_mean
from generator.project import Project
from generator.records.collect import record_files
from generator.records.load import parse_record
from generator.records.themes import load_themes

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
    """`2025-06-02-umerov-after-the-istanbul-talks`: the date, then up to 8 words of the title."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())[:MAX_SLUG_WORDS]
    return "-".join([day.isoformat(), *(words or ["briefing"])])


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


def run_new(project: Project, args: argparse.Namespace) -> int:
    import jinja2

    slugs = tuple(theme.slug for theme in load_themes(project.site_config / "themes.yml", "themes.yml"))
    try:
        title = _value(args.title, "--title", "Title", str.strip)
        day = _value(args.date, "--date", "Date (YYYY-MM-DD)", parse_date, dt.date.today().isoformat())
        themes = _value(
            args.themes, "--themes", f"Themes, comma-separated ({', '.join(slugs)})", _themes_in(slugs)
        )
        source_name = _value(args.source_name, "--source-name", "Source name (e.g. UNN)", str.strip)
        source_url = _value(args.source_url, "--source-url", "Source URL (blank if none)", str.strip, "")
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
        title=title, date=day.isoformat(), themes=themes, source_name=source_name, source_url=source_url
    )
    target = project.content / str(day.year) / f"{wanted}.md"
    try:
        parse_record(text.encode("utf-8"), project.shown(target), wanted, slugs)
    except InvalidRecord as invalid:
        for problem in invalid.problems:
            print(f"error: {problem.message}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 2
    existing = {path.stem: path for path in record_files(project.content)}
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
        f"Wrote {shown}. Replace the summary, highlights and notes with your own words,\n"
        f"then run `briefing check {shown}` and `briefing preview {shown}`."
    )
    return 0


def _themes_in(known: tuple[str, ...]) -> Callable[[str], list[str]]:
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
