"""YAML syntax errors in a contributor's words: which line, what is wrong, what was expected.

PyYAML says `did not find expected '-' indicator (while parsing a block collection)`; what a
contributor did was indent a line by three spaces instead of two. So the lines above the error
are read again for their indentation (`misindented`), and the remaining errors are put in plain
words by what PyYAML was reading when it stopped (`plain_words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# `key:` or `- key:` (any number of list dashes) with a space or the line's end after the colon.
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[\w-]+) *:(?: +|$)(?P<value>.*)$")
DASH_LINE = re.compile(r"^(?P<indent> *)- ")
BLOCK_SCALAR = re.compile(r"^[>|][+-]?\d*\s*(#.*)?$")


@dataclass(frozen=True)
class _Level:
    column: int
    name: str | None  # the key; None for a list item
    line: int  # 1-based within the text
    opens: bool  # nothing after the colon: an indented block follows


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def _levels(line_text: str, line: int) -> list[_Level]:
    """The list items and the key a line opens, left to right."""
    match = KEY_LINE.match(line_text)
    if match is None:
        dash = DASH_LINE.match(line_text)
        return [_Level(len(dash.group("indent")), None, line, True)] if dash else []
    column = len(match.group("indent"))
    levels = []
    for dash in re.finditer(r"- +", match.group("dashes")):
        levels.append(_Level(column + dash.start(), None, line, True))
    key_column = column + len(match.group("dashes"))
    value = match.group("value").strip()
    opens = value == "" or value.startswith("#") or bool(BLOCK_SCALAR.match(value))
    levels.append(_Level(key_column, match.group("key"), line, opens))
    return levels


def _open_levels(lines: list[str], upto: int, first_line: int) -> list[_Level]:
    """The keys and list items still open just before line `upto` (0-based), outermost first."""
    stack: list[_Level] = []
    inside_scalar: int | None = None  # a `>-` or `|` text: its lines are text, not YAML
    for index, text in enumerate(lines[:upto]):
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        if inside_scalar is not None:
            if indent > inside_scalar:
                continue
            inside_scalar = None
        levels = _levels(text, first_line + index)
        if not levels:
            continue
        while stack and stack[-1].column >= levels[0].column:
            stack.pop()
        stack += levels
        last = levels[-1]
        match = KEY_LINE.match(text)
        if match and BLOCK_SCALAR.match(match.group("value").strip()):
            inside_scalar = last.column
    return stack


def misindented(lines: list[str], index: int, first_line: int = 1) -> str | None:
    """What is wrong with the indentation of line `index` (0-based; `lines[0]` is line
    `first_line` of the file), or None if it looks right."""
    levels = _levels(lines[index], first_line + index)
    if not levels:
        return None
    here = levels[0]
    stack = _open_levels(lines, index, first_line)
    if not stack:
        return None
    top = stack[-1]
    if top.opens and here.column > top.column:
        return None  # the first line of a nested block
    same_kind = [level for level in stack if (level.name is None) == (here.name is None)]
    if not same_kind or here.column in {level.column for level in same_kind}:
        return None
    # The nearest level, the deeper one on a tie: a contributor usually meant to continue the
    # block they were writing.
    nearest = min(reversed(same_kind), key=lambda level: abs(level.column - here.column))
    what = "this list item" if here.name is None else repr(here.name)
    other = (
        f"the item on line {nearest.line}"
        if nearest.name is None
        else f"{nearest.name!r} on line {nearest.line}"
    )
    if nearest.column == 0:
        return f"{what} is indented {_spaces(here.column)}, but {other} is not indented; remove the spaces"
    return (
        f"{what} is indented {_spaces(here.column)}, but {other} is indented {_spaces(nearest.column)}; "
        f"indent it by {_spaces(nearest.column)} to line them up"
    )


def plain_words(error: Any, lines: list[str], first_line: int = 1) -> tuple[int, str]:
    """(0-based line, message) for a PyYAML MarkedYAMLError, in plain words; `lines[0]` is line
    `first_line` of the file, for the lines that messages name."""
    problem = error.problem or ""
    context = error.context or ""
    at = error.problem_mark.line if error.problem_mark else 0
    started = error.context_mark.line if error.context_mark else at
    if at < len(lines) and (
        "expected" in problem or "mapping values" in problem or "cannot start any token" in problem
    ):
        if "\t" in lines[at][: len(lines[at]) - len(lines[at].lstrip())]:
            return at, "this line is indented with a tab; YAML indents with spaces only"
        wrong = misindented(lines, at, first_line)
        if wrong:
            return at, wrong
    if "quoted scalar" in context:
        line = lines[started] if started < len(lines) else ""
        column = error.context_mark.column
        quote = line[column] if column < len(line) and line[column] in "'\"" else "'"
        return (
            started,
            "the quoted text that starts on this line is never closed; "
            f"end it with the same quote mark ({quote})",
        )
    if "flow sequence" in context:
        return started, "the list that opens with '[' on this line needs ',' between items and ']' at its end"
    if "flow mapping" in context:
        return (
            started,
            "the mapping that opens with '{' on this line needs ',' between items and '}' at its end",
        )
    if "mapping values" in problem:
        match = KEY_LINE.match(lines[at]) if at < len(lines) else None
        if match and ": " in match.group("value"):
            key = match.group("key")
            return at, (
                f"the text of {key!r} holds ': ', which YAML reads as the start of another field; "
                f"put the whole text in quotes, e.g. {key}: '{match.group('value').strip()}'"
            )
        return at, "a ':' here starts a field where none can start; check this line's indentation"
    if "expected '-' indicator" in problem:
        return at, f"expected another list item ('- ') lined up with the list on line {first_line + started}"
    if "expected key" in problem:
        return at, "expected a field (name: value) lined up with the fields above it"
    if "escape character" in problem:
        return at, "inside double quotes a backslash starts an escape; write \\\\ or use single quotes"
    if "cannot start any token" in problem:
        # YAML also breaks lines at a lone "\r", so its column may lie past our line's end.
        line = lines[at] if at < len(lines) else ""
        column = error.problem_mark.column
        if column >= len(line):
            return at, "a value on this line starts with a character YAML cannot read; put the text in quotes"
        return at, f"a value cannot start with {line[column]!r}; put the text in quotes"
    reason = problem or context or "not valid YAML"
    return at, f"not valid YAML: {reason}"
