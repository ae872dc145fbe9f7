"""Related briefings: the records sharing the most themes, people and tags, nearest in date first.

Comparing every record with every other is quadratic: 10,000 records make 100 million pairs.
Instead every theme, person and tag keeps its records sorted newest first (an inverted index),
and a record's candidates are the records near it in date in each of its listings. A short
listing (a rare tag, a person named twice) is taken whole, so a rare shared tag is always
found; only a long listing (a theme with thousands of records) is cut to its nearest records,
where closeness in date would decide between equal scores anyway.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from generator.archive import newest_first
from generator.load import Record

MAX_RELATED = 5
# Records taken on each side of a record in one listing; a listing up to twice this is read whole.
WINDOW = 12


@dataclass(frozen=True)
class Related:
    """Up to MAX_RELATED related records for every record id."""

    by_id: dict[str, tuple[Record, ...]]

    def of(self, record: Record) -> tuple[Record, ...]:
        return self.by_id.get(record.id, ())


def shared_keys(record: Record) -> frozenset[tuple[str, str]]:
    """What a record can share with another: its themes, people and tags, each kind kept apart."""
    meta = record.meta
    return frozenset(
        [("theme", slug) for slug in meta.themes]
        + [("person", name) for name in meta.people]
        + [("tag", tag) for tag in meta.tags]
    )


def find_related(records: Iterable[Record], limit: int = MAX_RELATED) -> Related:
    """Rank, for every record, the others by shared keys (most first), then days apart, then id."""
    ordered = sorted(records, key=newest_first)
    keys = {record.id: shared_keys(record) for record in ordered}
    listings: dict[tuple[str, str], list[Record]] = {}
    for record in ordered:
        for key in sorted(keys[record.id]):
            listings.setdefault(key, []).append(record)
    by_id: dict[str, tuple[Record, ...]] = {}
    for record in ordered:
        candidates: dict[str, Record] = {}
        for key in keys[record.id]:
            for other in _near(listings[key], record):
                candidates[other.id] = other
        candidates.pop(record.id, None)
        ordinal = record.meta.date.toordinal()
        ranked = sorted(
            candidates.values(),
            key=lambda other: (
                -len(keys[record.id] & keys[other.id]),
                abs(other.meta.date.toordinal() - ordinal),
                other.id,
            ),
        )
        by_id[record.id] = tuple(ranked[:limit])
    return Related(by_id)


def _near(listing: list[Record], record: Record) -> list[Record]:
    """The records of `listing` (newest first) nearest in date to `record`, which it holds."""
    if len(listing) <= 2 * WINDOW + 1:
        return listing
    index = bisect.bisect_left(listing, newest_first(record), key=newest_first)
    return listing[max(0, index - WINDOW) : index + WINDOW + 1]
