"""The MkDocs adapter: the only module of the pipeline that imports MkDocs.

It builds the generated docs folder into HTML, keeps MkDocs' log quiet, and tells MkDocs' link
warnings about a briefing page at the record's file and line instead.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# Material prints a banner about MkDocs 2.0 on every build unless this is set before it loads.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from generator.archive.urls import PAGE_FOLDER
from generator.files import Tree
from generator.output_index import DOCS, written_keys
from generator.project import Project
from generator.publish import nav_section
from generator.publish.mkdocs_pages import BuiltPages, PageFacts, build_site
from generator.records.body_links import link_targets
from generator.records.record import Record


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


@dataclass(frozen=True)
class BuiltSite:
    """What the engine made: the site's address and what it knows of the pages it put in place."""

    url: str  # the configured `site_url` ("" when there is none)
    pages: BuiltPages


def build_html(
    project: Project,
    tree: Tree,
    facts: PageFacts,
    first: Callable[[str], bool] = lambda path: False,
    when_first: Callable[[Mapping[str, str]], None] = lambda keys: None,
) -> BuiltSite:
    """`mkdocs build --strict` of the already generated docs folder into `tree`, on every core.

    Pages whose inputs are unchanged since the last build come from the page cache in
    `build/cache/html/` (`publish/mkdocs_pages.py`); the pages `first` picks are put in place
    first, and then `when_first` is called.
    """
    try:
        # The generator has already run; the hook would only run it again.
        config = load_config(
            str(project.mkdocs_yml),
            strict=True,
            docs_dir=str(project.docs),
            site_dir=str(tree.folder),
            hooks=[],
        )
        # What the generator wrote into the docs folder names each page's Markdown: not read again.
        written = written_keys(project.cache, DOCS, project.docs)
        pages = build_site(config, project.cache / "html", tree, facts, first, when_first, written)
    except (Abort, MkDocsException) as error:
        raise BuildFailed(str(error) or type(error).__name__) from None
    return BuiltSite(str(config.site_url or ""), pages)


def build_relaxed_html(project: Project, validation: Mapping[str, Any], site_url: str | None) -> None:
    """Build without --strict and with the given link validation levels (a preview's partial site)."""
    overrides: dict[str, Any] = {"site_url": site_url} if site_url else {}
    config = load_config(
        str(project.mkdocs_yml),
        strict=False,
        docs_dir=str(project.docs),
        site_dir=str(project.site),
        hooks=[nav_section.__file__],  # the generator has run; only the section's nav highlight
        validation=dict(validation),
        **overrides,
    )
    build(config, dirty=False)


# MkDocs names the generated page ("Doc file 'briefings/<id>.md' contains a link …"); what it finds
# beyond `pages/links.py` (a missing anchor, say) is told at the record instead.
_MKDOCS_LINK = re.compile(
    rf"^Doc file '{PAGE_FOLDER}([a-z0-9]+(?:-[a-z0-9]+)*)\.md' "
    r"contains (?:a|an \w+(?: \w+)?) link (?:to )?'([^']*)'"
)


class RecordLocations(logging.Filter):
    """Prefix MkDocs' link warnings about a briefing page with its record's `path:line:`."""

    def __init__(self, records: Iterable[Record]) -> None:
        super().__init__()
        self._records = {record.id: record for record in records}

    def filter(self, entry: logging.LogRecord) -> bool:
        found = _MKDOCS_LINK.match(entry.getMessage())
        record = self._records.get(found.group(1)) if found else None
        if found and record is not None:
            offsets = [offset for offset, target in link_targets(record.body) if target == found.group(2)]
            line = record.line_at(offsets[0]) if offsets else record.body_line
            entry.msg, entry.args = f"{record.path}:{line}: {entry.getMessage()}", ()
        return True


@contextmanager
def records_named_in_mkdocs_warnings(records: Iterable[Record]) -> Iterator[None]:
    """While MkDocs builds, its link warnings about briefing pages name the record and line."""
    logger = logging.getLogger("mkdocs.structure.pages")
    located = RecordLocations(records)
    logger.addFilter(located)
    try:
        yield
    finally:
        logger.removeFilter(located)
