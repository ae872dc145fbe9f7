"""What the audit learnt about each built file, kept between builds so that it reads only what changed.

The audit (`publish/audit.py`) asks this module for *facts* about a file of the built site: a
page's links and unsafe markup, a feed's entries, a data file's ids, a search fragment's URL, a
file's draft text. A fact depends only on the file's bytes, its site path and what the audit
passes in the fact's name (the site's root path, the drafts looked for), so it is cached under
the file's **content hash** and computed again whenever the hash differs. The checks across the
archive (every record published, on its theme pages, in the feeds...) are made afresh on every
run from these facts and the archive model, so a cached fact never hides a fault elsewhere.

Knowing a file's hash means reading it, and at 10,000 records that is 400 MB. Like git's index,
the cache therefore also keeps each file's stat signature (size, mtime, inode, device): a file
whose signature is unchanged has the hash it had, unless it was changed within one timestamp
tick of the audit that recorded it (`state.trusted`), which is then read again next time.
A page hard-linked from the page cache keeps its inode and mtime, so it is not read; a page
written to (in place or by rename) gets a new mtime or inode, so it is. The ctime is left out,
as git's `core.trustctime=false` does: every build's hard link to a cached page changes it. A
write that then sets the mtime back on purpose (`touch -d`) at the same size goes unseen.
Pagefind names its index files by their content (`pagefind/…/fragment/en_<hash>.pf_fragment`):
such a file's facts are those of the file of the same name in the last audit, unread.

The cache is the build state `audit` (`generator/state.py`), written atomically, and dropped as
a whole when the code (`state.code_fingerprint`) or the site's root path changes. A missing or
damaged cache means every file is read: the findings are the same, only slower.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from generator.files import files_under
from generator.state import code_fingerprint, load_state, save_state, trusted

CACHE = "audit.json"
KEEP_BYTES = 64 << 20  # a cold audit reads the whole site: keep only this much of it at a time
# Files named by a hash of their content: Pagefind's index, filters and fragments.
_CONTENT_NAMED = re.compile(r"^pagefind/(?:[^/]+/)*(?:fragment|index|filter)/[^/]+$")

Fact = Any  # anything JSON can hold


class SiteFacts:
    """The files of a built site (site path → file) and their facts, from the cache where it can."""

    def __init__(
        self,
        site: Path,
        cache: Path | None,
        context: str,
        known: Mapping[str, Mapping[str, Fact]] | None = None,
    ) -> None:
        self.started_ns = time.time_ns()  # before any file is looked at: see `_trusted`
        self.files = files_under(site)
        # Facts the build computed from the very bytes it put at these paths (pages it rendered).
        self._known = known or {}
        self._cache = cache
        self._key = f"{code_fingerprint()}:{context}"
        self._previous = _load(cache, self._key) if cache is not None else {}
        self._entries: dict[str, dict[str, Any]] = {}
        self._kinds: set[str] = set()  # the kinds of fact this audit asked for: only they are kept
        # Bytes of the files read so far, kept (up to KEEP_BYTES) for their other facts.
        self._bytes: dict[str, bytes] = {}
        self._kept = 0
        self.read = 0  # files read (not just looked up), for the bench

    def fact(self, page: str, kind: str, compute: Callable[[bytes], Fact]) -> Fact:
        """`compute(bytes of page)`, or what it gave for the same bytes in an earlier audit."""
        known = self._known.get(page)
        if known is not None and kind in known:
            return known[kind]
        self._kinds.add(kind)
        entry, data = self._entry(page)
        if kind not in entry["facts"]:
            if data is None:
                data = self._bytes.get(page) or self._read(page, entry)
            entry["facts"][kind] = compute(data)
            if self._kept + len(data) <= KEEP_BYTES:
                self._bytes[page] = data
                self._kept += len(data)
        return entry["facts"][kind]

    def save(self) -> None:
        """Write the facts of the files this audit looked at, of the kinds it asked for, if they changed."""
        if self._cache is None:
            return
        entries = {
            page: {**entry, "facts": {k: v for k, v in entry["facts"].items() if k in self._kinds}}
            for page, entry in sorted(self._entries.items())
        }
        if entries == self._previous:
            return
        save_state(self._cache.parent, self._cache.stem, self._key, entries)

    def _entry(self, page: str) -> tuple[dict[str, Any], bytes | None]:
        """The page's entry for this audit, and its bytes when they had to be read to know its hash."""
        if page in self._entries:
            return self._entries[page], None
        old = self._previous.get(page)
        if old is not None and _CONTENT_NAMED.match(page):  # the same name, the same bytes
            self._entries[page] = {**old, "facts": dict(old["facts"])}
            return self._entries[page], None
        info = os.stat(self.files[page])
        signature = [info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev]
        data = None
        if old is not None and old["signature"] == signature and old["trusted"]:
            entry = {**old, "facts": dict(old["facts"])}
        else:
            data = _read_file(self.files[page])
            self.read += 1
            digest = _digest(data)
            same = old is not None and old["digest"] == digest
            facts = dict(old["facts"]) if same and old is not None else {}
            entry = {"signature": signature, "digest": digest, "facts": facts}
        entry["trusted"] = self._trusted(info)
        self._entries[page] = entry
        return entry, data

    def _read(self, page: str, entry: dict[str, Any]) -> bytes:
        """The bytes of a page known by its signature; should they differ now, no old fact holds."""
        data = _read_file(self.files[page])
        self.read += 1
        if _digest(data) != entry["digest"]:
            entry["digest"], entry["trusted"], entry["facts"] = _digest(data), False, {}
        return data

    def _trusted(self, info: os.stat_result) -> bool:
        """Whether the file's signature will still tell its bytes next time (not changed too recently)."""
        return trusted(info.st_mtime_ns, self.started_ns)


def _read_file(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _load(cache: Path, key: str) -> dict[str, dict[str, Any]]:
    files = load_state(cache.parent, cache.stem, key)
    if not isinstance(files, dict):
        return {}
    try:
        for entry in files.values():  # the shape every entry must have, or none is used
            if not (isinstance(entry["signature"], list) and isinstance(entry["facts"], dict)):
                return {}
            str(entry["digest"]), bool(entry["trusted"])
        return files
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
