"""`briefing check [FILE…]`: validate every record and report all problems."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.cli.check_report import scoped_report
from generator.cli.record_files import not_record_files
from generator.pipeline import check_archive
from generator.problems import Refused, errors, report, strictly
from generator.project import Project


def add_check_command(commands: Any) -> None:
    check = commands.add_parser("check", help="validate every record and report all problems")
    check.add_argument("files", nargs="*", type=Path, help="report only these records (all are validated)")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github prints workflow annotations for pull requests",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="warnings that a record is probably wrong (people, dates, duplicates) become errors",
    )
    check.set_defaults(run=run_check)


def run_check(project: Project, args: argparse.Namespace) -> int:
    if not_record_files(project, args.files):
        return 2
    try:
        checked = check_archive(project)
        found, files = checked.problems, checked.files
    except Refused as refused:  # what check is for: the problems are its report
        found, files = refused.problems, refused.records or 0
    problems = strictly(found) if args.strict else list(found)
    if not args.files:
        report(problems, files, args.format)
        return 1 if errors(problems) else 0
    named = list(dict.fromkeys(project.shown(path.resolve()) for path in args.files))
    scoped = scoped_report(problems, named, files)
    side = sys.stderr if args.format == "github" else sys.stdout
    report(scoped.problems, None, args.format)
    for line in (*scoped.verdicts, scoped.elsewhere, scoped.last_line):
        if line is not None:
            print(line, file=side)
    return 1 if scoped.failed else 0
