"""Internal links in record bodies that lead nowhere, reported at the record's file and line.

MkDocs (`--strict`) refuses such a site too, but names the generated page, not the record a
contributor edited; this check names the record and the line, before MkDocs runs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable
from urllib.parse import unquote

from generator.archive.urls import PAGE_FOLDER
from generator.problems import Problem, did_you_mean
from generator.records.body_links import link_targets
from generator.records.record import Record

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


def broken_links(records: Iterable[Record], pages: Collection[str], scope: str = "") -> list[Problem]:
    """Links to docs paths missing from `pages`; with `scope`, only links to paths under it are judged."""
    found: list[Problem] = []
    for record in records:
        for offset, target in link_targets(record.body):
            message = _judge(target, pages, scope)
            if message is not None:
                found.append(Problem(record.path, record.line_at(offset), message))
    return sorted(found)


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
