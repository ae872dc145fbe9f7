"""A record as the rest of the pipeline sees it, and how its file is named in messages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.records.schema import FrontMatter


@dataclass(frozen=True)
class Record:
    """One briefing: its id (the file name), where it came from, its front-matter and body."""

    id: str
    path: str
    meta: FrontMatter
    body: str
    body_line: int
    # Lines of the top-level fields and of the items and keys one level below them, for the
    # checks that look across records (people, dates, duplicates) after loading.
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of everything a page can show of the record (all but `lines`, which only
        messages use), computed once per record: a page's key names each record it shows by it."""
        parts = (self.id, self.path, self.meta.model_dump_json(), self.body, str(self.body_line))
        text = "".join(f"{len(part)}:{part}" for part in parts)
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def line_of(self, *path: str | int) -> int:
        """The line of `path`, or of the nearest enclosing field that has one, or 1."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def line_at(self, offset: int) -> int:
        """The file line of `offset` in the body."""
        return self.body_line + self.body.count("\n", 0, offset)


def shown_path(file: Path, root: Path) -> str:
    """`file` relative to `root` when inside it, printable whatever bytes its name holds."""
    try:
        return printable(file.relative_to(root).as_posix())
    except ValueError:
        return printable(file.as_posix())


def printable(name: str) -> str:
    """A file name safe to print on one line: control characters and undecodable bytes escaped.

    A name with a newline would break `path:line: message`; one with bytes that are not UTF-8
    (kept by Python as lone surrogates) would crash printing.
    """
    if name.isprintable():
        return name
    out = []
    for char in name:
        if "\udc80" <= char <= "\udcff":
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif not char.isprintable():
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)
