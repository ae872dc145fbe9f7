"""Quotes as readers meet them: grouped by speaker on a briefing page, by theme on a person's
page, each with an anchor so a person's page can link to the quote itself."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from generator.records.record import Record
from generator.records.schema import Quote
from generator.records.themes import Theme


@dataclass(frozen=True)
class PlacedQuote:
    record: Record
    quote: Quote
    anchor: str  # the id of the quote on its briefing page


def quote_anchor(index: int) -> str:
    """The id of a record's quote number `index` (from 0) on its briefing page."""
    return f"quote-{index + 1}"


def by_speaker(record: Record) -> list[tuple[str, list[PlacedQuote]]]:
    """A record's quotes grouped by who said them, speakers in order of their first quote."""
    groups: dict[str, list[PlacedQuote]] = {}
    for index, quote in enumerate(record.meta.quotes):
        groups.setdefault(quote.by, []).append(PlacedQuote(record, quote, quote_anchor(index)))
    return list(groups.items())


def by_theme(
    spellings: Collection[str], records: Iterable[Record], themes: tuple[Theme, ...]
) -> list[tuple[Theme | None, list[PlacedQuote]]]:
    """What the person written any of `spellings` (name, aliases) said in `records`, grouped by
    the quote's theme in the vocabulary's order;
    quotes without a theme last. Newest first within a theme, as `records` are."""
    grouped: dict[str | None, list[PlacedQuote]] = {}
    for record in records:
        for index, quote in enumerate(record.meta.quotes):
            if quote.by in spellings:
                grouped.setdefault(quote.theme, []).append(PlacedQuote(record, quote, quote_anchor(index)))
    ordered: list[tuple[Theme | None, list[PlacedQuote]]] = [
        (theme, grouped[theme.slug]) for theme in themes if theme.slug in grouped
    ]
    if None in grouped:
        ordered.append((None, grouped[None]))
    return ordered


def by_briefing(placed: Iterable[PlacedQuote]) -> list[tuple[Record, list[PlacedQuote]]]:
    """Quotes grouped by the briefing they come from, briefings in the order of their first quote:
    a person's page names each briefing once, under its quotes."""
    groups: dict[str, tuple[Record, list[PlacedQuote]]] = {}
    for item in placed:
        groups.setdefault(item.record.id, (item.record, []))[1].append(item)
    return list(groups.values())
