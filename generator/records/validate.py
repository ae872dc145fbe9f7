"""Validate parsed front-matter against the schema, as problems a curator understands.

Pydantic's errors become `path:line: message` with the field named by its key path
(`quotes[0].by`); rules that relate two fields live in `cross_checks`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from generator.problems import Problem, did_you_mean
from generator.records.frontmatter_yaml import Parsed
from generator.records.schema import FIELD_NAMES, FrontMatter

_OWNERS = {"source": "Source", "quotes": "Quote", "corrections": "Correction"}


def validate(
    parsed: Parsed, shown: str, themes: tuple[str, ...], first_line: int
) -> tuple[FrontMatter | None, list[Problem]]:
    try:
        return FrontMatter.model_validate(parsed.data, context={"themes": themes}), []
    except ValidationError as error:
        problems = [
            Problem(shown, parsed.line_of(tuple(item["loc"]), first_line), _message(item))
            for item in error.errors(include_url=False)
        ]
        return None, problems


def _message(item: Any) -> str:
    """Pydantic's error as a sentence a curator understands, naming the field by its key path."""
    loc = tuple(item["loc"])
    where = _key_path(loc)
    kind = item["type"]
    if kind == "missing":
        return f"missing required field {where!r}"
    if kind == "extra_forbidden":
        owner = _OWNERS.get(str(loc[0])) if len(loc) > 1 else "FrontMatter"
        return f"unknown field {where!r}{did_you_mean(str(loc[-1]), FIELD_NAMES[owner or 'FrontMatter'])}"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping"}.get(
            kind, "a mapping"
        )
        return f"{where!r} must be {wanted}, not {_kind_of(item['input'])}"
    if kind in ("too_short", "string_too_short"):
        return f"{where!r} must not be empty"
    if kind in ("too_long", "string_too_long"):
        limit = item.get("ctx", {}).get("max_length")
        unit = "characters" if kind == "string_too_long" else "items"
        return f"{where!r} is too long: at most {limit} {unit}"
    if kind == "string_pattern_mismatch":
        return f"{where!r} must be a lowercase slug (letters, digits, single hyphens), got {item['input']!r}"
    message = item["msg"]
    return f"{where!r} {message}" if message.startswith("must ") else f"{where!r}: {message}"


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"text {value!r}" if isinstance(value, str) else "empty"


def _key_path(loc: tuple[Any, ...]) -> str:
    """`('quotes', 0, 'by')` → `quotes[0].by`, the way MkDocs names config options."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's marker for a mapping key that failed validation
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def cross_checks(meta: FrontMatter, parsed: Parsed, shown: str, first_line: int) -> list[Problem]:
    """Rules that relate two fields, so they cannot live on one field's validator."""
    found: list[Problem] = []

    def at(*path: str | int) -> int:
        return parsed.line_of(path, first_line)

    for theme in meta.highlights:
        if theme not in meta.themes:
            found.append(
                Problem(
                    shown,
                    at("highlights", theme),
                    f"highlight for {theme!r}, which is not in this record's themes",
                )
            )
    for index, quote in enumerate(meta.quotes):
        if quote.theme is not None and quote.theme not in meta.themes:
            found.append(
                Problem(
                    shown,
                    at("quotes", index, "theme"),
                    f"quote's theme {quote.theme!r} is not in this record's themes",
                )
            )
    if meta.updated is not None and meta.updated < meta.date:
        found.append(Problem(shown, at("updated"), "'updated' is earlier than 'date'"))
    if len(set(meta.people)) != len(meta.people):
        found.append(Problem(shown, at("people"), "'people' names someone twice"))
    if meta.source.url is None:
        found.append(
            Problem(shown, at("source"), "source has no 'url'; add the link when there is one", "warning")
        )
    return found
