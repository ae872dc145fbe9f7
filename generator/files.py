"""Write generated files into the docs folder: only what changed, each file atomically.

Unchanged files keep their bytes and mtime, so `mkdocs serve` and rsync-style deploys see only
real changes. Files a previous run generated and this one did not are removed, but only inside a
folder this generator created (it holds MARKER): a mistaken path can never delete content.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

MARKER = ".briefing-generated"
DOCS_FOLDER = "generated Markdown for MkDocs; rebuilt from content/ on every build"  # its marker's text


class UnsafeOutput(Exception):
    """The output folder exists but was not made by this generator."""


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Output:
    """A file made only when it is needed: `make` gives its bytes, and `key` (None when not
    known) digests everything they depend on, so that a file written under the same key need
    not be made again."""

    make: Callable[[], bytes]
    key: str | None = None


class Written(Protocol):
    """What the writer left last time (`output_index.OutputIndex`)."""

    def unchanged(self, relative: str, key: str | None) -> bool: ...
    def wrote(self, relative: str, key: str | None) -> None: ...


def claim_folder(folder: Path, purpose: str) -> None:
    """Create `folder` with our marker, or check that an existing folder carries it."""
    marker = folder / MARKER
    if marker.is_file():
        return
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UnsafeOutput(
            f"{folder} exists and was not created by the briefing generator (no {MARKER} file); "
            "refusing to write into it or clean it. Choose another folder or remove it yourself."
        )
    folder.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"{purpose}\n", encoding="utf-8")


def refuse_overlap(folder: Path, protected: Iterable[Path]) -> None:
    """Refuse an output folder that is, holds, or sits inside a folder we must never touch."""
    folder = folder.resolve()
    for keep in protected:
        keep = keep.resolve()
        if folder == keep or folder.is_relative_to(keep) or keep.is_relative_to(folder):
            raise UnsafeOutput(
                f"{folder} overlaps {keep}; refusing to write there. Choose a folder of its own."
            )


def _umask() -> int:
    current = os.umask(0o022)  # the only way to read the umask is to set it
    os.umask(current)
    return current


_UMASK = _umask()


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        # mkstemp makes the file private (0600); a page or cache entry hard-linked into the site
        # must be readable by the web server, as a file opened for writing normally would be.
        os.fchmod(handle, 0o666 & ~_UMASK)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sync_folder(
    folder: Path, files: Mapping[str, bytes | Output], last: Written | None = None
) -> WriteReport:
    """Make `folder` hold exactly `files` (relative path → bytes, or an Output that makes
    them), touching only what differs. With `last`, an Output whose file `last` says was
    written under the same key and not touched since is neither made nor read."""
    claim_folder(folder, DOCS_FOLDER)
    written: list[str] = []
    for relative in sorted(files):
        target = folder / relative
        output = files[relative]
        key = output.key if isinstance(output, Output) else None
        if last is not None and last.unchanged(relative, key):
            continue
        data = output.make() if isinstance(output, Output) else output
        try:
            same = target.stat().st_size == len(data) and target.read_bytes() == data
        except FileNotFoundError:
            same = False
        if not same:
            write_atomically(target, data)
            written.append(relative)
        if last is not None:
            last.wrote(relative, key)
    removed = _remove_stale(folder, files.keys())
    return WriteReport(tuple(written), len(files) - len(written), removed)


def _remove_stale(folder: Path, wanted: Collection[str]) -> tuple[str, ...]:
    removed: list[str] = []
    # Strings, not Paths: this looks at every file of the docs folder (45,000 at 10,000 records).
    for current, _subfolders, names in os.walk(folder, topdown=False):
        inside = os.path.relpath(current, folder).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        for name in names:
            relative = prefix + name
            if relative != MARKER and relative not in wanted:
                os.unlink(os.path.join(current, name))
                removed.append(relative)
        if prefix:
            with os.scandir(current) as entries:
                empty = not any(entries)
            if empty:
                os.rmdir(current)
    return tuple(sorted(removed))
