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
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.archive.model import newest_first
from generator.records.record import Record

MAX_RELATED = 5
# Records taken on each side of a record in one listing; a listing up to twice this is read whole.
WINDOW = 8


@dataclass(frozen=True)
class Related:
    """Up to MAX_RELATED related records for every record id."""

    by_id: dict[str, tuple[Record, ...]]

    def of(self, record: Record) -> tuple[Record, ...]:
        return self.by_id.get(record.id, ())


def related_inputs(records: Iterable[Record]) -> str:
    """A digest of all that related briefings depend on: each record's id, date, themes, people
    and tags. Editing a summary or notes leaves it as it was, and the ranking need not run again."""
    digest = hashlib.blake2b(digest_size=16)
    for record in sorted(records, key=newest_first):
        meta = record.meta
        digest.update(f"{record.id}\0{meta.date}\0{meta.themes}\0{meta.people}\0{meta.tags}\n".encode())
    return digest.hexdigest()


def shared_keys(record: Record) -> frozenset[tuple[str, str]]:
    """What a record can share with another: its themes, people and tags, each kind kept apart."""
    meta = record.meta
    return frozenset(
        [("theme", slug) for slug in meta.themes]
        + [("person", name) for name in meta.people]
        + [("tag", tag) for tag in meta.tags]
    )


def find_related(
    records: Iterable[Record], limit: int = MAX_RELATED, only: Iterable[str] | None = None
) -> Related:
    """Rank, for every record (or the ids in `only`: a preview needs a few), the others by shared
    keys (most first), then days apart; among equals the newer record comes first."""
    wanted = None if only is None else set(only)
    ordered = sorted(records, key=newest_first)
    # Records are numbered in newest-first order and keys by small integers, so listings are
    # sorted lists of numbers (bisect needs no key function) and scoring intersects int sets.
    numbered: dict[tuple[str, str], int] = {}
    keys = [frozenset(numbered.setdefault(key, len(numbered)) for key in shared_keys(r)) for r in ordered]
    ordinals = [record.meta.date.toordinal() for record in ordered]
    listings: dict[int, list[int]] = {}
    for position, record_keys in enumerate(keys):
        for key in record_keys:
            listings.setdefault(key, []).append(position)
    by_id: dict[str, tuple[Record, ...]] = {}
    for position, record in enumerate(ordered):
        if wanted is not None and record.id not in wanted:
            continue
        mine, ordinal = keys[position], ordinals[position]
        candidates = {other for key in mine for other in _near(listings[key], position)}
        candidates.discard(position)
        ranked = sorted(
            candidates,
            key=lambda other: (-len(mine & keys[other]), abs(ordinals[other] - ordinal), other),
        )
        by_id[record.id] = tuple(ordered[other] for other in ranked[:limit])
    return Related(by_id)


def _near(listing: list[int], position: int) -> list[int]:
    """The entries of a sorted `listing` (which holds `position`) nearest to `position`."""
    if len(listing) <= 2 * WINDOW + 1:
        return listing
    index = bisect.bisect_left(listing, position)
    return listing[max(0, index - WINDOW) : index + WINDOW + 1]
