"""ASCII slugs for URLs and ids: one rule for people's pages and new records' ids."""

from __future__ import annotations

import re

from anyascii import anyascii


def ascii_words(text: str) -> list[str]:
    """The lowercase ASCII words of `text`, transliterated by anyascii: accents dropped ("Ž"
    becomes "z"), other scripts spelt in Latin letters ("Умєров" becomes "umierov")."""
    return re.findall(r"[a-z0-9]+", _ascii(text).lower())


def _ascii(text: str) -> str:
    # anyascii writes a soft sign as an apostrophe (Зеленський → Zelens'kiy); inside a
    # transliterated word it is not a word break.
    return "".join(char if char.isascii() else anyascii(char).replace("'", "") for char in text)


def slugify(text: str, fallback: str) -> str:
    return "-".join(ascii_words(text)) or fallback


def free_slug(wanted: str, taken: set[str]) -> str:
    """`wanted`, or the first of `wanted-2`, `wanted-3`, … not yet taken."""
    candidate, suffix = wanted, 2
    while candidate in taken:
        candidate, suffix = f"{wanted}-{suffix}", suffix + 1
    return candidate
