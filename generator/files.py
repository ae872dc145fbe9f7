"""Write generated files into the docs folder: only what changed, each file atomically.

Unchanged files keep their bytes and mtime, so `mkdocs serve` and rsync-style deploys see only
real changes. Files a previous run generated and this one did not are removed, but only inside a
folder this generator created (it holds MARKER): a mistaken path can never delete content.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.workers import in_chunks

MARKER = ".briefing-generated"
WRITE_CHUNK = 200  # files made by a worker at a time: enough to outweigh handing them over
# Fewer files than this are made here: starting workers would cost more than it saves.
IN_WORKERS = 2000
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


def combined(reports: Iterable[WriteReport]) -> WriteReport:
    """What several writes did, as one report."""
    reports = list(reports)
    return WriteReport(
        tuple(path for report in reports for path in report.written),
        sum(report.unchanged for report in reports),
        tuple(path for report in reports for path in report.removed),
    )


class Tree:
    """A folder brought up to date file by file: each file is put in place by hard link to its
    source (a file written by rename only, never through) or by an atomic write, and only when
    it is not already there; `prune` then removes whatever this run did not put or keep.
    A build's site is such a folder (publish/swap.py), updated in proportion to the change.

    With a `manifest` (what a long-running process put there, path → what it was), a file put
    in place as the same thing as before is believed without looking at it, and, once the
    manifest is `complete` (it lists every file of the folder: after one prune that walked it),
    `prune` removes what it holds and this run did not keep, without walking the folder."""

    def __init__(
        self, folder: Path, manifest: dict[str, object] | None = None, complete: bool = False
    ) -> None:
        self.folder = folder
        self.kept: set[str] = set()  # the folder's paths this run wants, e.g. "themes/index.html"
        self.changed = 0  # files put in place (not already there)
        self.manifest = manifest
        self.complete = complete and manifest is not None

    def link(self, source: str | os.PathLike[str], path: str, identity: object = None) -> None:
        """Have the file at `path` be `source` itself (a hard link; a copy across devices).
        `identity` names what `source` holds (a key), for the manifest."""
        self.kept.add(path)
        if self.manifest is not None and identity is not None and self.manifest.get(path) == identity:
            return
        destination = os.path.join(self.folder, path)
        try:
            there, wanted = os.lstat(destination), os.stat(source)
            same = (there.st_ino, there.st_dev) == (wanted.st_ino, wanted.st_dev)
        except FileNotFoundError:
            same = False
        if not same:
            link_into(source, destination)
            self.changed += 1
        if self.manifest is not None:
            self.manifest[path] = identity

    def write(self, path: str, data: bytes) -> None:
        """Have the file at `path` hold `data` (written by rename when it does not yet)."""
        self.kept.add(path)
        identity = hashlib.blake2b(data, digest_size=16).digest() if self.manifest is not None else None
        if self.manifest is not None and self.manifest.get(path) == identity:
            return
        if write_if_changed(self.folder / path, data):
            self.changed += 1
        if self.manifest is not None:
            self.manifest[path] = identity

    def keep(self, path: str) -> None:
        """The file at `path` was put there by another writer this run (an engine's template)."""
        self.kept.add(path)
        if self.manifest is not None:
            self.manifest[path] = None  # not known: looked at next time

    def link_same_bytes(self, source: str | os.PathLike[str], path: str) -> None:
        """As `link`, but a file already at `path` with the bytes of `source` (another inode) is
        left in place: a search bundle indexed again holds mostly the same files anew."""
        destination = os.path.join(self.folder, path)
        try:
            if os.path.getsize(destination) == os.path.getsize(source) and _same_bytes(source, destination):
                self.keep(path)
                return
        except FileNotFoundError:
            pass
        self.link(source, path)

    def link_folder(
        self,
        folder: Path,
        under: str = "",
        identities: Mapping[str, object] | None = None,
        same_bytes: bool = False,
    ) -> None:
        """Link every file of `folder` (but our marker) at the same path, under `under`; with
        `identities` (each file's path in `folder` → what it holds), those files only, unlooked;
        with `same_bytes`, a file already there with the same bytes stays (`link_same_bytes`)."""
        if identities is not None:
            manifest = self.manifest if self.manifest is not None else {}
            # Most are there as they were (30,000 citation files at 10,000 records): set aside
            # in one pass, without a call each.
            there = {
                under + path
                for path, identity in identities.items()
                if identity is not None and manifest.get(under + path) == identity
            }
            self.kept |= there
            for relative, identity in identities.items():
                if under + relative not in there:
                    self.link(folder / relative, under + relative, identity)
            return
        link = self.link_same_bytes if same_bytes else self.link
        for current, _subfolders, names in os.walk(folder):
            inside = os.path.relpath(current, folder).replace(os.sep, "/")
            prefix = under + ("" if inside == "." else inside + "/")
            for name in names:
                if not (inside == "." and name == MARKER):
                    link(os.path.join(current, name), prefix + name)

    def prune(self) -> tuple[str, ...]:
        """Remove every file (and emptied folder) this run did not put or keep; what it removed."""
        if self.manifest is None or not self.complete:
            removed = _remove_stale(self.folder, self.kept)
            if self.manifest is not None:  # the folder holds just what this run kept, all listed
                for path in set(self.manifest) - self.kept:
                    del self.manifest[path]
                self.complete = True
            return removed
        gone = set(self.manifest) - self.kept
        for path in gone:
            del self.manifest[path]
        return _remove_listed(self.folder, gone)


def files_under(folder: Path) -> dict[str, str]:
    """Every file under `folder`: {its path below `folder`, with "/": its full path}, sorted.
    Directory entries tell what is a file, so nothing is stat'ed (a site of 10,000 records has
    tens of thousands of files)."""
    found: dict[str, str] = {}
    pending = [(str(folder), "")]
    while pending:
        here, prefix = pending.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    found[prefix + entry.name] = entry.path
    return dict(sorted(found.items()))


def _same_bytes(one: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    with open(one, "rb") as first, open(other, "rb") as second:
        while True:
            chunk = first.read(65536)
            if chunk != second.read(65536):
                return False
            if not chunk:
                return True


def link_into(source: str | os.PathLike[str], destination: str) -> None:
    """Put `source` at `destination`: a hard link (never written through), else a copy."""
    if os.path.lexists(destination):
        os.unlink(destination)
    else:
        os.makedirs(os.path.dirname(destination), exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)


def link_atomically(source: str | os.PathLike[str], destination: Path) -> None:
    """Put `source` at `destination` by rename (a hard link, else a copy, made beside it first):
    a reader of a live folder sees the old file or the new one, never none."""
    temporary = f"{destination.parent}/.{destination.name}.{os.getpid()}.link"
    link_into(source, temporary)
    os.replace(temporary, destination)


class Written(Protocol):
    """What the writer left last time (`output_index.OutputIndex`)."""

    def unchanged(self, relative: str, key: str | None) -> bool: ...
    def wrote(self, relative: str, key: str | None) -> None: ...
    def present(self) -> set[str] | None: ...


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


# Never through a link someone left at the temporary name.
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | os.O_NOFOLLOW


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` by rename: a reader (or a hard link into a published site) sees the old
    bytes or the new ones, never a mix. The temporary file is opened as an ordinary write opens
    a file (mode 0666 less the umask), so a web server running as another user can read it."""
    temporary = f"{path.parent}/.{path.name}.{os.getpid()}.tmp"
    try:
        handle = os.open(temporary, _FLAGS, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, _FLAGS, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sync_folder(
    folder: Path,
    files: Mapping[str, bytes | Output],
    last: Written | None = None,
    purpose: str = DOCS_FOLDER,
) -> WriteReport:
    """Make `folder` hold exactly `files` (relative path → bytes, or an Output that makes
    them), touching only what differs. With `last`, an Output whose file `last` says was
    written under the same key and not touched since is neither made nor read."""
    claim_folder(folder, purpose)
    pending: list[str] = []
    for relative in sorted(files):
        output = files[relative]
        key = output.key if isinstance(output, Output) else None
        if last is None or not last.unchanged(relative, key):
            pending.append(relative)

    def write(chunk: Sequence[str]) -> list[bool]:
        return [write_if_changed(folder / relative, files[relative]) for relative in chunk]

    written: list[str] = []
    # Making the files is most of a first build's work: shared out over the cores.
    chunk_size = WRITE_CHUNK if len(pending) >= IN_WORKERS else max(len(pending), 1)
    done = (wrote for chunk in in_chunks(write, pending, chunk_size) for wrote in chunk)
    for relative, wrote in zip(pending, done, strict=True):
        if wrote:
            written.append(relative)
        if last is not None:
            output = files[relative]
            last.wrote(relative, output.key if isinstance(output, Output) else None)
    present = last.present() if last is not None else None
    if present is None:
        removed = _remove_stale(folder, files.keys())
    else:  # the previous run's files are known: no need to look at every one of them
        removed = _remove_listed(folder, present - files.keys())
    return WriteReport(tuple(written), len(files) - len(written), removed)


def write_if_changed(target: Path, output: bytes | Output) -> bool:
    """Make `output` and write it to `target` unless the file holds those bytes; whether it wrote."""
    data = output.make() if isinstance(output, Output) else output
    try:
        same = target.stat().st_size == len(data) and target.read_bytes() == data
    except FileNotFoundError:
        same = False
    if not same:
        write_atomically(target, data)
    return not same


def remove_file(folder: Path, relative: str) -> None:
    """Remove this file of `folder` (if it is there), and the folders it leaves empty: a served
    site then answers 404 for the page, not a listing of an empty folder."""
    (folder / relative).unlink(missing_ok=True)
    parent = (folder / relative).parent
    while parent != folder and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _remove_listed(folder: Path, stale: Collection[str]) -> tuple[str, ...]:
    """Remove these files of `folder`, and the folders they leave empty."""
    for relative in stale:
        remove_file(folder, relative)
    return tuple(sorted(stale))


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
