"""Tags: the briefings under each tag, newest first, and the tags in natural order.

Our own pages instead of Material's tags plugin, whose one page lists every briefing under
every tag (4.6 MB at 10,000 records) in text order (`programme-1, programme-10, …`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.archive.urls import tag_listing
from generator.records.record import Record


@dataclass(frozen=True)
class Tag:
    slug: str
    records: tuple[Record, ...]  # newest first

    @property
    def base(self) -> str:
        """The first page of the tag's listing, relative to the docs root, without ".md"."""
        return tag_listing(self.slug)


def natural_key(slug: str) -> tuple[tuple[int, int | str], ...]:
    """`programme-2` before `programme-10`: digit runs compare as numbers."""
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in re.split(r"(\d+)", slug) if part)


def gather_tags(records: tuple[Record, ...]) -> tuple[Tag, ...]:
    """Every tag of `records` (already newest first), in natural order."""
    tagged: dict[str, list[Record]] = {}
    for record in records:
        for slug in dict.fromkeys(record.meta.tags):
            tagged.setdefault(slug, []).append(record)
    return tuple(Tag(slug, tuple(tagged[slug])) for slug in sorted(tagged, key=natural_key))
