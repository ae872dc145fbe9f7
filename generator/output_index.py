"""What the generator wrote into the docs folder last time, so that a run after one edit neither
renders nor reads again the thousands of files whose inputs did not change.

Each file the writer left is kept with the key it was made under (a digest of exactly what it
depends on; see `pages/context_key.py`) and its signature (size, mtime, ctime, inode) right
after writing or checking it. A file counts as unchanged, without being made or read, only when
its key is the same and the file on disk still has that signature: a file edited, replaced or
deleted by hand in the docs folder has another signature (ctime changes on every write), so it
is made and compared again and the next run puts it right. As in git's index, a file whose
mtime is within two seconds of the index being saved is not trusted (an edit within the same
timestamp tick would keep its signature). The index is one JSON file in `build/cache/`, keyed
by the docs folder and the generator's fingerprint (its code, templates and the libraries that
shape its bytes), written only after the writer finished, and only when it changed. Deleting it
only makes the next run slower.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import write_atomically

FORMAT = 1
RACY_NS = 2_000_000_000
Signature = tuple[int, int, int, int]


@dataclass
class OutputIndex:
    file: Path
    folder: Path
    fingerprint: str
    stored: dict[str, tuple[str, Signature]]  # docs path → (key, signature) from the last run
    kept: dict[str, tuple[str, Signature]] = field(default_factory=dict)  # this run's

    def unchanged(self, relative: str, key: str | None) -> bool:
        """True when the file at `relative` was made under `key` and nobody touched it since."""
        if key is None:
            return False
        entry = self.stored.get(relative)
        if entry is None or entry[0] != key or signature(self.folder / relative) != entry[1]:
            return False
        self.kept[relative] = entry
        return True

    def wrote(self, relative: str, key: str | None) -> None:
        """The file at `relative` now holds what `key` names (just written or compared)."""
        found = signature(self.folder / relative)
        if key is not None and found is not None:
            self.kept[relative] = (key, found)

    def save(self) -> None:
        """Keep this run's entries, leaving out files modified too recently to be trusted."""
        trusted_before = time.time_ns() - RACY_NS
        entries = {path: entry for path, entry in self.kept.items() if entry[1][1] < trusted_before}
        if entries == self.stored:
            return
        document = {
            "format": FORMAT,
            "folder": str(self.folder),
            "fingerprint": self.fingerprint,
            "entries": {path: [key, *sig] for path, (key, sig) in sorted(entries.items())},
        }
        write_atomically(self.file, json.dumps(document, separators=(",", ":")).encode("utf-8"))


def open_index(file: Path, folder: Path, fingerprint: str) -> OutputIndex:
    """The index in `file`; empty when missing, damaged, or made for another folder or code."""
    try:
        document = json.loads(file.read_bytes())
        valid = (document["format"], document["folder"], document["fingerprint"]) == (
            FORMAT,
            str(folder),
            fingerprint,
        )
        stored = {
            path: (str(entry[0]), (int(entry[1]), int(entry[2]), int(entry[3]), int(entry[4])))
            for path, entry in (document["entries"].items() if valid else ())
        }
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        stored = {}
    return OutputIndex(file, folder, fingerprint, stored)


def signature(path: Path) -> Signature | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
