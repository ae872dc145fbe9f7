"""`briefing new`: write a valid record skeleton at the right path with a correct id.

Values come from options, or are asked for when standing at a terminal. The skeleton is
validated with the same loader `briefing check` uses before anything is written, and an existing
file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

from generator.authoring.new_record import (
    BadAnswer,
    errors_beyond_guidance,
    free_id,
    parse_date,
    parse_free_id,
    parse_themes,
    parse_url,
    record_id,
    skeleton,
    themes_prompt,
)
from generator.problems import InvalidRecord
from generator.project import Project, briefing_command
from generator.records.collect import record_files
from generator.records.load import parse_record
from generator.records.themes import project_themes


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
    new.set_defaults(run=run_new, refused="Nothing was written")


def run_new(project: Project, args: argparse.Namespace) -> int:
    known = project_themes(project)  # InvalidRecord for a broken theme list: told by the command line
    try:
        title = _value(args.title, "--title", "Title", str.strip)
        day = _value(args.date, "--date", "Date (YYYY-MM-DD)", parse_date, dt.date.today().isoformat())
        themes = _value(args.themes, "--themes", themes_prompt(known), lambda text: parse_themes(text, known))
        source_name = _value(args.source_name, "--source-name", "Source name (e.g. UNN)", str.strip)
        source_url = _value(args.source_url, "--source-url", "Source URL (blank if none)", parse_url, "")
    except BadAnswer as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 2
    wanted = args.record_id or record_id(day, title)
    text = skeleton(title, day, themes, source_name, source_url)
    target = project.content / str(day.year) / f"{wanted}.md"
    try:
        parse_record(text.encode("utf-8"), project.shown(target), wanted, tuple(t.slug for t in known))
    except InvalidRecord as invalid:
        wrong = errors_beyond_guidance(invalid.problems)
        for problem in wrong:
            print(f"error: {problem.message}", file=sys.stderr)
        if wrong:
            print("Nothing was written.", file=sys.stderr)
            return 2
    existing = {path.stem: path for path in record_files(project.content)}
    if wanted in existing and sys.stdin.isatty():
        # At a terminal, ask for another id rather than lose every answer given so far.
        print(f"  id {wanted!r} is taken by {project.shown(existing[wanted])}.", file=sys.stderr)
        wanted = _value(None, "--id", "Id", parse_free_id(set(existing)), free_id(wanted, set(existing)))
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
        f"(`{briefing_command()} check` refuses the template's text until you do),\n"
        f"then run `{briefing_command()} check {shown}` and `{briefing_command()} preview {shown}`."
    )
    return 0


def _value(
    given: str | None, option: str, prompt: str, parse: Callable[[str], Any], default: str | None = None
) -> Any:
    """Parse the option's value; without one, ask at a terminal (again until valid) or take the default."""
    if given is not None:
        try:
            return _non_empty(parse(given), default)
        except BadAnswer as refused:
            raise BadAnswer(f"{option}: {refused}") from None
    if not sys.stdin.isatty():
        if default is not None:
            return parse(default)
        raise BadAnswer(f"{option} is missing (not asked: standard input is not a terminal)")
    while True:
        shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
        try:
            return _non_empty(parse(input(shown).strip() or (default or "")), default)
        except BadAnswer as refused:
            print(f"  {refused}; try again.", file=sys.stderr)


def _non_empty(value: Any, default: str | None) -> Any:
    # Only a field with a default of "" (the source URL) may be left blank.
    if value == "" and default != "":
        raise BadAnswer("must not be empty")
    return value
