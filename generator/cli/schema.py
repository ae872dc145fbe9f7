"""`briefing schema [--check]`: write (or check) the JSON Schema and editor files derived from code."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from generator.authoring.json_schema import SCHEMA_FILE, derived_files
from generator.project import Project, briefing_command


def add_schema_command(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help=f"write {SCHEMA_FILE} and the editor configuration from the schema in code",
    )
    schema.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a committed file is out of date"
    )
    schema.set_defaults(run=run_schema, refused="Nothing was written")


def run_schema(project: Project, args: argparse.Namespace) -> int:
    files = derived_files(project)
    stale = [path for path, text in files.items() if not _holds(path, text)]
    if args.check:
        for path in stale:
            shown = project.shown(path)
            print(f"{shown}: out of date; run `{briefing_command()} schema` and commit the result.")
        if not stale:
            print(f"{', '.join(project.shown(path) for path in files)}: up to date.")
        return 1 if stale else 0
    for path in stale:
        path.write_text(files[path], encoding="utf-8")
        print(f"Wrote {project.shown(path)}.")
    if not stale:
        print("Already up to date.")
    return 0


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except FileNotFoundError:
        return False
