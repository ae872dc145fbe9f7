"""`briefing generate`: validate and write the pages into build/docs/ only (for another engine)."""

from __future__ import annotations

import argparse
from typing import Any

from generator.pipeline import generate
from generator.project import Project


def add_generate_command(commands: Any) -> None:
    command = commands.add_parser(
        "generate", help="validate and write the pages into build/docs/ only (e.g. for `zensical build`)"
    )
    command.set_defaults(run=run_generate, refused="Nothing was generated")


def run_generate(project: Project, args: argparse.Namespace) -> int:
    generated = generate(project)
    for problem in generated.checked.problems:
        print(problem.as_text())
    written = generated.report
    print(
        f"Generated {project.shown(project.docs)}/: {len(written.written)} written, "
        f"{written.unchanged} unchanged, {len(written.removed)} removed."
    )
    return 0
