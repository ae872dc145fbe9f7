"""Read one record file into a validated `Record`, or every problem it has."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from generator.problems import InvalidRecord, Problem
from generator.records.body_policy import check_body
from generator.records.frontmatter_yaml import parse_front_matter
from generator.records.record import Record, printable, shown_path
from generator.records.schema import SLUG
from generator.records.validate import cross_checks, validate

MAX_FILE_BYTES = 256 * 1024
MAX_PROBLEMS = 20  # per record: a file with 20,000 bad keys needs one screen, not 20,000 lines
MAX_MESSAGE = 300  # characters: a message quotes the bad value, which may be 250,000 long
# A front-matter fence: a line of three or more hyphens (as python-frontmatter reads it).
BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)


def load_record(file: Path, root: Path, themes: tuple[str, ...]) -> tuple[Record, list[Problem]]:
    """Load `file` (shown relative to `root` in messages); raise InvalidRecord when it is broken.

    Returns the record with its warnings; errors always raise.
    """
    shown = shown_path(file, root)
    return parse_record(read_record_file(file, shown), shown, file.stem, themes)


def read_record_file(file: Path, shown: str) -> bytes:
    """The bytes of a regular file, at most MAX_FILE_BYTES of them, never through a link.

    Opening with O_NOFOLLOW and checking the open file (not the name) leaves no gap in which the
    file could be swapped for a link; O_NONBLOCK keeps a FIFO from hanging the build.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(file, flags)
    except OSError as error:
        if file.is_symlink():
            raise InvalidRecord(
                [Problem(shown, 1, "records must be regular files, not symbolic links")]
            ) from None
        raise InvalidRecord([Problem(shown, 1, f"cannot read the file: {error.strerror}")]) from None
    with os.fdopen(handle, "rb") as opened:
        info = os.fstat(opened.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InvalidRecord([Problem(shown, 1, "records must be regular files")])
        if info.st_size > MAX_FILE_BYTES:
            raise InvalidRecord([_too_big(shown, info.st_size)])
        raw = opened.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
    return raw


def _too_big(shown: str, size: int) -> Problem:
    return Problem(shown, 1, f"file is {size:,} bytes; a record may be at most {MAX_FILE_BYTES:,}")


def parse_record(
    raw: bytes, shown: str, record_id: str, themes: tuple[str, ...]
) -> tuple[Record, list[Problem]]:
    """Parse the bytes of a record file; raise InvalidRecord with every problem found."""
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidRecord([_too_big(shown, len(raw))])
    problems: list[Problem] = []
    if not SLUG.match(record_id):
        problems.append(
            Problem(
                shown,
                1,
                f"bad file name '{printable(record_id + '.md')}': use lowercase letters, digits and single "
                "hyphens, e.g. 2025-06-02-umerov-istanbul-positions.md",
            )
        )
    text = _decode(raw, shown)
    start = BOUNDARY.match(text)
    end = BOUNDARY.search(text, start.end()) if start else None
    if start is None or end is None:
        what = "no front-matter" if start is None else "front-matter is never closed"
        raise InvalidRecord(
            [
                *problems,
                Problem(
                    shown,
                    1,
                    f"{what}: a record starts with a line '---', its YAML fields, then another '---' line",
                ),
            ]
        )
    first_line = text.count("\n", 0, start.end()) + 1
    parsed = parse_front_matter(text[start.end() : end.start()], shown, first_line)
    if not isinstance(parsed.data, dict):
        kind = "empty" if parsed.data is None else f"a {type(parsed.data).__name__}"
        raise InvalidRecord(
            [*problems, Problem(shown, first_line, f"front-matter must be a mapping of fields, not {kind}")]
        )
    meta, field_problems = validate(parsed, shown, themes, first_line)
    problems += field_problems
    if meta is not None:
        problems += cross_checks(meta, parsed, shown, first_line)
    after = text[end.end() :]
    problems += check_body(after, shown, text.count("\n", 0, end.end()) + 1)
    body = after.lstrip("\n")
    # The line of the body's first character, past the blank lines that were stripped.
    body_line = text.count("\n", 0, end.end()) + 1 + len(after) - len(body)
    if any(problem.severity == "error" for problem in problems) or meta is None:
        raise InvalidRecord(_at_most(sorted(problems, key=lambda problem: problem.line), shown))
    record = Record(record_id, shown, meta, body, body_line)
    return record, problems


def _at_most(problems: list[Problem], shown: str) -> list[Problem]:
    problems = [_clipped(problem) for problem in problems]
    if len(problems) <= MAX_PROBLEMS:
        return problems
    last = problems[MAX_PROBLEMS - 1]
    more = len(problems) - MAX_PROBLEMS + 1
    return [*problems[: MAX_PROBLEMS - 1], Problem(shown, last.line, f"… and {more} more problems")]


def _clipped(problem: Problem) -> Problem:
    if len(problem.message) <= MAX_MESSAGE:
        return problem
    return replace(problem, message=problem.message[: MAX_MESSAGE - 1] + "…")


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise InvalidRecord(
            [Problem(shown, line, f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8")]
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidRecord([Problem(shown, line, "the file contains a NUL byte; is it really text?")])
    return text.replace("\r\n", "\n")
