"""Read one record file into a validated `Record`, or every problem it has."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmatter import YAMLHandler
from pydantic import ValidationError

from generator.body_policy import check_body
from generator.frontmatter_yaml import Parsed, parse_front_matter
from generator.problems import InvalidRecord, Problem
from generator.schema import FIELD_NAMES, SLUG, FrontMatter
from generator.suggest import did_you_mean

MAX_FILE_BYTES = 256 * 1024
MAX_PROBLEMS = 20  # per record: a file with 20,000 bad keys needs one screen, not 20,000 lines
BOUNDARY = YAMLHandler.FM_BOUNDARY
_OWNERS = {"source": "Source", "quotes": "Quote", "corrections": "Correction"}


@dataclass(frozen=True)
class Record:
    """One briefing: its id (the file name), where it came from, its front-matter and body."""

    id: str
    path: str
    meta: FrontMatter
    body: str
    body_line: int


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
    meta, field_problems = _validate(parsed, shown, themes, first_line)
    problems += field_problems
    if meta is not None:
        problems += _cross_checks(meta, parsed, shown, first_line)
    body_line = text.count("\n", 0, end.end()) + 1
    problems += check_body(text[end.end() :], shown, body_line)
    if any(problem.severity == "error" for problem in problems) or meta is None:
        raise InvalidRecord(_at_most(sorted(problems, key=lambda problem: problem.line), shown))
    record = Record(record_id, shown, meta, text[end.end() :].lstrip("\n"), body_line)
    return record, problems


def shown_path(file: Path, root: Path) -> str:
    """`file` relative to `root` when inside it, printable whatever bytes its name holds."""
    try:
        return printable(file.relative_to(root).as_posix())
    except ValueError:
        return printable(file.as_posix())


def printable(name: str) -> str:
    """A file name safe to print on one line: control characters and undecodable bytes escaped.

    A name with a newline would break `path:line: message`; one with bytes that are not UTF-8
    (kept by Python as lone surrogates) would crash printing.
    """
    if name.isprintable():
        return name
    out = []
    for char in name:
        if "\udc80" <= char <= "\udcff":
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif not char.isprintable():
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def _at_most(problems: list[Problem], shown: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    last = problems[MAX_PROBLEMS - 1]
    more = len(problems) - MAX_PROBLEMS + 1
    return [*problems[: MAX_PROBLEMS - 1], Problem(shown, last.line, f"… and {more} more problems")]


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


def _validate(
    parsed: Parsed, shown: str, themes: tuple[str, ...], first_line: int
) -> tuple[FrontMatter | None, list[Problem]]:
    try:
        return FrontMatter.model_validate(parsed.data, context={"themes": themes}), []
    except ValidationError as error:
        problems = [
            Problem(shown, parsed.line_of(tuple(item["loc"]), first_line), _message(item))
            for item in error.errors(include_url=False)
        ]
        return None, problems


def _message(item: Any) -> str:
    """Pydantic's error as a sentence a curator understands, naming the field by its key path."""
    loc = tuple(item["loc"])
    where = _key_path(loc)
    kind = item["type"]
    if kind == "missing":
        return f"missing required field {where!r}"
    if kind == "extra_forbidden":
        owner = _OWNERS.get(str(loc[0])) if len(loc) > 1 else "FrontMatter"
        return f"unknown field {where!r}{did_you_mean(str(loc[-1]), FIELD_NAMES[owner or 'FrontMatter'])}"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping"}.get(
            kind, "a mapping"
        )
        return f"{where!r} must be {wanted}, not {_kind_of(item['input'])}"
    if kind in ("too_short", "string_too_short"):
        return f"{where!r} must not be empty"
    if kind in ("too_long", "string_too_long"):
        limit = item.get("ctx", {}).get("max_length")
        unit = "characters" if kind == "string_too_long" else "items"
        return f"{where!r} is too long: at most {limit} {unit}"
    if kind == "string_pattern_mismatch":
        return f"{where!r} must be a lowercase slug (letters, digits, single hyphens), got {item['input']!r}"
    message = item["msg"]
    return f"{where!r} {message}" if message.startswith("must ") else f"{where!r}: {message}"


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"text {value!r}" if isinstance(value, str) else "empty"


def _key_path(loc: tuple[Any, ...]) -> str:
    """`('quotes', 0, 'by')` → `quotes[0].by`, the way MkDocs names config options."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's marker for a mapping key that failed validation
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _cross_checks(meta: FrontMatter, parsed: Parsed, shown: str, first_line: int) -> list[Problem]:
    """Rules that relate two fields, so they cannot live on one field's validator."""
    found: list[Problem] = []

    def at(*path: str | int) -> int:
        return parsed.line_of(path, first_line)

    for theme in meta.highlights:
        if theme not in meta.themes:
            found.append(
                Problem(
                    shown,
                    at("highlights", theme),
                    f"highlight for {theme!r}, which is not in this record's themes",
                )
            )
    for index, quote in enumerate(meta.quotes):
        if quote.theme is not None and quote.theme not in meta.themes:
            found.append(
                Problem(
                    shown,
                    at("quotes", index, "theme"),
                    f"quote's theme {quote.theme!r} is not in this record's themes",
                )
            )
    if meta.updated is not None and meta.updated < meta.date:
        found.append(Problem(shown, at("updated"), "'updated' is earlier than 'date'"))
    if len(set(meta.people)) != len(meta.people):
        found.append(Problem(shown, at("people"), "'people' names someone twice"))
    if meta.source.url is None:
        found.append(
            Problem(shown, at("source"), "source has no 'url'; add the link when there is one", "warning")
        )
    return found
