"""`briefing preview FILE…`: a site of just the named records and the pages they appear on.

A contributor sees their entry in seconds whatever the archive's size: only the named records
are parsed and rendered (every file name is still checked for a clashing id), and the home,
theme, timeline and people pages list just those records. Drafts are shown, since previewing a
draft is the point. The site goes to `build/preview/site/` and is served with live reload.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.archive.model import build_archive
from generator.archive.urls import PAGE_FOLDER
from generator.files import claim_folder, sync_folder
from generator.pages.links import broken_links
from generator.pipeline import collect, site_files
from generator.problems import InvalidRecord, Problem, errors
from generator.project import Project
from generator.publish.live_reload import serve_folder
from generator.publish.mkdocs import build_relaxed_html, quiet_mkdocs_logging
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
    link_problems = broken_links(records, {f"{PAGE_FOLDER}{record_id}.md" for record_id in all_ids})
    problems = (*collected.problems, *link_problems)
    if errors(problems):
        raise PreviewRefused(errors(problems))
    archive = build_archive(themes, records)
    preview = preview_folders(project)
    pages = site_files(project, archive)
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


def add_preview_command(commands: Any) -> None:
    preview = commands.add_parser(
        "preview",
        help="build and serve just the named records and the pages they appear on",
        description="Build a site of just the named records (and the home, theme, timeline and "
        "people pages restricted to them) into build/preview/site/ and serve it with live reload.",
    )
    preview.add_argument("files", nargs="+", type=Path, help="record files under content/")
    preview.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)"
    )
    preview.add_argument("--no-serve", action="store_true", help="build the preview site and stop")
    preview.set_defaults(run=run_preview)


def run_preview(project: Project, args: argparse.Namespace) -> int:
    not_records = [str(path) for path in args.files if not _is_record(project, path)]
    if not_records:
        print(f"error: not a record file under content/: {', '.join(not_records)}", file=sys.stderr)
        return 2
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        print(f"error: --dev-addr must be HOST:PORT, got {args.dev_addr!r}", file=sys.stderr)
        return 2
    site_url = None if args.no_serve else f"http://{args.dev_addr}/"
    quiet_mkdocs_logging()
    started = time.perf_counter()
    try:
        preview = build_preview(project, args.files, site_url)
    except PreviewRefused as refused:
        for problem in refused.problems:
            print(problem.as_text())
        print("No preview was built: fix the errors above first.", file=sys.stderr)
        return 1
    for problem in preview.problems:
        print(problem.as_text())
    print(
        f"Previewed {len(preview.records)} record(s) ({preview.pages} files) in "
        f"{time.perf_counter() - started:.1f} s into {project.shown(preview.site)}/."
    )
    if args.no_serve:
        return 0
    first = preview.records[0].id if preview.records else ""
    print(
        f"Serving on http://{args.dev_addr}/briefings/{first}/ — saving a named record reloads it. "
        "Ctrl+C stops."
    )
    return _serve(project, args.files, host, int(port), site_url or "")


def _serve(project: Project, files: Sequence[Path], host: str, port: int, site_url: str) -> int:
    def rebuild() -> None:
        try:
            build_preview(project, files, site_url)
        except PreviewRefused as refused:
            # The server keeps showing the last good preview; the problems go to the terminal.
            print(f"{refused}\nThe preview was not rebuilt: fix the errors above.", file=sys.stderr)

    return serve_folder(rebuild, preview_folders(project).site, (*files, project.site_config), host, port)


def _is_record(project: Project, path: Path) -> bool:
    resolved = path.resolve()
    return resolved.suffix == ".md" and resolved.is_file() and resolved.is_relative_to(project.content)
