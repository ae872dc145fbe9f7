"""Internal links in record bodies that lead nowhere, reported at the record's file and line.

MkDocs (`--strict`) refuses such a site too, but names the generated page, not the record a
contributor edited; this check names the record and the line, before MkDocs runs.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import unquote

from generator.problems import Problem, did_you_mean
from generator.records.record import Record

PAGE_FOLDER = "briefings/"  # where a record's page lives in the docs folder
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


def broken_links(records: Iterable[Record], pages: Collection[str], scope: str = "") -> list[Problem]:
    """Links to docs paths missing from `pages`; with `scope`, only links to paths under it are judged."""
    found: list[Problem] = []
    for record in records:
        for offset, target in _link_targets(record.body):
            message = _judge(target, pages, scope)
            if message is not None:
                found.append(Problem(record.path, _line(record, offset), message))
    return sorted(found)


def _link_targets(body: str) -> list[tuple[int, str]]:
    """(offset, target) of every inline link, image and link reference outside code."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    masked = _CODE_SPAN.sub(blank, _FENCE.sub(blank, body))
    targets = [
        (m.start(1), m.group(1)) for pattern in (_INLINE, _REFERENCE) for m in pattern.finditer(masked)
    ]
    return sorted((offset, target.strip("<>")) for offset, target in targets)


def _judge(target: str, pages: Collection[str], scope: str) -> str | None:
    if not target or target.startswith("#") or _SCHEME.match(target):
        return None  # an anchor on the same page, or a link to another site
    if target.startswith("/"):
        return (
            f"link to {target!r} is absolute; link to the page's Markdown file relative to this "
            "record's page, e.g. '../themes/drones.md' or 'other-record-id.md'"
        )
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    if not path:
        return None
    resolved = posixpath.normpath(posixpath.join(PAGE_FOLDER, path))
    if resolved.startswith("../") or resolved == "..":
        return f"link to {target!r} leads outside the site"
    if resolved in pages:
        return None
    stem = posixpath.basename(resolved).removesuffix(".md")
    if not resolved.startswith(PAGE_FOLDER) and f"{PAGE_FOLDER}{stem}.md" in pages:
        # Most often a link between files of content/, which is not where the pages are.
        return f"link to {target!r}: link to another briefing by its id, {stem + '.md'!r}"
    if scope and not resolved.startswith(scope):
        return None
    if resolved.startswith(PAGE_FOLDER) and resolved.endswith(".md"):
        record_id = resolved[len(PAGE_FOLDER) : -len(".md")]
        ids = [page[len(PAGE_FOLDER) : -len(".md")] for page in pages if page.startswith(PAGE_FOLDER)]
        return (
            f"link to {target!r}: there is no published briefing {record_id!r}{did_you_mean(record_id, ids)}"
        )
    as_page = resolved.rstrip("/") + ".md"
    if as_page in pages:
        suggestion = posixpath.relpath(as_page, PAGE_FOLDER)
        return f"link to {target!r}: link to the page's Markdown file, {suggestion!r}"
    return f"link to {target!r}: the site has no page {resolved!r}"


def _line(record: Record, offset: int) -> int:
    """The file line of `offset` in the body."""
    return record.body_line + record.body.count("\n", 0, offset)


# MkDocs names the generated page ("Doc file 'briefings/<id>.md' contains a link …"); what it finds
# beyond the checks above (a missing anchor, say) is told at the record instead.
_MKDOCS_LINK = re.compile(
    rf"^Doc file '{PAGE_FOLDER}([a-z0-9]+(?:-[a-z0-9]+)*)\.md' "
    r"contains (?:a|an \w+(?: \w+)?) link (?:to )?'([^']*)'"
)


class RecordLocations(logging.Filter):
    """Prefix MkDocs' link warnings about a briefing page with its record's `path:line:`."""

    def __init__(self, records: Iterable[Record]) -> None:
        super().__init__()
        self._records = {record.id: record for record in records}

    def filter(self, entry: logging.LogRecord) -> bool:
        found = _MKDOCS_LINK.match(entry.getMessage())
        record = self._records.get(found.group(1)) if found else None
        if found and record is not None:
            offsets = [offset for offset, target in _link_targets(record.body) if target == found.group(2)]
            line = _line(record, offsets[0]) if offsets else record.body_line
            entry.msg, entry.args = f"{record.path}:{line}: {entry.getMessage()}", ()
        return True


@contextmanager
def records_named_in_mkdocs_warnings(records: Iterable[Record]) -> Iterator[None]:
    """While MkDocs builds, its link warnings about briefing pages name the record and line."""
    logger = logging.getLogger("mkdocs.structure.pages")
    located = RecordLocations(records)
    logger.addFilter(located)
    try:
        yield
    finally:
        logger.removeFilter(located)
