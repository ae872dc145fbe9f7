"""Problems found in records and settings: one `path:line: message` each, reported all together.

When problems stop a command, it raises `Refused` carrying all of them, and every front end tells
it with `print_refused`: the problems, a count, and what was not done.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, TextIO

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # 0: the file as a whole (a setting of mkdocs.yml: its loader keeps no lines)
    message: str
    severity: Severity = "error"
    # A warning that `briefing check --strict` makes an error: it says the record is probably
    # wrong (a misspelt person, an implausible date). A missing source URL is often just the
    # truth about the source, so it stays a warning even then.
    strict: bool = field(default=True, compare=False)

    def as_text(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {prefix}{self.message}"

    def as_github(self) -> str:
        # GitHub workflow commands: these show as annotations on the pull request's diff.
        # Escaping as GitHub's own toolkit does: property values also escape ':' and ','.
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = path.replace(":", "%3A").replace(",", "%2C")
        line = f",line={self.line}" if self.line else ""
        return f"::{self.severity} file={path}{line}::{message}"


class Refused(Exception):
    """Nothing was done, and these problems say why (all of them, warnings included).

    `records` is how many record files were checked, for the count line; None when the refusal
    came before any record was read (a setting of mkdocs.yml).
    """

    def __init__(self, problems: Iterable[Problem], records: int | None = None) -> None:
        self.problems = tuple(problems)
        self.records = records
        super().__init__("; ".join(problem.as_text() for problem in self.problems))


class InvalidRecord(Refused):
    """Raised by the loader for a record that cannot be read; carries every problem found."""


def print_refused(refused: Refused, nothing_done: str, *, out: TextIO | None = None) -> None:
    """Tell a refusal: every problem, the count (when records were checked), then `nothing_done`
    ("Nothing was built") and what to do."""
    report(refused.problems, refused.records, out=out)
    print(f"{nothing_done}: fix the errors above first.", file=sys.stderr, flush=True)


def report(
    problems: Sequence[Problem], records: int | None, fmt: str = "text", *, out: TextIO | None = None
) -> None:
    """Every problem (as annotations with `fmt="github"`), then the count line when records were
    checked (on stderr for annotations, which GitHub reads from stdout)."""
    out = out or sys.stdout
    for problem in problems:
        print(problem.as_github() if fmt == "github" else problem.as_text(), file=out, flush=True)
    if records is not None:
        print(summary_line(list(problems), records), file=sys.stderr if fmt == "github" else out, flush=True)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


def strictly(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` with every strict warning made an error (`briefing check --strict`)."""
    return [
        replace(problem, severity="error") if problem.severity == "warning" and problem.strict else problem
        for problem in problems
    ]


def summary_line(problems: list[Problem], records: int) -> str:
    n_errors = len(errors(problems))
    n_warnings = len(problems) - n_errors
    noun = "record" if records == 1 else "records"
    if not problems:
        return f"{records} {noun} checked: all valid."
    return f"{records} {noun} checked: {n_errors} error(s), {n_warnings} warning(s)."


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or an empty string when none is close ("did you mean 'drones'?")."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def io_fault(error: OSError, consequence: str) -> str:
    """One line for an I/O fault (disk full, permission denied, a vanished file): the path, the
    fault, and `consequence` ("Nothing was published; the site was left as it was.").

    Every write on the publish path goes to a staging folder or a cache, by rename, so the
    published site is never half written, and the next build after the fault is fixed starts
    from what is on disk (a damaged or missing cache entry is only rebuilt).
    """
    paths = " → ".join(str(name) for name in (error.filename, error.filename2) if name is not None)
    fault = error.strerror or str(error) or type(error).__name__
    return f"error: {paths + ': ' if paths else ''}{fault}. {consequence}"
