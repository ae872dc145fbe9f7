"""What the generator wrote into the docs folder last time, so that a run after one edit neither
renders nor reads again the thousands of files whose inputs did not change.

Each file the writer left is kept with the key it was made under (a digest of exactly what it
depends on; see `pages/context_key.py`) and its signature (size, mtime, inode: not the ctime,
which every hard link into a site changes; `state.signature`) right after writing or checking
it. A file counts as unchanged, without being made or read, only when its key is the same and
the file on disk still has that signature: a file edited, replaced or deleted by hand in the
docs folder has another signature (a new mtime, or a new inode when replaced), so it is made
and compared again and the next run puts it right. A file modified within a timestamp tick of
the index being saved is not trusted (an edit within the same tick would keep its signature).
The index is a build state (`generator/state.py`, which holds these rules for every cache),
keyed by the folder and a fingerprint (the code's and the site's settings), written only after
the writer finished, and only when it changed. Deleting it only makes the next run slower.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.state import Signature, load_any_state, load_state, save_state, signature, trusted

# The indexes a build keeps: of the docs folder (pages and assets for the engine) and of the
# files published as they are (build/files/).
DOCS, FILES = "docs", "files"


@dataclass
class OutputIndex:
    cache: Path  # the build state folder
    name: str  # of the state, e.g. "docs"
    folder: Path
    key: str  # the folder and the fingerprint its files were made under
    stored: dict[str, tuple[str, Signature]]  # path → (key, signature) from the last run
    kept: dict[str, tuple[str, Signature]] = field(default_factory=dict)  # this run's
    # Whether `stored` is what this very process wrote last time (`again`): then it is believed
    # without looking at the files, and it lists every file the folder holds.
    in_memory: bool = False
    written: set[str] = field(default_factory=set)  # this run's files without a key
    held: set[str] = field(default_factory=set)  # every file the folder held after the last run
    on_disk: dict[str, tuple[str, Signature]] | None = None  # what the state file holds, if known

    def unchanged(self, relative: str, key: str | None) -> bool:
        """True when the file at `relative` was made under `key` and nobody touched it since."""
        if key is None:
            return False
        entry = self.stored.get(relative)
        if entry is None or entry[0] != key:
            return False
        if not self.in_memory and signature(self.folder / relative, ctime=False) != entry[1]:
            return False
        self.kept[relative] = entry
        return True

    def forget(self, relative: str) -> None:
        """The file at `relative` was written outside a run: what it holds is no longer known."""
        self.stored.pop(relative, None)
        self.kept.pop(relative, None)

    def present(self) -> set[str] | None:
        """Every file the folder holds, when this process knows it (else None: look)."""
        return self.held | set(self.kept) | self.written if self.in_memory else None

    def again(self) -> None:
        """Start another run in this process: what this one left is believed from memory."""
        self.held = set(self.kept) | self.written
        self.stored, self.kept, self.written, self.in_memory = dict(self.kept), {}, set(), True

    def wrote(self, relative: str, key: str | None) -> None:
        """The file at `relative` now holds what `key` names (just written or compared)."""
        if key is None:
            self.written.add(relative)
            return
        found = signature(self.folder / relative, ctime=False)
        if found is not None:
            self.kept[relative] = (key, found)

    def key_of(self, relative: str) -> str | None:
        """The key the file at `relative` is known to hold (its signature unchanged), if any."""
        entry = self.kept.get(relative)
        return entry[0] if entry is not None else None

    def save(self) -> None:
        """Keep this run's entries, leaving out files modified too recently to be trusted."""
        self.saving()()

    def saving(self) -> Callable[[], None]:
        """What keeps this run's entries, to call now or, in a server, once the site is shown
        (after `again`, which starts the next run in memory)."""
        kept = dict(self.kept)

        def save() -> None:
            now = time.time_ns()
            entries = {path: entry for path, entry in kept.items() if trusted(entry[1][1], now)}
            if entries == self.on_disk:
                return
            data = {path: [key, *sig] for path, (key, sig) in sorted(entries.items())}
            save_state(self.cache, self.name, self.key, data)
            self.on_disk = entries

        return save


def open_index(cache: Path, name: str, folder: Path, fingerprint: str) -> OutputIndex:
    """The index `name` in the state folder `cache`; empty when missing, damaged, or made for
    another folder or fingerprint."""
    key = f"{folder}:{fingerprint}"
    data = load_state(cache, name, key)
    try:
        stored = {
            path: (str(entry[0]), (int(entry[1]), int(entry[2]), int(entry[3]), int(entry[4])))
            for path, entry in (data or {}).items()
        }
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        stored = {}
    return OutputIndex(cache, name, folder, key, stored, on_disk=dict(stored))


def written_keys(cache: Path, name: str, folder: Path) -> dict[str, str]:
    """What each file of `folder` holds, as the last run that wrote it recorded it (its key and
    the fingerprint it was made under, not the folder: a moved or restored folder names its
    files alike): for the files whose signature is still the one recorded, so a later step can
    name a file's bytes without reading them."""
    found = load_any_state(cache, name)
    if found is None or not isinstance(found[1], dict):
        return {}
    key, entries = found
    if not key.startswith(f"{folder}:"):
        return {}
    fingerprint = key.removeprefix(f"{folder}:")
    known = {}
    for path, entry in entries.items():
        try:
            recorded = (int(entry[1]), int(entry[2]), int(entry[3]), int(entry[4]))
        except (ValueError, TypeError, IndexError):
            continue
        if signature(folder / path, ctime=False) == recorded:
            known[path] = f"{fingerprint}\0{entry[0]}"
    return known
