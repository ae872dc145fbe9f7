"""Search under `briefing serve` (and `mkdocs serve`): the index of the last `briefing build`.

The live server rebuilds the site into a temporary folder without running Pagefind, which
takes minutes and gigabytes at 10,000 records. Instead the served site links to the index
in `site/pagefind/` and says, in `pagefind/status.json`, whether records have changed since
that index was made, so the search box can tell the reader honestly what it searches.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import Tree
from generator.project import Project
from generator.publish.search_index import OUTPUT, STATUS
from generator.state import signature


@dataclass
class FoundIndex:
    """The built index's files as last listed, and the signature of its entry file then."""

    entry: object = None
    files: list[tuple[Path, str]] = field(default_factory=list)


def link_search_index(project: Project, served: Path | Tree, known: FoundIndex | None = None) -> None:
    """Give the served site a `pagefind/` folder holding the built index, if any, and a status
    file saying whether records changed since it was made. Into a `Tree` (`briefing serve`) the
    index's files are hard-linked (they are never written through); into a plain folder (the
    hook, under `mkdocs serve`) they are linked symbolically, as MkDocs empties it on each rebuild.
    `known`: what an earlier call of this process found (the index changes only with a build)."""
    built = project.site / OUTPUT
    entry = built / "pagefind-entry.json"
    if isinstance(served, Tree):
        identity = signature(entry)
        if identity is not None:
            known = FoundIndex() if known is None else known
            if known.entry != identity:
                known.entry, known.files = identity, _index_files(built)
            for source, path in known.files:
                served.link(source, f"{OUTPUT}/{path}", identity)
            served.write(f"{OUTPUT}/{STATUS}", _status(project, entry))
        return
    target = served / OUTPUT
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.is_dir():
        shutil.rmtree(target)
    if not entry.is_file():
        return  # no index: the search box says `briefing build` makes one
    target.mkdir(parents=True)
    for item in built.iterdir():
        if item.name != STATUS:
            (target / item.name).symlink_to(item.resolve(), target_is_directory=item.is_dir())
    (target / STATUS).write_bytes(_status(project, entry))


def _index_files(built: Path) -> list[tuple[Path, str]]:
    """Every file of the built index but its status, with its path inside the index folder."""
    found = []
    for current, _folders, names in os.walk(built):
        for name in names:
            path = Path(current, name)
            relative = path.relative_to(built).as_posix()
            if relative != STATUS:
                found.append((path, relative))
    return sorted(found, key=lambda item: item[1])


def _status(project: Project, entry: Path) -> bytes:
    """Whether any record changed since the index was made, for the search box to say."""
    indexed = entry.stat().st_mtime
    changed = 0
    pending = [str(project.content)]
    while pending:  # strings and directory entries: 10,000 records on every save of a serve
        with os.scandir(pending.pop()) as entries:
            for found in entries:
                if found.is_dir(follow_symlinks=False):
                    pending.append(found.path)
                elif found.name.endswith(".md") and found.stat(follow_symlinks=False).st_mtime > indexed:
                    changed += 1
    status = {
        "indexed": dt.datetime.fromtimestamp(indexed, dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "stale": bool(changed),
        "changed": changed,
    }
    return json.dumps(status).encode("utf-8")


def with_search_index(builder: Callable[[], None], project: Project, served: Path) -> Callable[[], None]:
    """`builder` followed by linking the index: MkDocs empties the served folder on each rebuild."""

    def build() -> None:
        # Unlinked first: emptying the folder must never follow a link into site/.
        link_target = served / OUTPUT
        if link_target.is_dir() and not link_target.is_symlink():
            shutil.rmtree(link_target)
        builder()
        link_search_index(project, served)

    return build
