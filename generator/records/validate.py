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
    parsed: Parsed, shown: str, themes: tuple[str, ...], first_line: int, end_line: int
) -> tuple[FrontMatter | None, list[Problem]]:
    """The front-matter, or the problems found; lines run from the opening `---` (`first_line`)
    to the closing one (`end_line`)."""
    try:
        return FrontMatter.model_validate(parsed.data, context={"themes": themes}), []
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            if item["type"] == "missing":
                line, where = _place_for(parsed, loc, first_line, end_line)
                problems.append(Problem(shown, line, f"{message_of(item)}: add it {where}"))
            else:
                problems.append(Problem(shown, parsed.line_of(loc, first_line), message_of(item)))
        return None, problems


def _place_for(parsed: Parsed, loc: tuple[Any, ...], first_line: int, end_line: int) -> tuple[int, str]:
    """Where a missing field belongs: the line after the field before it in schema order."""
    parent, name = loc[:-1], str(loc[-1])
    owner = _OWNERS.get(str(parent[0]), "FrontMatter") if parent else "FrontMatter"
    order = FIELD_NAMES[owner]
    present = [field for field in order[: order.index(name)] if (*parent, field) in parsed.lines]
    if not present:
        if not parent:
            return first_line + 1, f"at line {first_line + 1}, as the first field"
        if isinstance(parent[-1], int):  # a list item: its first field goes on its `- ` line
            line = parsed.lines.get(parent, first_line)
            return line, f"at line {line}, first in the item {_key_path(parent)!r} that starts there"
        line = parsed.lines.get(parent, first_line) + 1
        return line, f"at line {line}, as the first field of {_key_path(parent)!r}"
    before = (*parent, present[-1])
    start = parsed.lines[before]
    later = [line for path, line in parsed.lines.items() if line > start and path[: len(before)] != before]
    line = min(later, default=end_line)
    return line, f"at line {line}, after {_key_path(before)!r}"


def message_of(
    item: Any, owners: dict[str, str] = _OWNERS, top: str = "FrontMatter", prefix: tuple[Any, ...] = ()
) -> str:
    """Pydantic's error as a sentence a curator understands, naming the field by its key path.

    `owners` names the model under each top-level field, `top` the model itself; `prefix` is
    prepended to the path shown (the person's slug in people.yml)."""
    loc = tuple(item["loc"])
    where = _key_path((*prefix, *loc))
    kind = item["type"]
    if kind == "missing":
        return f"missing required field {where!r}"
    if kind == "extra_forbidden":
        owner = owners.get(str(loc[0])) if len(loc) > 1 else top
        return f"unknown field {where!r}{did_you_mean(str(loc[-1]), FIELD_NAMES[owner or top])}"
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
            Problem(
                shown,
                at("source"),
                "source has no 'url'; add the link when there is one",
                "warning",
                strict=False,
            )
        )
    elif meta.source.archived is None:
        # News sites move and delete pages; a snapshot keeps the source citable. Many records
        # will not have one at first, so this never fails a check, even a strict one.
        found.append(
            Problem(
                shown,
                at("source", "url"),
                "source has no 'archived' copy; add a snapshot of the page (e.g. from the Wayback "
                "Machine) so that readers can follow the source after it moves or goes",
                "warning",
                strict=False,
            )
        )
    return found
