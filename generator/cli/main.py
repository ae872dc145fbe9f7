"""`briefing`: check, build, serve and scaffold the archive. Also `python -m generator`.

Exit codes: 0 success, 1 invalid records or a failed build, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generator.cli.check_report import scoped_report
from generator.cli.new import add_new_command
from generator.cli.preview import add_preview_command
from generator.cli.schema import add_schema_command
from generator.cli.serve import add_serve_command
from generator.cli.sources import add_sources_command
from generator.files import UnsafeOutput
from generator.pipeline import Generated, check_archive, check_outputs, generate, publish
from generator.problems import Problem, errors, strictly, summary_line
from generator.project import Project, briefing_command, find_root
from generator.publish.audit import AuditFailed
from generator.publish.mkdocs import BuildFailed, quiet_mkdocs_logging
from generator.publish.up_to_date import read_sources, record_published, unchanged_site


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project.at(
        args.root or find_root(Path.cwd()),
        site=getattr(args, "site_dir", None),
    )
    try:
        return int(args.run(project, args))
    except UnsafeOutput as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`briefing check | head`): no traceback, and none at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # disk full, permission denied, a read-only folder, a vanished file
        print(io_fault(error), file=sys.stderr)
        return 1


def io_fault(error: OSError) -> str:
    """One line for an I/O fault: the path, the fault, and that nothing was published.

    Every write on the publish path goes to a staging folder or a cache, by rename, so the
    published site is never half written, and the next build after the fault is fixed starts
    from what is on disk (a damaged or missing cache entry is only rebuilt).
    """
    paths = " → ".join(str(name) for name in (error.filename, error.filename2) if name is not None)
    fault = error.strerror or str(error) or type(error).__name__
    return (
        f"error: {paths + ': ' if paths else ''}{fault}. Nothing was published; the site was left as it was."
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="the archive's folder (default: found from here)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate every record and report all problems")
    check.add_argument("files", nargs="*", type=Path, help="report only these records (all are validated)")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github prints workflow annotations for pull requests",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="warnings that a record is probably wrong (people, dates, duplicates) become errors",
    )
    check.set_defaults(run=run_check)

    build = commands.add_parser("build", help="validate, generate pages and build the site into site/")
    build.add_argument("--site-dir", type=Path, help="where the built site goes (default: site/)")
    build.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' INFO messages")
    build.set_defaults(run=run_build)

    generate_pages = commands.add_parser(
        "generate", help="validate and write the pages into build/docs/ only (e.g. for `zensical build`)"
    )
    generate_pages.set_defaults(run=run_generate)

    add_serve_command(commands)

    add_new_command(commands)
    add_schema_command(commands)
    add_preview_command(commands)
    add_sources_command(commands)
    return parser


def report(problems: Sequence[Problem], files: int, fmt: str = "text") -> None:
    for problem in problems:
        print(problem.as_github() if fmt == "github" else problem.as_text())
    print(summary_line(list(problems), files), file=sys.stderr if fmt == "github" else sys.stdout)


def run_check(project: Project, args: argparse.Namespace) -> int:
    not_records = [str(path) for path in args.files if not _is_record_file(project, path)]
    if not_records:
        print(f"error: not a record file under content/: {', '.join(not_records)}", file=sys.stderr)
        return 2
    checked = check_archive(project)
    problems = strictly(checked.problems) if args.strict else list(checked.problems)
    if not args.files:
        report(problems, checked.files, args.format)
        return 1 if errors(problems) else 0
    named = list(dict.fromkeys(project.shown(path.resolve()) for path in args.files))
    scoped = scoped_report(problems, named, checked.files)
    side = sys.stderr if args.format == "github" else sys.stdout
    for problem in scoped.problems:
        print(problem.as_github() if args.format == "github" else problem.as_text())
    for line in (*scoped.verdicts, scoped.elsewhere, scoped.last_line):
        if line is not None:
            print(line, file=side)
    return 1 if scoped.failed else 0


def _is_record_file(project: Project, path: Path) -> bool:
    resolved = path.resolve()
    return resolved.suffix == ".md" and resolved.is_file() and resolved.is_relative_to(project.content)


def run_build(project: Project, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    check_outputs(project)
    sources = read_sources(project)
    if (warnings := unchanged_site(project, sources)) is not None:
        for line in warnings:
            print(line)
        print(f"Nothing changed since the last build: {project.shown(project.site)}/ is as it was.")
        return 0
    generated = _generate(project, "Nothing was built")
    if generated is None:
        return 1
    archive = generated.checked.archive
    assert archive is not None
    quiet_mkdocs_logging(args.verbose)
    try:
        site = publish(project, archive)
    except BuildFailed as error:
        print(f"error: MkDocs build failed: {error}\nThe previous site was left as it was.", file=sys.stderr)
        return 1
    except AuditFailed as failed:
        for finding in failed.findings:
            print(f"audit: {finding}", file=sys.stderr)
        print(
            f"error: the built site failed its audit ({len(failed.findings)} problem(s) above).\n"
            "The previous site was left as it was.",
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


def _generate(project: Project, nothing_done: str) -> Generated | None:
    """Generate the docs folder and print every problem; None when records are invalid."""
    generated = generate(project)
    if generated.report is None:
        report(generated.checked.problems, generated.checked.files)
        print(f"{nothing_done}: fix the errors above first.", file=sys.stderr)
        return None
    for problem in generated.checked.problems:
        print(problem.as_text())
    return generated


def run_generate(project: Project, args: argparse.Namespace) -> int:
    generated = _generate(project, "Nothing was generated")
    if generated is None:
        return 1
    written = generated.report
    assert written is not None
    print(
        f"Generated {project.shown(project.docs)}/: {len(written.written)} written, "
        f"{written.unchanged} unchanged, {len(written.removed)} removed."
    )
    return 0
