"""`briefing schema [--check]`: write (or check) the JSON Schema and editor files derived from code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.authoring.json_schema import SCHEMA_FILE, derived_files
from generator.problems import InvalidRecord
from generator.project import Project


def add_schema_command(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help=f"write {SCHEMA_FILE} and the editor configuration from the schema in code",
    )
    schema.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a committed file is out of date"
    )
    schema.set_defaults(run=run_schema)


def run_schema(project: Project, args: argparse.Namespace) -> int:
    try:
        files = derived_files(project)
    except InvalidRecord as invalid:
        for problem in invalid.problems:
            print(problem.as_text(), file=sys.stderr)
        return 1
    stale = [path for path, text in files.items() if not _holds(path, text)]
    if args.check:
        for path in stale:
            print(f"{project.shown(path)}: out of date; run `briefing schema` and commit the result.")
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
