"""`briefing sources [FILE …]`: check every published record's source URL and archived copy over
HTTP and report, one line per problem, `path:line: <what> <url>`.

Exit 0 whatever it finds (a dead link is news about the web, not a broken archive), unless
`--strict`; 1 when the records are invalid, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.cli.record_files import not_record_files
from generator.pipeline import check_archive, load_site_config
from generator.problems import Refused, print_refused
from generator.project import Project
from generator.sources.check import Report, check_sources, summary
from generator.sources.fetch import Limits
from generator.sources.memory import FILE, Memory

MAX_TIMEOUT = 300.0


def add_sources_command(commands: Any) -> None:
    sources = commands.add_parser(
        "sources",
        help="check every published record's source URL and archived copy over HTTP",
        description="Check every published record's source URL and archived copy over HTTP and "
        "report each problem as path:line: <what> <url>: gone, failing, timed out, moved "
        "permanently, or no archived copy. Results are remembered for a week in build/cache/.",
    )
    sources.add_argument("files", nargs="*", type=Path, help="check only these records")
    sources.add_argument(
        "--timeout", type=_seconds, default=10.0, metavar="SECONDS", help="for each request (default: 10)"
    )
    sources.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch private, loopback and link-local addresses (refused by default)",
    )
    sources.add_argument("--strict", action="store_true", help="exit 1 when anything is reported")
    sources.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="json for scripts, github for workflow annotations (default: text)",
    )
    sources.set_defaults(run=run_sources)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number of seconds, got {text!r}") from None
    if not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"between 0 and {MAX_TIMEOUT:g} seconds, got {text}")
    return value


def run_sources(project: Project, args: argparse.Namespace) -> int:
    named = {path.resolve() for path in args.files}
    if not_record_files(project, args.files):
        return 2
    try:
        checked = check_archive(project)
        site = load_site_config(project).site
    except Refused as refused:  # told on stderr: stdout may be the JSON report
        print_refused(refused, "Nothing was checked", out=sys.stderr)
        return 1
    records = checked.archive.records
    if named:
        records = tuple(r for r in records if (project.root / r.path).resolve() in named)
        if len(records) < len(named):
            print(
                f"note: {len(named) - len(records)} of the files named are drafts: not checked",
                file=sys.stderr,
            )
    memory = Memory(project.root / "build" / "cache" / FILE, args.allow_private)
    progress = _progress if args.format == "text" and sys.stderr.isatty() else None
    report = check_sources(
        records,
        Limits(_user_agent(site.name, site.url), args.timeout),
        memory,
        allow_private=args.allow_private,
        progress=progress,
    )
    _print(report, args.format)
    return 1 if args.strict and report.findings else 0


def _user_agent(name: str, site_url: str) -> str:
    """Names the archive and where to learn about it: its repository (as the publish workflow
    sets it for the site's header) or else its site. HTTP headers are ASCII."""
    repository = os.environ.get("BRIEFING_REPO_URL") or site_url
    text = f"{name} source check (+{repository})"
    return text.encode("ascii", "replace").decode("ascii")


def _progress(done: int, total: int) -> None:
    print(f"\rchecked {done} of {total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def _print(report: Report, fmt: str) -> None:
    if fmt == "json":
        document = {
            "records": report.records,
            "addresses": report.addresses,
            "remembered": report.remembered,
            "summary": summary(report),
            "findings": [asdict(finding) | {"text": finding.as_text()} for finding in report.findings],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for finding in report.findings:
        print(finding.as_problem().as_github() if fmt == "github" else finding.as_text())
    print(summary(report), file=sys.stdout if fmt == "text" else sys.stderr)
