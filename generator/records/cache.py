"""Parsed records kept between runs, so that regenerating after one edit re-parses only that file.

Parsing and validating 10,000 records costs seconds; reading them back costs a fraction of that.
The cache is plain JSON, never a pickle: a tampered cache (a restored CI cache, say) cannot run
code, and an entry the schema refuses is parsed from its file again. (Bodies are not checked
again, which would cost more than parsing saves; the post-build audit refuses scripts and unsafe
links in the built site whatever their origin.) An entry is reused only when the file's (size,
mtime, ctime, inode) are unchanged, the theme vocabulary is the same and the generator's code is
the same. An entry whose file was modified within a timestamp tick of being read is not trusted
(the file may change again within the same timestamp), so it is parsed again. The cache is the
build state `records` (`generator/state.py`, which holds these rules for every cache); it is only
written when it changed, so a no-op run touches nothing.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.problems import Problem
from generator.records.load import load_record
from generator.records.record import Record
from generator.records.schema import FrontMatter
from generator.state import code_fingerprint, load_state, save_state, trusted

STATE = "records"
Loader = Callable[[Path, Path, tuple[str, ...]], tuple[Record, list[Problem]]]
Signature = tuple[int, int, int, int]


@dataclass(frozen=True)
class Entry:
    signature: Signature
    record: Record
    warnings: tuple[Problem, ...]


@dataclass
class RecordCache:
    """The entries read from disk (as JSON data), and the ones this run used or made (saved)."""

    folder: Path
    key: str
    themes: tuple[str, ...]
    stored: dict[str, dict[str, Any]]
    used: dict[str, Entry] = field(default_factory=dict)
    started_ns: int = field(default_factory=time.time_ns)
    changed: bool = False
    # Entries already in memory (a process that keeps the cache between runs, `briefing serve`),
    # answered without reading their JSON or checking it again.
    known: dict[str, Entry] = field(default_factory=dict)
    # The entries this run took as they were stored (checked): saved again as they were.
    as_stored: set[str] = field(default_factory=set)

    def again(self) -> None:
        """Start another run with what this one used kept in memory (and on disk, once saved)."""
        self.known, self.used = self.used, {}
        self.started_ns, self.changed = time.time_ns(), False

    def loader(self) -> Loader:
        """A drop-in for `load_record` that answers from the cache when the file is unchanged."""

        def load(file: Path, root: Path, themes: tuple[str, ...]) -> tuple[Record, list[Problem]]:
            name = str(file)
            signature = _signature(file)
            entry = self.known.get(name)
            if entry is None or entry.signature != signature:
                entry = self._entry(name, signature)
            if entry is not None:
                self.as_stored.add(name)
                self.used[name] = entry
                return entry.record, list(entry.warnings)
            record, warnings = load_record(file, root, themes)
            self.as_stored.discard(name)
            if signature is not None and trusted(signature[1], self.started_ns):
                self.used[name] = Entry(signature, record, tuple(warnings))
                self.changed = True
            return record, warnings

        return load

    def _entry(self, name: str, signature: Signature | None) -> Entry | None:
        """The stored entry for this version of the file, checked against the schema again."""
        data = self.stored.get(name)
        if signature is None or data is None or tuple(data["signature"]) != signature:
            return None
        try:
            meta = FrontMatter.model_validate(data["meta"], context={"themes": self.themes})
            lines = {tuple(path): int(line) for path, line in data["lines"]}
            record = Record(data["id"], data["path"], meta, data["body"], data["body_line"], lines)
            warnings = tuple(Problem(*warning) for warning in data["warnings"])
        except (ValidationError, KeyError, TypeError, ValueError):
            return None  # damaged or tampered: parse the file again
        return Entry(signature, record, warnings)

    def save(self) -> None:
        """Write what this run used, when it differs from what was read."""
        self.saving()()

    def saving(self) -> Callable[[], None]:
        """What writes this run's entries, to call now or, in a server, once the site is shown
        (after `again`, which starts the next run in memory)."""
        if not self.changed and self.used.keys() == self.stored.keys():
            return lambda: None
        used, stored = dict(self.used), self.stored

        def save() -> None:
            # An entry read from the file and unchanged is written as it was read: only new ones
            # are turned into data (at 10,000 records that is seconds of work saved after each edit).
            entries = {
                name: kept
                if (kept := stored.get(name)) is not None and tuple(kept["signature"]) == entry.signature
                else _as_data(entry)
                for name, entry in used.items()
            }
            save_state(self.folder, STATE, self.key, entries)
            self.stored = entries

        return save


def open_cache(folder: Path, themes: tuple[str, ...]) -> RecordCache:
    """The record cache in the state folder `folder`; empty when missing, unreadable or made by
    other code or for other themes."""
    key = f"{code_fingerprint()}:{','.join(themes)}"
    stored = load_state(folder, STATE, key)
    return RecordCache(folder, key, themes, stored if isinstance(stored, dict) else {})


def _as_data(entry: Entry) -> dict[str, Any]:
    record = entry.record
    return {
        "signature": list(entry.signature),
        "id": record.id,
        "path": record.path,
        "meta": record.meta.model_dump(mode="json"),
        "body": record.body,
        "body_line": record.body_line,
        "lines": [[list(path), line] for path, line in record.lines.items()],
        "warnings": [[w.path, w.line, w.message, w.severity, w.strict] for w in entry.warnings],
    }


def _signature(file: Path) -> Signature | None:
    """What identifies this version of a regular file; None for anything else (never cached)."""
    try:
        info = os.lstat(file)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
