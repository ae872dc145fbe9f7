"""Find every record under `content/`, load it, and check what spans records (unique ids)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.load import Record, load_record, parse_record, read_record_file, shown_path
from generator.problems import InvalidRecord, Problem


@dataclass(frozen=True)
class Collected:
    records: tuple[Record, ...]  # valid records, in path order
    problems: tuple[Problem, ...]  # every error and warning, in path order
    files: int


def record_files(content_dir: Path) -> list[Path]:
    """Every `*.md` under `content_dir`, sorted, without following linked folders."""
    return _walk(content_dir)[0]


def _walk(content_dir: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """The record files, the linked folders not followed, and other files (so they can be reported)."""
    found: list[Path] = []
    linked: list[Path] = []
    others: list[Path] = []
    for folder, subfolders, names in os.walk(content_dir):
        subfolders.sort()
        linked += [Path(folder, name) for name in subfolders if Path(folder, name).is_symlink()]
        found += [Path(folder, name) for name in sorted(names) if name.endswith(".md")]
        others += [
            Path(folder, name) for name in names if not name.endswith(".md") and not name.startswith(".")
        ]
    return sorted(found), sorted(linked), sorted(others)


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
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    files, linked, others = _walk(content_dir)
    problems += [
        Problem(
            shown_path(folder, root),
            1,
            "folders under content/ must not be symbolic links; its records would be skipped",
        )
        for folder in linked
    ]
    # A record saved as .markdown or .MD would otherwise vanish without a word.
    problems += [
        Problem(shown_path(other, root), 1, "not a record (records are *.md files); it is ignored", "warning")
        for other in others
    ]
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


_MENTIONS_DRAFT = re.compile(rb"draft", re.IGNORECASE)


def draft_records(content_dir: Path, root: Path, themes: tuple[str, ...]) -> list[Record]:
    """The valid records marked `draft: true`, for the audit that proves none was published.

    Only files that mention "draft" are parsed again, so this costs little on a large archive.
    """
    drafts: list[Record] = []
    for file in record_files(content_dir):
        shown = shown_path(file, root)
        try:
            raw = read_record_file(file, shown)
            if _MENTIONS_DRAFT.search(raw):
                record, _warnings = parse_record(raw, shown, file.stem, themes)
                if record.meta.draft:
                    drafts.append(record)
        except (InvalidRecord, OSError):
            continue  # `briefing check` reports these; a build never gets this far with them
    return drafts
