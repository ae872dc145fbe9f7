"""Find every record under `content/`, load it, and check what spans records (unique ids)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.problems import InvalidRecord, Problem
from generator.records.load import load_record
from generator.records.record import Record, shown_path


@dataclass(frozen=True)
class Collected:
    records: tuple[Record, ...]  # valid records, in path order
    problems: tuple[Problem, ...]  # every error and warning, in path order
    files: int


def record_files(content_dir: Path) -> list[Path]:
    """Every `*.md` under `content_dir`, sorted, without following linked folders."""
    return _walk(content_dir).records


MAX_FOLDER_DEPTH = 8  # content/2025/record.md is one folder deep


@dataclass(frozen=True)
class _Walked:
    records: list[Path]
    linked: list[Path]  # symbolic links to folders: never followed
    others: list[Path]  # files that are not *.md
    too_deep: list[Path]  # folders past MAX_FOLDER_DEPTH: never entered


def _walk(content_dir: Path) -> _Walked:
    """Everything under `content_dir`, sorted. A loop, not recursion (as os.walk is in Python
    3.11), so a folder tree thousands deep is reported instead of overflowing the stack."""
    found = _Walked([], [], [], [])
    pending = [(content_dir, 0)]
    while pending:
        folder, depth = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                path = Path(entry.path)
                if entry.is_dir(follow_symlinks=False):
                    if depth < MAX_FOLDER_DEPTH:
                        pending.append((path, depth + 1))
                    else:
                        found.too_deep.append(path)
                elif entry.is_symlink() and entry.is_dir():
                    found.linked.append(path)
                elif entry.name.endswith(".md"):
                    found.records.append(path)
                elif not entry.name.startswith("."):
                    found.others.append(path)
    return _Walked(*(sorted(paths) for paths in (found.records, found.linked, found.others, found.too_deep)))


def collect_records(
    content_dir: Path,
    root: Path,
    themes: tuple[str, ...],
    only: set[Path] | None = None,
    load: Callable[[Path, Path, tuple[str, ...]], tuple[Record, list[Problem]]] = load_record,
) -> Collected:
    """Load every record; with `only`, load just those files (ids are still checked archive-wide).

    `load` reads one file; the record cache passes one that skips unchanged files.
    """
    records: list[Record] = []
    walked = _walk(content_dir)
    files = walked.records
    problems = _folder_problems(walked, root)
    first_seen: dict[str, str] = {}
    for file in files:
        shown = shown_path(file, root)
        if file.stem in first_seen:
            problems.append(
                Problem(
                    shown,
                    1,
                    f"id {file.stem!r} is already used by {first_seen[file.stem]}; "
                    "record ids (file names) must be unique across content/",
                )
            )
            continue
        first_seen[file.stem] = shown
        if only is not None and file.resolve() not in only:
            continue
        try:
            record, warnings = load(file, root, themes)
        except InvalidRecord as invalid:
            problems += invalid.problems
            continue
        except OSError as error:
            problems.append(Problem(shown, 1, f"cannot read the file: {error.strerror}"))
            continue
        records.append(record)
        problems += warnings
    return Collected(tuple(records), tuple(problems), len(files) if only is None else len(only))


def _folder_problems(walked: _Walked, root: Path) -> list[Problem]:
    """What the walk skipped: linked or too deep folders (errors), files that are not records."""
    problems: list[Problem] = []
    problems += [
        Problem(
            shown_path(folder, root),
            1,
            "folders under content/ must not be symbolic links; its records would be skipped",
        )
        for folder in walked.linked
    ]
    problems += [
        Problem(
            shown_path(folder, root),
            1,
            f"folders nested more than {MAX_FOLDER_DEPTH} deep under content/; its records would be skipped",
        )
        for folder in walked.too_deep
    ]
    # A record saved as .markdown or .MD would otherwise vanish without a word.
    problems += [
        Problem(shown_path(other, root), 1, "not a record (records are *.md files); it is ignored", "warning")
        for other in walked.others
    ]
    return problems
