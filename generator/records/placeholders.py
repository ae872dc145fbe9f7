"""The guidance text that `briefing new` writes into a skeleton, and the check that refuses a
record still holding it: a skeleton is valid YAML, but it is not a briefing until a person has
written its summary, highlights and notes.

The scaffold's template takes its texts from here, so the two cannot drift apart.
"""

from __future__ import annotations

import re

from generator.problems import Problem
from generator.records.schema import FrontMatter

SUMMARY = "One or two sentences, in your own words, on what this news item says."
NOTES = "Notes in your own words: context, what was said, why it matters. No copied article text."
DATE_NOTE = "Say here what is known when the exact date is uncertain."
QUOTE_TEXT = "A short quote, word for word, from someone named in the source."
QUOTE_BY = "Who said it"
SOURCE_URL = "https://example.org/link-to-the-original"
# Save the page at https://web.archive.org/save (or archive.today) and give the snapshot's address.
SOURCE_ARCHIVED = "https://web.archive.org/web/2025/https://example.org/link-to-the-original"
PERSON = "Name as spelt in site_config/people.yml"
TAG = "a-lowercase-tag"


def highlight(theme: str) -> str:
    return f"What this item says about {theme}, in your own words."


HIGHLIGHT = re.compile(r"^What this item says about [a-z0-9-]+, in your own words\.$")
STILL_TEMPLATE = "the template's text"  # in every message below


def placeholder_problems(
    meta: FrontMatter, body: str, body_line: int, lines: dict[tuple[str | int, ...], int], shown: str
) -> list[Problem]:
    """An error for every field (and the notes) that still holds the scaffold's guidance."""
    found: list[Problem] = []

    def line_of(*path: str | int) -> int:
        for end in range(len(path), 0, -1):
            if path[:end] in lines:
                return lines[path[:end]]
        return 1

    def refuse(path: tuple[str | int, ...], name: str, what: str) -> None:
        found.append(Problem(shown, line_of(*path), f"{name} still holds {STILL_TEMPLATE}; {what}"))

    own_words = "write it in your own words"
    if meta.summary == SUMMARY:
        refuse(("summary",), "summary", "write one or two sentences of your own")
    if meta.date_note == DATE_NOTE:
        refuse(("date_note",), "date_note", "say what is known about the date, or delete the line")
    if meta.source.url == SOURCE_URL:
        refuse(("source", "url"), "source.url", "give the link to the original, or delete the line")
    if meta.source.archived == SOURCE_ARCHIVED:
        refuse(("source", "archived"), "source.archived", "give the snapshot's address, or delete the line")
    for index, name in enumerate(meta.people):
        if name == PERSON:
            refuse(("people", index), f"people[{index}]", "name the person, or delete the line")
    for index, tag in enumerate(meta.tags):
        if tag == TAG:
            refuse(("tags", index), f"tags[{index}]", "write a tag of your own, or delete the line")
    for theme, text in meta.highlights.items():
        if HIGHLIGHT.match(text):
            refuse(("highlights", theme), f"highlights.{theme}", own_words)
    for index, quote in enumerate(meta.quotes):
        if quote.text == QUOTE_TEXT or quote.by == QUOTE_BY:
            refuse(("quotes", index), f"quotes[{index}]", "quote the source word for word, or delete it")
    for offset, line in enumerate(body.splitlines()):
        if line.strip() == NOTES:
            message = f"the notes still hold {STILL_TEMPLATE}; write them in your own words"
            found.append(Problem(shown, body_line + offset, message))
    return found
