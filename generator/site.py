"""Build the HTML site from the docs folder with MkDocs, and publish it atomically.

The new site is built beside the old one and swapped in only when the whole build succeeded,
so a failed or interrupted build leaves the previous `site/` as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from generator.project import Project
from generator.write import MARKER, UnsafeOutput, claim_folder

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildFailed(Exception):
    """MkDocs reported warnings or errors; the message says how many."""


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


def build_html(project: Project, site_dir: Path) -> None:
    """Run `mkdocs build --strict` on the already generated docs folder into `site_dir`."""
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


def publish(project: Project) -> Path:
    """Build into a fresh folder beside `project.site`, then swap it in."""
    target = project.site
    if target.exists() and not (target / MARKER).is_file():
        raise UnsafeOutput(
            f"{target} exists and was not built by `briefing build` (no {MARKER} file); "
            "refusing to replace it."
        )
    staging = target.with_name(f".{target.name}-new-{os.getpid()}")
    retired = target.with_name(f".{target.name}-old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        claim_folder(staging, "built site; replaced whole by every `briefing build`")
        build_html(project, staging)
        if target.exists():
            target.rename(retired)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
    return target
