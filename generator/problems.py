"""Problems found in records: one `path:line: message` each, reported all together."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Severity = "error"

    def as_text(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"

    def as_github(self) -> str:
        # GitHub workflow commands: these show as annotations on the pull request's diff.
        # Escaping as GitHub's own toolkit does: property values also escape ':' and ','.
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = path.replace(":", "%3A").replace(",", "%2C")
        return f"::{self.severity} file={path},line={self.line}::{message}"


class InvalidRecord(Exception):
    """Raised by the loader for a record that cannot be read; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problem.as_text() for problem in self.problems))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


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
