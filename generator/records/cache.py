"""Parsed records kept between runs, so that regenerating after one edit re-parses only that file.

Parsing and validating 10,000 records costs seconds; unpickling them costs a tenth of that. An
entry is reused only when the file's (size, mtime, ctime, inode) are unchanged, the theme
vocabulary is the same and the generator's code is the same. Like git's index, an entry whose
file was modified within two seconds of being read is not trusted (the file may change again
within the same timestamp), so it is parsed again. The cache lives in `build/cache/`, which git
ignores; deleting it only makes the next run slower. It is only written when it changed, so a
no-op run touches nothing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import write_atomically
from generator.problems import Problem
from generator.records.load import load_record
from generator.records.record import Record

CACHE_FILE = "records.pickle"
RACY_NS = 2_000_000_000
FORMAT = 1
Loader = Callable[[Path, Path, tuple[str, ...]], tuple[Record, list[Problem]]]
Signature = tuple[int, int, int, int]


@dataclass(frozen=True)
class Entry:
    signature: Signature
    record: Record
    warnings: tuple[Problem, ...]


@dataclass
class RecordCache:
    """The entries read from disk, and the ones this run used or made (which are saved)."""

    file: Path
    key: tuple[object, ...]
    entries: dict[str, Entry]
    used: dict[str, Entry] = field(default_factory=dict)
    started_ns: int = field(default_factory=time.time_ns)
    changed: bool = False

    def loader(self) -> Loader:
        """A drop-in for `load_record` that answers from the cache when the file is unchanged."""

        def load(file: Path, root: Path, themes: tuple[str, ...]) -> tuple[Record, list[Problem]]:
            name = str(file)
            signature = _signature(file)
            entry = self.entries.get(name)
            if signature is not None and entry is not None and entry.signature == signature:
                self.used[name] = entry
                return entry.record, list(entry.warnings)
            record, warnings = load_record(file, root, themes)
            if signature is not None and signature[1] < self.started_ns - RACY_NS:
                self.used[name] = Entry(signature, record, tuple(warnings))
                self.changed = True
            return record, warnings

        return load

    def save(self) -> None:
        """Write what this run used, when it differs from what was read."""
        if not self.changed and self.used.keys() == self.entries.keys():
            return
        data = pickle.dumps((self.key, self.used), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(self.file, data)


def open_cache(folder: Path, themes: tuple[str, ...]) -> RecordCache:
    """The record cache in `folder`; empty when missing, unreadable or made by other code."""
    file = folder / CACHE_FILE
    key = (FORMAT, _code_fingerprint(), themes)
    try:
        stored_key, entries = pickle.loads(file.read_bytes())
    except Exception:  # missing, truncated or from another Python: start afresh
        return RecordCache(file, key, {})
    return RecordCache(file, key, entries if stored_key == key else {})


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
