"""What `briefing check FILE…` prints: the named records first, each with its verdict, then
what is broken elsewhere in the archive, then one last line that agrees with the exit code.

The whole archive is always validated (a pull request must not break it), but a contributor
asked about their own files: those come first and in full; other records are only counted and
named, so the answer to "is my file fine?" is never buried or contradicted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.problems import Problem, errors
from generator.project import briefing_command

MAX_NAMED_ELSEWHERE = 10  # other broken records listed by name; the rest are counted


@dataclass(frozen=True)
class ScopedReport:
    problems: tuple[Problem, ...]  # those of the named files, in order
    verdicts: tuple[str, ...]  # one line per named file
    elsewhere: str | None  # the line about other records, when any is broken
    last_line: str
    failed: bool


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def verdict(path: str, problems: Sequence[Problem]) -> str:
    """`content/x.md: valid` or `content/x.md: invalid (2 errors, 1 warning)`."""
    n_errors = len(errors(problems))
    n_warnings = len(problems) - n_errors
    if n_errors:
        counts = _plural(n_errors, "error") + (f", {_plural(n_warnings, 'warning')}" if n_warnings else "")
        return f"{path}: invalid ({counts})"
    return f"{path}: valid" + (f" ({_plural(n_warnings, 'warning')})" if n_warnings else "")


def scoped_report(problems: Sequence[Problem], named: Sequence[str], files: int) -> ScopedReport:
    """The report for `named` (paths as problems show them) in an archive of `files` records."""
    wanted = set(named)
    mine = tuple(problem for problem in problems if problem.path in wanted)
    verdicts = tuple(verdict(path, [p for p in mine if p.path == path]) for path in named)
    broken_here = sum(1 for path in named if errors(p for p in mine if p.path == path))
    broken_elsewhere = sorted({p.path for p in errors(problems) if p.path not in wanted})
    elsewhere = None
    if broken_elsewhere:
        shown = ", ".join(broken_elsewhere[:MAX_NAMED_ELSEWHERE])
        more = len(broken_elsewhere) - MAX_NAMED_ELSEWHERE
        shown += f" and {more} more" if more > 0 else ""
        elsewhere = (
            f"Elsewhere in the archive, {_plural(len(broken_elsewhere), 'other record')} "
            f"{'has' if len(broken_elsewhere) == 1 else 'have'} errors: {shown}; "
            f"run `{briefing_command()} check` to see them all."
        )
    failed = bool(broken_here or broken_elsewhere)
    others = files - len(named)
    if broken_here:
        last = f"Failed: {broken_here} of {_plural(len(named), 'named record')} invalid"
        last += (
            f"; {_plural(len(broken_elsewhere), 'other record')} invalid too." if broken_elsewhere else "."
        )
    elif broken_elsewhere:
        named_part = "the named record is" if len(named) == 1 else f"all {len(named)} named records are"
        count = len(broken_elsewhere)
        others_part = f"{_plural(count, 'other record')} {'is' if count == 1 else 'are'} invalid"
        last = f"Failed: {named_part} valid, but {others_part}."
    else:
        named_part = "the named record is" if len(named) == 1 else f"all {len(named)} named records are"
        rest = {0: "", 1: ", and so is the other record"}.get(
            others, f", and so are the other {others} records"
        )
        last = f"Passed: {named_part} valid{rest}."
    return ScopedReport(mine, verdicts, elsewhere, last, failed)
