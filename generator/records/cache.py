"""Parsed records kept between runs, so that regenerating after one edit re-parses only that file.

Parsing and validating 10,000 records costs seconds; reading them back costs a fraction of that.
The cache is plain JSON, never a pickle: a tampered cache (a restored CI cache, say) cannot run
code, and an entry the schema refuses is parsed from its file again. (Bodies are not checked
again, which would cost more than parsing saves; the post-build audit refuses scripts and unsafe
links in the built site whatever their origin.) An entry is reused only when the file's (size,
mtime, ctime, inode) are unchanged, the theme vocabulary is the same and the generator's code is
the same. Like git's index, an entry whose file was modified within two seconds of being read is
not trusted (the file may change again within the same timestamp), so it is parsed again. The
cache lives in `build/cache/`, which git ignores; deleting it only makes the next run slower. It
is only written when it changed, so a no-op run touches nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.files import write_atomically
from generator.problems import Problem
from generator.records.load import load_record
from generator.records.record import Record
from generator.records.schema import FrontMatter

CACHE_FILE = "records.json"
RACY_NS = 2_000_000_000
FORMAT = 2  # 2: JSON
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

    file: Path
    key: list[Any]
    themes: tuple[str, ...]
    stored: dict[str, dict[str, Any]]
    used: dict[str, Entry] = field(default_factory=dict)
    started_ns: int = field(default_factory=time.time_ns)
    changed: bool = False

    def loader(self) -> Loader:
        """A drop-in for `load_record` that answers from the cache when the file is unchanged."""

        def load(file: Path, root: Path, themes: tuple[str, ...]) -> tuple[Record, list[Problem]]:
            name = str(file)
            signature = _signature(file)
            entry = self._entry(name, signature)
            if entry is not None:
                self.used[name] = entry
                return entry.record, list(entry.warnings)
            record, warnings = load_record(file, root, themes)
            if signature is not None and signature[1] < self.started_ns - RACY_NS:
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
            record = Record(data["id"], data["path"], meta, data["body"], data["body_line"])
            warnings = tuple(Problem(*warning) for warning in data["warnings"])
        except (ValidationError, KeyError, TypeError, ValueError):
            return None  # damaged or tampered: parse the file again
        return Entry(signature, record, warnings)

    def save(self) -> None:
        """Write what this run used, when it differs from what was read."""
        if not self.changed and self.used.keys() == self.stored.keys():
            return
        entries = {name: _as_data(entry) for name, entry in self.used.items()}
        data = json.dumps({"key": self.key, "entries": entries}, ensure_ascii=False, separators=(",", ":"))
        write_atomically(self.file, data.encode("utf-8"))


def open_cache(folder: Path, themes: tuple[str, ...]) -> RecordCache:
    """The record cache in `folder`; empty when missing, unreadable or made by other code."""
    file = folder / CACHE_FILE
    key: list[Any] = [FORMAT, _code_fingerprint(), list(themes)]
    try:
        stored = json.loads(file.read_bytes())
        entries = stored["entries"] if stored["key"] == key and isinstance(stored["entries"], dict) else {}
    except Exception:  # missing, truncated or not ours: start afresh
        entries = {}
    return RecordCache(file, key, themes, entries)


def _as_data(entry: Entry) -> dict[str, Any]:
    record = entry.record
    return {
        "signature": list(entry.signature),
        "id": record.id,
        "path": record.path,
        "meta": record.meta.model_dump(mode="json"),
        "body": record.body,
        "body_line": record.body_line,
        "warnings": [[w.path, w.line, w.message, w.severity] for w in entry.warnings],
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


def _code_fingerprint() -> str:
    """A digest of the generator's own source: changed parsing code invalidates every entry."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()
