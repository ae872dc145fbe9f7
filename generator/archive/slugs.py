"""ASCII slugs for URLs and ids: one rule for people's pages and new records' ids."""

from __future__ import annotations

import re
import unicodedata


def ascii_words(text: str) -> list[str]:
    """The lowercase ASCII words of `text`: accents dropped ("Umierov" stays, "Ž" becomes "z")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def slugify(text: str, fallback: str) -> str:
    return "-".join(ascii_words(text)) or fallback


def free_slug(wanted: str, taken: set[str]) -> str:
    """`wanted`, or the first of `wanted-2`, `wanted-3`, … not yet taken."""
    candidate, suffix = wanted, 2
    while candidate in taken:
        candidate, suffix = f"{wanted}-{suffix}", suffix + 1
    return candidate
