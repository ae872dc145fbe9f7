"""`briefing preview FILE…`: the named records' pages as the published site will show them.

A contributor sees their entry in seconds whatever the archive's size: the whole archive is
loaded (from the record cache, so only edited files are parsed again), but only the pages the
named records appear on are rendered and built (see `preview_pages`): their theme, year and
person pages with their real neighbours, and their related briefings. A broken record elsewhere
is `briefing check`'s business and is simply left out. Drafts are shown, since previewing a
draft is the point. The site goes to `build/preview/site/`; `cli/preview.py` serves it with live
reload.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from generator.archive.model import build_archive
from generator.archive.urls import briefing_page
from generator.authoring.preview_pages import preview_pages
from generator.files import claim_folder, sync_folder
from generator.pages.links import broken_links
from generator.pipeline import Memory, across_records, collect, load_site_config, site_files
from generator.problems import Problem, Refused, errors
from generator.project import Project
from generator.publish import nav_section
from generator.publish.mkdocs import build_relaxed_html
from generator.records.people import project_people
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
    problems: tuple[Problem, ...]  # warnings only; errors raise Refused
    pages: int
    site: Path


def preview_folders(project: Project) -> Project:
    preview = project.root / "build" / "preview"
    return dataclasses.replace(project, docs=preview / "docs", files=preview / "files", site=preview / "site")


def build_preview(
    project: Project,
    files: Sequence[Path],
    site_url: str | None = None,
    today: dt.date | None = None,
    memory: Memory | None = None,
) -> Preview:
    """Validate the named records, then generate and build their preview site; Refused when a
    named record or a setting is invalid. `site_url`: where the preview is served; `memory`:
    what the preview server kept from its last build (the records as parsed)."""
    if memory is not None:
        memory.settle()
    preview = preview_folders(project)
    config = load_site_config(
        preview,
        strict=False,
        validation=RELAXED_VALIDATION,
        hooks=[nav_section.__file__],  # the generator has run; only the section's nav highlight
        site_url=site_url,  # where it is served (None: mkdocs.yml's)
    )
    themes, collected = collect(project, memory=memory)  # the whole archive, from the record cache
    people = project_people(project)
    wanted = {project.shown(path.resolve()) for path in files}
    named = [_shown_even_if_draft(record) for record in collected.records if record.path in wanted]
    others = [record for record in collected.records if record.path not in wanted]
    # Every file's id, valid or not: a link to a broken record is still a link to a record.
    all_ids = {record.id for record in collected.records}
    all_ids |= {PurePosixPath(problem.path).stem for problem in collected.problems}
    problems = [
        problem
        for problem in (*collected.problems, *across_records(_alike(named, others), people, today))
        if problem.path in wanted
    ]
    problems += broken_links(named, {briefing_page(record_id) for record_id in all_ids})
    if errors(problems):
        raise Refused(errors(problems))
    archive = build_archive(themes, [*others, *named], people)
    pages = site_files(project, archive, config.site, partial(preview_pages, named=named)).docs
    sync_folder(preview.docs, pages)
    claim_folder(preview.site, "preview site; rebuilt by every `briefing preview`")
    build_relaxed_html(config.engine)
    return Preview(tuple(named), tuple(sorted(problems)), len(pages), preview.site)


def _alike(named: Sequence[Record], others: Sequence[Record]) -> list[Record]:
    """The named records and the others that could look like their duplicates (the same day or
    the same source URL): the cross-record checks need no more, at any archive size."""
    days = {record.meta.date for record in named}
    sources = {record.meta.source.url for record in named} - {None}
    alike = [r for r in others if r.meta.date in days or r.meta.source.url in sources]
    return [*alike, *named]


def _shown_even_if_draft(record: Record) -> Record:
    if not record.meta.draft:
        return record
    return dataclasses.replace(record, meta=record.meta.model_copy(update={"draft": False}))
