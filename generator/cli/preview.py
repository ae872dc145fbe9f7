"""`briefing preview FILE…`: build a site of just the named records and serve it with live reload."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from generator.archive.urls import briefing_url
from generator.authoring.preview import build_preview, preview_folders
from generator.cli.address import add_server_options, dev_address
from generator.cli.record_files import not_record_files
from generator.pipeline import Memory
from generator.problems import Refused, print_refused
from generator.project import Project
from generator.publish.live_reload import serve_folder
from generator.publish.mkdocs import quiet_mkdocs_logging


def add_preview_command(commands: Any) -> None:
    preview = commands.add_parser(
        "preview",
        help="build and serve just the named records and the pages they appear on",
        description="Build a site of just the named records (and the home, theme, timeline and "
        "people pages restricted to them) into build/preview/site/ and serve it with live reload.",
    )
    preview.add_argument("files", nargs="+", type=Path, help="record files under content/")
    add_server_options(preview)
    preview.add_argument("--no-serve", action="store_true", help="build the preview site and stop")
    preview.set_defaults(run=run_preview, refused="No preview was built")


def run_preview(project: Project, args: argparse.Namespace) -> int:
    if not_record_files(project, args.files):
        return 2
    address = dev_address(args.dev_addr)
    if address is None:
        return 2
    host, port = address
    site_url = None if args.no_serve else f"http://{args.dev_addr}/"
    quiet_mkdocs_logging()
    started = time.perf_counter()
    preview = build_preview(project, args.files, site_url)
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
        f"Serving on http://{args.dev_addr}/{briefing_url(first)} — saving a named record reloads it. "
        "Ctrl+C stops.",
        flush=True,  # a server's output never ends: piped to a log, it must not wait in a buffer
    )
    return _serve(project, args.files, host, port, site_url or "", args.poll)


def _serve(project: Project, files: Sequence[Path], host: str, port: int, site_url: str, poll: bool) -> int:
    memory = Memory()  # the records as parsed, between saves

    def rebuild(show: Callable[[], None]) -> None:  # a preview is small: shown when whole
        try:
            build_preview(project, files, site_url, memory=memory)
        except Refused as refused:
            # The server keeps showing the last good preview; the problems go to the terminal.
            print_refused(refused, "The preview was not rebuilt")

    watched = (*files, project.site_config)
    try:
        return serve_folder(rebuild, preview_folders(project).site, watched, host, port, poll=poll)
    finally:
        memory.settle()  # the record cache of the last save, on disk for the next run
