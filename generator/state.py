"""What builds keep between runs, in `build/cache/` (`Project.cache`), by one set of rules.

Every cache of the build (parsed records, written pages, built HTML, the audit's facts, the
search bundles, the published sources) follows the same three rules, kept here:

- **A file's signature** (size, mtime, ctime, inode) tells whether it changed, without reading
  it. Generated files that builds hard-link into a site leave the ctime out (each link changes
  it), as git's `core.trustctime=false` does: they are written by rename, so a new version has
  a new inode, and a hand edit a new mtime. As in git's index, a file modified within one
  timestamp tick of the moment its signature was taken may change again within that tick and
  keep its signature, so it is not *trusted*: its cache entry is not kept (`trusted`). A tick
  is 2 s where the file system keeps whole seconds (FAT), 50 ms where it keeps nanoseconds (the
  kernel's clock advances by a few ms).
- **One fingerprint of the code** (`code_fingerprint`): the generator's modules and templates,
  Python's version and every installed distribution's (the engines, the parsers, the template
  library). Whatever any cached value depends on besides its own inputs is in it, so a cache
  made by other code is never used.
- **State files** are JSON, never pickles (a restored CI cache cannot run code), written by
  rename only when they changed, each with its name, a format number and a key; a file that is
  missing, damaged, of another format or made for another key reads as empty. Deleting
  `build/cache/` only makes the next run slower.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path
from typing import Any

from generator.files import write_atomically

FORMAT = 1  # of every state file: raise it to drop them all
COARSE_NS = 2_000_000_000  # file systems that keep whole seconds (FAT: 2 s)
FINE_NS = 50_000_000  # nanosecond timestamps advance with the kernel's clock tick (a few ms)
Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
_GENERATOR = Path(__file__).resolve().parent


def signature(path: str | os.PathLike[str], *, ctime: bool = True) -> Signature | None:
    """The file's (size, mtime, ctime, inode), not following a link (the ctime 0 without
    `ctime`: for a file that is hard-linked elsewhere); None when it is missing."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns if ctime else 0, info.st_ino)


def trusted(mtime_ns: int, since_ns: int) -> bool:
    """Whether a file modified at `mtime_ns` keeps a signature that tells its bytes, judged at
    `since_ns` (when it was looked at): not modified within one timestamp tick before."""
    tick = COARSE_NS if mtime_ns % 1_000_000_000 == 0 else FINE_NS
    return mtime_ns < since_ns - tick


@functools.cache
def code_fingerprint() -> str:
    """A digest of everything besides its own inputs that any cached value depends on: the
    generator's code and templates, Python, and the versions of every installed distribution."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    installed = importlib.metadata.distributions()
    # A set: with the repository on sys.path (`python -m generator` run from it, or bench/), the
    # project's own egg-info is found a second time, and every cache would miss.
    versions = sorted({f"{(dist.metadata['Name'] or '').lower()}=={dist.version}" for dist in installed})
    digest.update("\0".join(versions).encode())
    for source in sorted(_GENERATOR.rglob("*")):
        if source.suffix in (".py", ".j2") and "__pycache__" not in source.parts and source.is_file():
            digest.update(source.relative_to(_GENERATOR).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def load_state(folder: Path, name: str, key: str) -> Any:
    """The data saved as `name` under `key`; None when there is none (missing, damaged, other key)."""
    found = load_any_state(folder, name)
    return found[1] if found is not None and found[0] == key else None


def load_any_state(folder: Path, name: str) -> tuple[str, Any] | None:
    """The key and data saved as `name`, whatever the key; None when there is none."""
    try:
        document = json.loads((folder / f"{name}.json").read_bytes())
        if document["format"] == FORMAT and document["name"] == name:
            return str(document["key"]), document["data"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def save_state(folder: Path, name: str, key: str, data: Any, previous: Any = None) -> None:
    """Keep `data` as `name` under `key`, unless it equals `previous` (what `load_state` gave)."""
    if data == previous and previous is not None:
        return
    document = {"format": FORMAT, "name": name, "key": key, "data": data}
    write_atomically(folder / f"{name}.json", json.dumps(document, separators=(",", ":")).encode("utf-8"))


def forget_state(folder: Path, name: str) -> None:
    """Drop the state `name`: the next run finds none."""
    (folder / f"{name}.json").unlink(missing_ok=True)
