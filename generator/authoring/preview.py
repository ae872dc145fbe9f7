"""`briefing preview FILE…`: a site of just the named records and the pages they appear on.

A contributor sees their entry in seconds whatever the archive's size: only the named records
are parsed and rendered (every file name is still checked for a clashing id), and the home,
theme, timeline and people pages list just those records. Drafts are shown, since previewing a
draft is the point. The site goes to `build/preview/site/`; `cli/preview.py` serves it with live reload.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.archive.model import build_archive
from generator.archive.urls import briefing_page
from generator.files import claim_folder, sync_folder
from generator.pages.links import broken_links
from generator.pipeline import collect, site_files
from generator.problems import InvalidRecord, Problem, errors
from generator.project import Project
from generator.publish.mkdocs import build_relaxed_html
from generator.records.collect import record_files
from generator.records.record import Record

# Links to records outside the preview are checked by `broken_links` against the whole archive;
# MkDocs would report them as missing pages, so its link checks only inform here.
RELAXED_VALIDATION = {
    "nav": {"omitted_files": "info", "not_found": "info", "absolute_links": "info"},
    "links": {"not_found": "info", "anchors": "info", "absolute_links": "info", "unrecognized_links": "info"},
}


@dataclass(frozen=True)
class Preview:
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]  # warnings only; errors raise PreviewRefused
    pages: int
    site: Path


class PreviewRefused(Exception):
    """A named record is invalid; `problems` says where."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.as_text() for problem in self.problems))


def preview_folders(project: Project) -> Project:
    preview = project.root / "build" / "preview"
    return dataclasses.replace(project, docs=preview / "docs", site=preview / "site")


def build_preview(project: Project, files: Sequence[Path], site_url: str | None = None) -> Preview:
    """Validate the named records, then generate and build their preview site."""
    wanted = {path.resolve() for path in files}
    try:
        themes, collected = collect(project, wanted, cached=False)
    except InvalidRecord as invalid:
        raise PreviewRefused(invalid.problems) from None
    records = tuple(_shown_even_if_draft(record) for record in collected.records)
    all_ids = {path.stem for path in record_files(project.content)}
    link_problems = broken_links(records, {briefing_page(record_id) for record_id in all_ids})
    problems = (*collected.problems, *link_problems)
    if errors(problems):
        raise PreviewRefused(errors(problems))
    archive = build_archive(themes, records)
    preview = preview_folders(project)
    try:
        pages = site_files(project, archive)
    except InvalidRecord as clash:
        raise PreviewRefused(clash.problems) from None
    sync_folder(preview.docs, pages)
    _build_html(preview, site_url)
    return Preview(records, tuple(problems), len(pages), preview.site)


def _shown_even_if_draft(record: Record) -> Record:
    if not record.meta.draft:
        return record
    return dataclasses.replace(record, meta=record.meta.model_copy(update={"draft": False}))


def _build_html(preview: Project, site_url: str | None) -> None:
    claim_folder(preview.site, "preview site; rebuilt by every `briefing preview`")
    build_relaxed_html(preview, RELAXED_VALIDATION, site_url)
