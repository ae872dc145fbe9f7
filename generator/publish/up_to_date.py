"""Nothing changed, nothing done: a `briefing build` whose inputs match the published site's returns at once.

After each successful publish, the build state `published` records what the site was built from
(every source file's signature, the loaded settings, `!ENV` values included, the code's
fingerprint, SOURCE_DATE_EPOCH, the output folders) and which `site/` it became (its device, inode and
marker file). A build that finds the same inputs and the same `site/` touches nothing: it repeats
the warnings of the build that made the site and stops. A source modified within one timestamp
tick of the build that read it is not trusted (`state.trusted`), nor one that changed while the
build ran; such a build records nothing and the next one builds again. Anything else, or a
missing or damaged state, means a normal build.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.files import MARKER
from generator.project import Project
from generator.state import code_fingerprint, forget_state, load_state, save_state, trusted

STATE = "published"


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
    digest.update(code_fingerprint().encode())
    digest.update(
        f"{os.environ.get('SOURCE_DATE_EPOCH')}\0{project.docs}\0{project.files}\0{project.site}".encode()
    )
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
    state = load_state(project.cache, STATE, sources.key)
    try:
        if state is not None and state["site"] == _identity(project.site):
            return tuple(str(line) for line in state["warnings"])
    except (KeyError, TypeError):
        pass
    return None


def record_published(project: Project, sources: Sources, warnings: Sequence[str]) -> None:
    """Remember what `site/` was built from (nothing when a source may still be changing)."""
    again = read_sources(project, sources.settings)
    if not trusted(sources.newest_ns, sources.read_ns) or again.key != sources.key:
        forget_state(project.cache, STATE)  # changed while (or just before) this build read it
        return
    published = {"site": _identity(project.site), "warnings": list(warnings)}
    save_state(project.cache, STATE, sources.key, published)


def _identity(site: Path) -> list[int] | None:
    """Which folder `site/` is: a swap puts a new folder (and a new marker file) there."""
    try:
        folder, marker = site.stat(), (site / MARKER).stat()
    except OSError:
        return None
    return [folder.st_dev, folder.st_ino, marker.st_ino, marker.st_mtime_ns]
