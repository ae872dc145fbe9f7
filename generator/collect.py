"""Find every record under `content/`, load it, and check what spans records (unique ids)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.load import Record, load_record
from generator.problems import InvalidRecord, Problem


@dataclass(frozen=True)
class Collected:
    records: tuple[Record, ...]  # valid records, in path order
    problems: tuple[Problem, ...]  # every error and warning, in path order
    files: int


def record_files(content_dir: Path) -> list[Path]:
    """Every `*.md` under `content_dir`, sorted, without following linked folders."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(content_dir):
        subfolders.sort()
        found += [Path(folder, name) for name in sorted(names) if name.endswith(".md")]
    return sorted(found)


def collect_records(
    content_dir: Path, root: Path, themes: tuple[str, ...], only: set[Path] | None = None
) -> Collected:
    """Load every record; with `only`, load just those files (ids are still checked archive-wide)."""
    records: list[Record] = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    files = record_files(content_dir)
    for file in files:
        shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
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
            record, warnings = load_record(file, root, themes)
        except InvalidRecord as invalid:
            problems += invalid.problems
            continue
        except OSError as error:
            problems.append(Problem(shown, 1, f"cannot read the file: {error.strerror}"))
            continue
        records.append(record)
        problems += warnings
    return Collected(tuple(records), tuple(problems), len(files) if only is None else len(only))
