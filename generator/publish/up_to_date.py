"""Nothing changed, nothing done: a `briefing build` whose inputs match the published site's returns at once.

After each successful publish, `build/cache/published.json` records what the site was built from
(every source file's size, mtime, ctime and inode; the loaded settings, `!ENV` values included;
the generator's code; the installed packages; SOURCE_DATE_EPOCH; the output folder) and which
`site/` it became (its device, inode and marker file). A build that finds the same inputs and
the same `site/` touches nothing: it repeats the warnings of the build that made the site and
stops. Like git's index, a source modified within one timestamp tick of the build that read it is
not trusted (it may change again within the same timestamp: 50 ms where the file system keeps
nanoseconds, 2 s where it keeps whole seconds), nor one that changed while the build ran; such a
build records nothing and the next one builds again.
Anything else, or a missing or damaged state file, means a normal build.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.files import MARKER, write_atomically
from generator.project import Project

STATE = "published.json"
RACY_NS = 2_000_000_000  # file systems with coarse timestamps (FAT: 2 s)
FINE_NS = 50_000_000  # nanosecond timestamps advance with the kernel's clock tick (a few ms)
_GENERATOR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sources:
    key: str
    newest_ns: int  # the newest mtime or ctime among them
    read_ns: int  # when they were looked at
    settings: str


def read_sources(project: Project, settings: str) -> Sources:
    """The signature of everything a build reads, taken before it reads any of it but `settings`
    (the loaded mkdocs.yml's values, which hold what it takes from the environment)."""
    read_ns = time.time_ns()
    digest = hashlib.sha256()
    newest = 0
    for path in _source_files(project):
        try:
            info = path.stat()
        except FileNotFoundError:
            continue
        newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
        signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        digest.update(f"{path}\0{signature}\0".encode())
    for source in sorted(_GENERATOR.rglob("*")):
        if source.suffix in (".py", ".j2") and source.is_file():
            digest.update(source.relative_to(_GENERATOR).as_posix().encode() + b"\0" + source.read_bytes())
    versions = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\0".join([sys.version, *versions]).encode())
    digest.update(f"{os.environ.get('SOURCE_DATE_EPOCH')}\0{project.docs}\0{project.site}".encode())
    digest.update(settings.encode())
    return Sources(digest.hexdigest(), newest, read_ns, settings)


def _source_files(project: Project) -> list[Path]:
    found = [project.mkdocs_yml, project.root / "CONTRIBUTING.md"]
    for folder in (project.content, project.site_config):
        for current, folders, names in os.walk(folder):
            folders.sort()
            found += [Path(current, name) for name in sorted(names)]
            found += [Path(current, name) for name in folders]  # a folder's own stat: renames inside
    return found


def unchanged_site(project: Project, sources: Sources) -> tuple[str, ...] | None:
    """The warnings of the build that made `site/`, when it was built from exactly `sources`; else None."""
    try:
        state = json.loads((project.root / "build" / "cache" / STATE).read_text(encoding="utf-8"))
        if state["sources"] == sources.key and state["site"] == _identity(project.site):
            return tuple(str(line) for line in state["warnings"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def record_published(project: Project, sources: Sources, warnings: Sequence[str]) -> None:
    """Remember what `site/` was built from (nothing when a source may still be changing)."""
    path = project.root / "build" / "cache" / STATE
    # A whole-second mtime suggests a file system that keeps no finer time: allow its 2 s.
    window = RACY_NS if sources.newest_ns % 1_000_000_000 == 0 else FINE_NS
    if (
        sources.newest_ns >= sources.read_ns - window
        or read_sources(project, sources.settings).key != sources.key
    ):
        path.unlink(missing_ok=True)  # changed while (or just before) this build read it
        return
    state = {"sources": sources.key, "site": _identity(project.site), "warnings": list(warnings)}
    write_atomically(path, json.dumps(state, indent=1).encode("utf-8"))


def _identity(site: Path) -> list[int] | None:
    """Which folder `site/` is: a swap puts a new folder (and a new marker file) there."""
    try:
        folder, marker = site.stat(), (site / MARKER).stat()
    except OSError:
        return None
    return [folder.st_dev, folder.st_ino, marker.st_ino, marker.st_mtime_ns]
