"""Front-matter YAML to plain data, keeping the source line of every key and list item.

Records need only mappings, lists and text, so the YAML is read as events and every scalar
stays a string: no YAML 1.1 surprises (`no` → False, `1.10` → 1.1), no tags, no aliases
(so no "billion laughs"), and nesting is bounded. Building from events also needs no
recursion, so a deeply nested document is refused instead of overflowing the stack, and the
events are read one at a time, so the first anchor, tag or level too deep stops the reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.problems import InvalidRecord, Problem

KeyPath = tuple[str | int, ...]
MAX_DEPTH = 8
MAX_ITEMS = 200  # per list or mapping; the schema's own list limits are lower and say more
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
PLAIN_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Open:
    """A mapping or list still being read."""

    value: dict[str, Any] | list[Any]
    path: KeyPath
    key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Parsed:
    data: Any
    lines: dict[KeyPath, int]

    def line_of(self, path: KeyPath, default: int) -> int:
        """The line of the deepest known key along `path`."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return default


def parse_front_matter(text: str, path: str, first_line: int) -> Parsed:
    """Parse `text`, whose first line is line `first_line` of the file at `path`."""

    def problem(mark: Any, message: str) -> InvalidRecord:
        line = first_line + (mark.line if mark is not None else 0)
        return InvalidRecord([Problem(path, line, message)])

    lines: dict[KeyPath, int] = {}
    stack: list[_Open] = []
    root: Any = None
    documents = 0

    def place(value: Any, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        parent = stack[-1]
        if isinstance(parent.value, list):
            item_path = (*parent.path, len(parent.value))
            lines[item_path] = line
            parent.value.append(value)
        else:
            assert parent.key is not None
            parent.value[parent.key] = value
            parent.key = None

    def child_path(parent: _Open | None) -> KeyPath:
        if parent is None:
            return ()
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        assert parent.key is not None
        return (*parent.path, parent.key)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise problem(event.start_mark, "front-matter holds more than one YAML document")
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise problem(event.start_mark, "YAML anchors and aliases (& and *) are not allowed")
            if getattr(event, "tag", None) not in PLAIN_TAGS:
                shown_tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                raise problem(event.start_mark, f"YAML tag {shown_tag!r} is not allowed")
            line = first_line + event.start_mark.line
            top = stack[-1] if stack else None
            if isinstance(event, yaml.ScalarEvent):
                is_key = top is not None and isinstance(top.value, dict) and top.key is None
                if is_key:
                    assert top is not None
                    if len(top.value) >= MAX_ITEMS:
                        raise problem(event.start_mark, f"more than {MAX_ITEMS} keys in one mapping")
                    if event.value in top.key_lines:
                        raise problem(
                            event.start_mark,
                            f"key {event.value!r} appears twice (first at line {top.key_lines[event.value]})",
                        )
                    top.key = event.value
                    top.key_lines[event.value] = line
                    lines[(*top.path, event.value)] = line
                else:
                    _check_room(top, event, problem)
                    plain = event.implicit[0] and event.style is None
                    place(None if plain and event.value in NULLS else event.value, line)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if top is not None and isinstance(top.value, dict) and top.key is None:
                    raise problem(event.start_mark, "a key must be plain text, not a list or mapping")
                if len(stack) >= MAX_DEPTH:
                    raise problem(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
                _check_room(top, event, problem)
                container: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                opened = _Open(container, child_path(top))
                place(container, line)
                stack.append(opened)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "not valid YAML"
        if error.context and error.context_mark and error.problem_mark:
            started = first_line + error.context_mark.line
            reason += f" ({error.context} that starts on line {started})"
        raise problem(mark, f"YAML syntax error: {reason}") from None
    except yaml.YAMLError as error:
        raise problem(None, f"YAML syntax error: {error}") from None
    return Parsed(root, lines)


def _check_room(parent: _Open | None, event: Any, problem: Any) -> None:
    if parent is not None and isinstance(parent.value, list) and len(parent.value) >= MAX_ITEMS:
        raise problem(event.start_mark, f"more than {MAX_ITEMS} items in one list")
