"""`briefing build [--deploy]`: validate, generate the pages, build, index and audit the site, and
swap it into site/ only when all of that succeeded."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from generator.pipeline import check_outputs, generate, load_site_config, publish, with_record_problems
from generator.problems import Refused
from generator.project import SITE_URL_VARIABLE, Project, briefing_command
from generator.publish.audit import AuditFailed
from generator.publish.mkdocs import BuildFailed, quiet_mkdocs_logging
from generator.publish.up_to_date import read_sources, record_published, unchanged_site

KEPT = "The previous site was left as it was."


def add_build_command(commands: Any) -> None:
    build = commands.add_parser("build", help="validate, generate pages and build the site into site/")
    build.add_argument("--site-dir", type=Path, help="where the built site goes (default: site/)")
    build.add_argument(
        "--deploy",
        action="store_true",
        help=f"a build to publish: refuse a placeholder site_url (set {SITE_URL_VARIABLE} to the address)",
    )
    build.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' INFO messages")
    build.set_defaults(run=run_build, refused="Nothing was built")


def run_build(project: Project, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    check_outputs(project)
    quiet_mkdocs_logging(args.verbose)
    try:
        config = load_site_config(project, deploy=args.deploy)
    except Refused as settings:
        raise with_record_problems(project, settings) from None
    sources = read_sources(project, config.key)
    if (warnings := unchanged_site(project, sources)) is not None:
        for line in warnings:
            print(line)
        print(f"Nothing changed since the last build: {project.shown(project.site)}/ is as it was.")
        return 0
    generated = generate(project, config.site)
    for problem in generated.checked.problems:
        print(problem.as_text())
    archive = generated.checked.archive
    try:
        site = publish(project, archive, config)
    except BuildFailed as error:
        print(f"error: MkDocs build failed: {error}\n{KEPT}", file=sys.stderr)
        return 1
    except AuditFailed as failed:
        for finding in failed.findings:
            print(f"audit: {finding}", file=sys.stderr)
        print(
            f"error: the built site failed its audit ({len(failed.findings)} problem(s) above).\n{KEPT}",
            file=sys.stderr,
        )
        return 1
    record_published(project, sources, [problem.as_text() for problem in generated.checked.problems])
    print(
        f"Built {len(archive.records)} briefing(s) into {project.shown(site)}/ "
        f"in {time.perf_counter() - started:.1f} s. Preview it with `{briefing_command()} serve` "
        "(http://127.0.0.1:8000/); opened from disk its links and search do not work."
    )
    return 0
