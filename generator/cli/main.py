"""`briefing`: check, build, serve and scaffold the archive. Also `python -m generator`.

Exit codes: 0 success, 1 invalid records or settings or a failed build, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.cli.build import add_build_command
from generator.cli.check import add_check_command
from generator.cli.generate import add_generate_command
from generator.cli.new import add_new_command
from generator.cli.preview import add_preview_command
from generator.cli.schema import add_schema_command
from generator.cli.serve import add_serve_command
from generator.cli.sources import add_sources_command
from generator.files import UnsafeOutput
from generator.problems import Refused, io_fault, print_refused
from generator.project import Project, find_root


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project.at(
        args.root or find_root(Path.cwd()),
        site=getattr(args, "site_dir", None),
    )
    try:
        return int(args.run(project, args))
    except Refused as refused:  # invalid records or settings: each command says what it did not do
        print_refused(refused, args.refused)
        return 1
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
        print(io_fault(error, "Nothing was published; the site was left as it was."), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="the archive's folder (default: found from here)")
    parser.set_defaults(refused="Nothing was done")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    add_check_command(commands)
    add_build_command(commands)
    add_generate_command(commands)
    add_serve_command(commands)
    add_new_command(commands)
    add_schema_command(commands)
    add_preview_command(commands)
    add_sources_command(commands)
    return parser
