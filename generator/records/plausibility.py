"""Warnings about records that are valid but look wrong: a date that cannot be right, or a
record that seems to repeat another.

These run over the loaded records (not inside the loader) because they depend on today's date
and on the other records, which the per-file record cache must not capture.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from generator.problems import Problem
from generator.records.record import Record

ID_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
YEAR_FOLDER = re.compile(r"^\d{4}$")
SAME_TITLE = 0.9  # difflib ratio of their words above which two titles of one day count as the same


def date_warnings(record: Record, today: dt.date) -> list[Problem]:
    """A date after today, or one that disagrees with the id's date prefix or the year folder."""
    found: list[Problem] = []
    day = record.meta.date
    line = record.line_of("date")

    def warn(message: str) -> None:
        found.append(Problem(record.path, line, message, "warning"))

    if day > today:
        warn(f"'date' {day} is in the future (today is {today}); check the date")
    prefix = ID_DATE.match(record.id)
    if prefix and prefix.group(1) != day.isoformat():
        warn(
            f"'date' {day} disagrees with the date in the file name ({prefix.group(1)}); "
            "fix the date or rename the file"
        )
    folder = PurePosixPath(record.path).parent.name
    if YEAR_FOLDER.match(folder) and folder != str(day.year):
        warn(
            f"'date' {day} is in {day.year}, but the record is in the folder {folder}/; "
            f"move it to {day.year}/ or fix the date"
        )
    if record.meta.updated is not None and record.meta.updated > today:
        found.append(
            Problem(
                record.path,
                record.line_of("updated"),
                f"'updated' {record.meta.updated} is in the future (today is {today})",
                "warning",
            )
        )
    return found


# Pure functions of short strings (and of their words), asked again for every record on every
# run of a serve.
@functools.lru_cache(maxsize=1 << 16)
def _url_key(url: str) -> str:
    """The URL with what does not change the page dropped: scheme, case of the host, fragment,
    a trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc.lower()}{path}{query}"


@functools.lru_cache(maxsize=1 << 16)
def _title_words(title: str) -> tuple[str, ...]:
    # Compared word by word: case, punctuation and hyphens do not make two titles different,
    # and ten words compare far faster than a hundred characters.
    return tuple(re.findall(r"\w+", title.casefold()))


@functools.lru_cache(maxsize=1 << 17)
def _same_title(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    # An upper bound first, from the words both share (difflib's quick_ratio, without building
    # a matcher): most pairs of one day's titles fail it.
    common = sum((Counter(first) & Counter(second)).values())
    if 2 * common < SAME_TITLE * (len(first) + len(second)):
        return False
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio() >= SAME_TITLE


def duplicate_warnings(records: Iterable[Record]) -> list[Problem]:
    """A warning on each record that repeats an earlier one (in path order): the same source
    URL, or the same date and nearly the same title. Titles are compared within a day only, so
    this stays linear in the archive's size."""
    found: list[Problem] = []
    by_url: dict[str, Record] = {}
    by_day: dict[dt.date, list[tuple[tuple[str, ...], Record]]] = {}
    for record in sorted(records, key=lambda r: r.path):
        url = record.meta.source.url
        if url:
            first = by_url.setdefault(_url_key(url), record)
            if first is not record:
                found.append(
                    Problem(
                        record.path,
                        record.line_of("source", "url"),
                        f"same source URL as {first.path}; is this the same news item? "
                        "If so, add to that record instead",
                        "warning",
                    )
                )
                continue
        title = _title_words(record.meta.title)
        same_day = by_day.setdefault(record.meta.date, [])
        for other_title, other in same_day:
            if _same_title(title, other_title):
                found.append(
                    Problem(
                        record.path,
                        record.line_of("title"),
                        f"same date and nearly the same title as {other.path}; is this the same news item?",
                        "warning",
                    )
                )
                break
        same_day.append((title, record))
    return found
