"""Each briefing's listing entry as HTML, rendered once and reused on every listing that shows it.

A record appears on some fifteen listings (its themes' pages and their years, the timeline's
year, its people's and tags' pages, related briefings elsewhere). Its entry differs only by the
way back to the site root from the listing's address and, on a theme's pages, the theme's
highlight below it; so it is rendered once per (record, text) with a marker where the way back
goes, and each listing puts its own way back in place of the marker.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.pages.markdown_pages import environment
from generator.records.record import Record
from generator.records.themes import Theme

# Where the way back to the site root goes: a character no escaped text or address can hold.
ROOT = "\x00"


class ListingEntries:
    """Listing entries of one render of the site (never shared between runs: the themes and the
    records they show are this run's)."""

    def __init__(self, themes: tuple[Theme, ...]) -> None:
        self._themes = themes
        self._macro = environment().get_template("_parts.html.j2").module.entry  # type: ignore[attr-defined]
        self._made: dict[tuple[str, str | None], str] = {}

    def __call__(self, record: Record, root: str, text: str | None = None) -> Markup:
        """The entry of `record` on a page whose way to the site root is `root`, with `text` below."""
        key = (record.id, text)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = str(self._macro(record, ROOT, self._themes, text))
        return Markup(made.replace(ROOT, root))

    def many(self, records: tuple[Record, ...], root: str, theme: str | None = None) -> list[Markup]:
        """The entries of `records`; with `theme`, each with its highlight on it (or its summary)."""
        if theme is None:
            return [self(record, root) for record in records]
        return [self(r, root, r.meta.highlights.get(theme) or r.meta.summary) for r in records]
