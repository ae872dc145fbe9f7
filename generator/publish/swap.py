"""Publish atomically: build into a fresh folder beside `site/`, swap it in only when all went well.

A failed or interrupted build leaves the previous `site/` as it was. Only folders this tool
created (holding MARKER) are ever replaced or removed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.files import MARKER, UnsafeOutput, claim_folder, refuse_overlap
from generator.project import Project


@contextmanager
def staged_site(project: Project, *, in_background: bool = False) -> Iterator[Path]:
    """A fresh folder beside `project.site`, swapped in when the block ends without an exception.

    Whatever the block raises (an audit finding, Ctrl+C) stops the swap; the folder is removed.
    `in_background` removes the replaced site in a thread, for a server that goes on running:
    removing tens of thousands of files takes seconds a reader would otherwise wait for.
    """
    target = project.site
    check_site_folder(project)
    _remove_leftovers(target)
    staging = target.with_name(f".{target.name}-new-{os.getpid()}")
    if (staging / MARKER).is_file():
        shutil.rmtree(staging)
    try:
        claim_folder(staging, "built site; replaced whole by every `briefing build`")
        yield staging
        _swap_in(staging, target)
    finally:
        if in_background and staging.is_dir():
            _retire(staging)
        shutil.rmtree(staging, ignore_errors=True)


def _retire(folder: Path) -> None:
    """Rename `folder` out of the way at once, and remove it in a thread."""
    retired = folder.with_name(f"{folder.name.rsplit('-', 1)[0]}-old{next(_retired)}-{os.getpid()}")
    folder.rename(retired)
    threading.Thread(
        target=shutil.rmtree, args=(retired,), kwargs={"ignore_errors": True}, daemon=True
    ).start()


_retired = itertools.count()


def check_site_folder(project: Project) -> None:
    """Raise UnsafeOutput unless `project.site` is absent or a site this tool built, apart from sources."""
    target = project.site
    refuse_overlap(target, (project.content, project.site_config, project.docs))
    if target.exists() and not (target / MARKER).is_file():
        raise UnsafeOutput(
            f"{target} exists and was not built by `briefing build` (no {MARKER} file); "
            "refusing to replace it."
        )


def _swap_in(staging: Path, target: Path) -> None:
    """Put `staging` at `target`: one atomic exchange where Linux offers it, else two renames."""
    if target.exists() and _exchange(staging, target):
        return  # the old site is now at `staging`, which the caller removes
    retired = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


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
    """Staging folders of builds that were killed outright (ours: they carry the marker)."""
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
