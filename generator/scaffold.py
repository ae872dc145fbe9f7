"""`briefing new`: write a valid record skeleton at the right path with a correct id."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from generator.archive import slugify
from generator.collect import record_files
from generator.load import parse_record
from generator.problems import InvalidRecord
from generator.project import Project
from generator.themes import load_themes

TEMPLATE = Path(__file__).parent / "templates" / "new-record.md.j2"
MAX_SLUG_WORDS = 8


def add_new_command(commands: Any) -> None:
    new = commands.add_parser("new", help="scaffold a new record in content/YEAR/")
    new.add_argument("--title", help="headline of the briefing")
    new.add_argument("--date", help="YYYY-MM-DD (default: asked, or today)")
    new.add_argument("--themes", help="comma-separated theme slugs, e.g. diplomacy,drones")
    new.add_argument("--source-name", help="outlet, e.g. UNN")
    new.add_argument("--source-url", help="link to the original text (http/https)")
    new.add_argument("--id", dest="record_id", help="record id (default: date + words of the title)")
    new.set_defaults(run=run_new)


def record_id(day: dt.date, title: str) -> str:
    words = slugify(title).split("-")[:MAX_SLUG_WORDS]
    return f"{day.isoformat()}-{'-'.join(words)}"


def free_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or the first of `wanted-2`, `wanted-3`, … not yet taken."""
    candidate, suffix = wanted, 2
    while candidate in taken:
        candidate, suffix = f"{wanted}-{suffix}", suffix + 1
    return candidate


def run_new(project: Project, args: argparse.Namespace) -> int:
    import jinja2

    themes = load_themes(project.site_config / "themes.yml", "site_config/themes.yml")
    slugs = tuple(theme.slug for theme in themes)
    title = args.title or _ask("Title")
    date_text = args.date or _ask("Date (YYYY-MM-DD)", dt.date.today().isoformat())
    theme_text = args.themes or _ask(f"Themes, comma-separated ({', '.join(slugs)})")
    source_name = args.source_name or _ask("Source name (e.g. UNN)")
    source_url = args.source_url if args.source_url is not None else _ask("Source URL (blank if none)", "")
    try:
        day = dt.date.fromisoformat(date_text)
    except ValueError:
        print(f"error: --date must be YYYY-MM-DD, got {date_text!r}", file=sys.stderr)
        return 2
    taken = {path.stem for path in record_files(project.content)}
    wanted = args.record_id or record_id(day, title)
    if wanted in taken:
        existing = next(p for p in record_files(project.content) if p.stem == wanted)
        print(
            f"error: {project.shown(existing)} already exists; not overwriting it.\n"
            f"The next free id is {free_id(wanted, taken)!r}: pass --id {free_id(wanted, taken)}",
            file=sys.stderr,
        )
        return 1
    text = jinja2.Template(TEMPLATE.read_text(encoding="utf-8"), keep_trailing_newline=True).render(
        title=title,
        date=day.isoformat(),
        themes=[part.strip() for part in theme_text.split(",") if part.strip()],
        source_name=source_name,
        source_url=source_url.strip(),
        yaml=_yaml_string,
    )
    target = project.content / str(day.year) / f"{wanted}.md"
    try:
        parse_record(text.encode("utf-8"), project.shown(target), wanted, slugs)
    except InvalidRecord as invalid:
        for problem in invalid.problems:
            print(f"error: {problem.message}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    print(
        f"Wrote {project.shown(target)}. Fill in the summary, highlights and notes, "
        "then run `briefing check`."
    )
    return 0


def _yaml_string(value: str) -> str:
    """A double-quoted YAML string: JSON string syntax is valid YAML."""
    import json

    return json.dumps(value, ensure_ascii=False)


def _ask(prompt: str, default: str | None = None) -> str:
    if not sys.stdin.isatty():
        if default is not None:
            return default
        print(f"error: missing {prompt.split(' (')[0].lower()}; pass it as an option", file=sys.stderr)
        raise SystemExit(2)
    shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
    answer = input(shown).strip()
    return answer or (default or "")
