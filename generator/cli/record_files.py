"""The record files that `briefing check FILE…` and `briefing preview FILE…` are given."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from generator.project import Project


def not_record_files(project: Project, files: Iterable[Path]) -> bool:
    """Whether any of `files` is not a record file under content/ (then the error is printed)."""
    others = [str(path) for path in files if not is_record_file(project, path)]
    if others:
        print(f"error: not a record file under content/: {', '.join(others)}", file=sys.stderr)
    return bool(others)


def is_record_file(project: Project, path: Path) -> bool:
    resolved = path.resolve()
    return resolved.suffix == ".md" and resolved.is_file() and resolved.is_relative_to(project.content)
