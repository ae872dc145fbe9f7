"""Build the HTML site from the docs folder with MkDocs, and publish it atomically.

The new site is built beside the old one, checked, and swapped in only when the whole build
succeeded, so a failed or interrupted build leaves the previous `site/` as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.archive.model import Archive
from generator.files import MARKER, UnsafeOutput, claim_folder, refuse_overlap
from generator.project import Project
from generator.publish.audit import audit_site
from generator.publish.reproducible import rewrite_sitemap, source_date_epoch
from generator.publish.search_index import SearchIndexFailed, index_site
from generator.records.record import Record

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildFailed(Exception):
    """MkDocs reported warnings or errors; the message says how many."""


class AuditFailed(Exception):
    """The built site is missing something or holds something it must not; `findings` says what."""

    def __init__(self, findings: list[str]) -> None:
        self.findings = tuple(findings)
        super().__init__(f"{len(findings)} problem(s) in the built site")


def quiet_mkdocs_logging(verbose: bool = False) -> None:
    """Show MkDocs warnings and errors (and INFO lines only when asked), once."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    if not any(getattr(handler, "_briefing", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler._briefing = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.propagate = False


def build_html(project: Project, site_dir: Path) -> str:
    """Run `mkdocs build --strict` on the already generated docs folder into `site_dir`.

    Returns the configured `site_url` (empty when there is none).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        # The generator has already run; the hook would only run it again.
        config = load_config(
            str(project.mkdocs_yml),
            strict=True,
            docs_dir=str(project.docs),
            site_dir=str(site_dir),
            hooks=[],
        )
        build(config)
    except (Abort, MkDocsException) as error:
        raise BuildFailed(str(error) or type(error).__name__) from None
    return str(config.site_url or "")


def publish_archive(project: Project, archive: Archive, drafts: Sequence[Record]) -> Path:
    """Build the site with content dates, fix up the sitemap, audit it, and only then swap it in."""

    def finish(staging: Path, site_url: str) -> None:
        rewrite_sitemap(staging, archive, site_url, epoch)
        try:
            index_site(staging)
        except SearchIndexFailed as error:
            raise BuildFailed(str(error)) from None
        findings = audit_site(staging, archive, drafts, site_url)
        if findings:
            raise AuditFailed(findings)

    with source_date_epoch(archive) as epoch:
        return publish(project, finish)


def publish(project: Project, finish: Callable[[Path, str], None] = lambda staging, url: None) -> Path:
    """Build into a fresh folder beside `project.site`, run `finish` on it, then swap it in.

    `finish` gets the new folder and the site URL; it may adjust the new site, and it raises
    (e.g. AuditFailed) to stop the swap.
    """
    target = project.site
    check_site_folder(project)
    _remove_leftovers(target)
    staging = target.with_name(f".{target.name}-new-{os.getpid()}")
    if (staging / MARKER).is_file():
        shutil.rmtree(staging)
    try:
        claim_folder(staging, "built site; replaced whole by every `briefing build`")
        site_url = build_html(project, staging)
        finish(staging, site_url)
        _swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


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
