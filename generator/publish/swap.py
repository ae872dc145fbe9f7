"""Publish atomically: the next site is made in a spare folder beside `site/`, then swapped in.

The spare folder (`.site-spare/` beside `site/`) is the site before last: each build brings it up
to date file by file (`files.Tree`: only what differs is linked or written), and swaps it with
`site/` only when everything succeeded, in one atomic `renameat2` exchange on Linux. The site
that was live becomes the spare for the next build. So a build writes in proportion to what
changed, never writes into the live site, and a failed or interrupted build leaves `site/` as it
was (the spare is brought up to date again next time). Only folders this tool created (holding
MARKER) are ever written, replaced or removed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.files import MARKER, Tree, UnsafeOutput, claim_folder, refuse_overlap
from generator.project import Project

# What a long-running process put in a site folder (files.Tree's manifest), and whether it lists
# every file there.
Manifest = tuple[dict[str, object], bool]


def spare_folder(site: Path) -> Path:
    return site.with_name(f".{site.name}-spare")


@contextmanager
def spare_tree(project: Project, manifests: dict[int, Manifest] | None = None) -> Iterator[Tree]:
    """The spare site folder, to bring up to date; swapped with `project.site` when the block
    ends without an exception. Whatever the block raises (an audit finding, Ctrl+C) stops the
    swap; the live site stays as it was. `manifests`: what this process put in each folder (by
    the folder's inode, which a swap keeps), kept up to date here."""
    target = project.site
    check_site_folder(project)
    _remove_leftovers(target)
    spare = spare_folder(target)
    if spare.exists() and not (spare / MARKER).is_file():
        raise UnsafeOutput(
            f"{spare} exists and was not made by `briefing build` (no {MARKER} file); refusing to use it."
        )
    claim_folder(spare, "built site; swapped with the live site by every `briefing build`")
    if manifests is None:
        yield Tree(spare)
    else:
        folder = spare.stat().st_ino
        manifest, complete = manifests.get(folder, ({}, False))
        tree = Tree(spare, manifest, complete)
        manifests.pop(folder, None)  # unknown while the block runs: it may stop halfway
        yield tree
        manifests[folder] = (tree.manifest or {}, tree.complete)
    _swap_in(spare, target)


def check_site_folder(project: Project) -> None:
    """Raise UnsafeOutput unless `project.site` is absent or a site this tool built, apart from sources."""
    target = project.site
    refuse_overlap(target, (project.content, project.site_config, project.docs, project.files))
    if target.exists() and not (target / MARKER).is_file():
        raise UnsafeOutput(
            f"{target} exists and was not built by `briefing build` (no {MARKER} file); "
            "refusing to replace it."
        )


def _swap_in(spare: Path, target: Path) -> None:
    """Put `spare` at `target` and what was there at `spare`: one atomic exchange where Linux
    offers it, else three renames (the live site is missing for a moment)."""
    if not target.exists():
        spare.rename(target)
        return
    if _exchange(spare, target):
        return
    retired = target.with_name(f".{target.name}-old-{os.getpid()}")
    target.rename(retired)
    spare.rename(target)
    retired.rename(spare)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths with renameat2(RENAME_EXCHANGE); False when the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(result == 0)


def _remove_leftovers(target: Path) -> None:
    """Folders of builds that were killed outright between renames, or of older versions of
    this tool (which built into `.site-new-<pid>`): ours, as they carry the marker."""
    for stale in target.parent.glob(f".{target.name}-*-*"):
        if stale.is_dir() and not stale.is_symlink() and (stale / MARKER).is_file():
            pid = stale.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
