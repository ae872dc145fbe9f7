"""The audit's search for unpublished text: no draft may show up anywhere in the built site."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from collections.abc import Sequence

from generator.archive.model import Archive
from generator.publish.audit_cache import SiteFacts
from generator.publish.database_audit import database_text, is_database
from generator.records.record import Record

MIN_DRAFT_LINE = 30  # shorter body lines could well appear elsewhere by chance
MIN_DRAFT_TEXT = 12  # a title like "Drones" is on every page
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


def audit_drafts(facts: SiteFacts, drafts: Sequence[Record], archive: Archive) -> list[str]:
    """No draft's id, title, summary or longer body line may appear in any file of the site.

    Text that a published record holds too (a shared phrase) is no sign of a leak, so it is
    not looked for; neither is a title or summary so short it could be any page's words. What a
    file holds of the drafts is a fact of its bytes and of the text looked for (the fact's name).
    """
    if not drafts:
        return []
    findings: list[str] = []
    published = "\n".join(_flat(f"{r.meta.title}\n{r.meta.summary}\n{r.body}") for r in archive.records)
    needles = {
        record.path: [n for n in _draft_needles(record) if n == record.id or n not in published]
        for record in drafts
    }
    kind = "drafts:" + hashlib.sha256(json.dumps(needles, sort_keys=True).encode()).hexdigest()
    for page in facts.files:
        if any(f"/{record.id}/" in f"/{page}" or page.startswith(record.id) for record in drafts):
            findings.append(f"{page}: a file for a draft")
        findings += [
            f"{page}: text of the draft {shown}: {needle[:60]!r}"
            for shown, needle in facts.fact(page, kind, lambda data: _draft_text(data, needles))
        ]
    return findings


def _draft_text(raw: bytes, needles: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(draft, text of it) for each piece of draft text the file holds."""
    if raw[:2] == b"\x1f\x8b":  # gzip: sitemap.xml.gz, and Pagefind's fragments hold page text
        raw = gzip.decompress(raw)
    # An SQLite file's text may be split across its pages: read its values instead of its bytes.
    text = database_text(raw) if is_database(raw) else raw.decode("utf-8", errors="ignore")
    flat = _flat(text)
    return [(shown, n) for shown, wanted in needles.items() for n in wanted if n in flat or n in text]


def _draft_needles(record: Record) -> list[str]:
    lines = [_flat(line) for line in record.body.splitlines()]
    body = [line for line in lines if len(line) >= MIN_DRAFT_LINE and not re.search(r"[*_`\[\]<>#|\\]", line)]
    words = [
        text for text in (_flat(record.meta.title), _flat(record.meta.summary)) if len(text) >= MIN_DRAFT_TEXT
    ]
    return [record.id, *words, *body]


def _flat(text: str) -> str:
    """Text as a reader sees it: tags dropped, entities decoded, JSON escapes undone, spaces collapsed."""
    plain = html.unescape(TAG.sub(" ", text.replace("\\/", "/").replace('\\"', '"')))
    return SPACE.sub(" ", plain).strip()
