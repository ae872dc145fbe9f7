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
    builder = _Builder(path, first_line)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.take(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "not valid YAML"
        if error.context and error.context_mark and error.problem_mark:
            started = first_line + error.context_mark.line
            reason += f" ({error.context} that starts on line {started})"
        raise builder.problem(mark, f"YAML syntax error: {reason}") from None
    except yaml.YAMLError as error:
        raise builder.problem(None, f"YAML syntax error: {error}") from None
    return Parsed(builder.root, builder.lines)


class _Builder:
    """Plain data from YAML events, one at a time, with the line of every key and list item."""

    def __init__(self, path: str, first_line: int) -> None:
        self.path = path
        self.first_line = first_line
        self.lines: dict[KeyPath, int] = {}
        self.stack: list[_Open] = []
        self.root: Any = None
        self.documents = 0

    def problem(self, mark: Any, message: str) -> InvalidRecord:
        line = self.first_line + (mark.line if mark is not None else 0)
        return InvalidRecord([Problem(self.path, line, message)])

    def take(self, event: Any) -> None:
        self._refuse_features(event)
        line = self.first_line + event.start_mark.line
        top = self.stack[-1] if self.stack else None
        if isinstance(event, yaml.ScalarEvent):
            if top is not None and isinstance(top.value, dict) and top.key is None:
                self._key(top, event, line)
            else:
                _check_room(top, event, self.problem)
                plain = event.implicit[0] and event.style is None
                self._place(None if plain and event.value in NULLS else event.value, line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if top is not None and isinstance(top.value, dict) and top.key is None:
                raise self.problem(event.start_mark, "a key must be plain text, not a list or mapping")
            if len(self.stack) >= MAX_DEPTH:
                raise self.problem(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            _check_room(top, event, self.problem)
            container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
            opened = _Open(container, self._child_path(top))
            self._place(container, line)
            self.stack.append(opened)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def _refuse_features(self, event: Any) -> None:
        """More than one document, anchors, aliases and tags: none is needed, each is a risk."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.problem(event.start_mark, "front-matter holds more than one YAML document")
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise self.problem(event.start_mark, "YAML anchors and aliases (& and *) are not allowed")
        if getattr(event, "tag", None) not in PLAIN_TAGS:
            shown_tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise self.problem(event.start_mark, f"YAML tag {shown_tag!r} is not allowed")

    def _key(self, top: _Open, event: Any, line: int) -> None:
        if len(top.value) >= MAX_ITEMS:
            raise self.problem(event.start_mark, f"more than {MAX_ITEMS} keys in one mapping")
        if event.value in top.key_lines:
            raise self.problem(
                event.start_mark,
                f"key {event.value!r} appears twice (first at line {top.key_lines[event.value]})",
            )
        top.key = event.value
        top.key_lines[event.value] = line
        self.lines[(*top.path, event.value)] = line

    def _place(self, value: Any, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            self.lines[(*parent.path, len(parent.value))] = line
            parent.value.append(value)
        else:
            assert parent.key is not None
            parent.value[parent.key] = value
            parent.key = None

    def _child_path(self, parent: _Open | None) -> KeyPath:
        if parent is None:
            return ()
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        assert parent.key is not None
        return (*parent.path, parent.key)


def _check_room(parent: _Open | None, event: Any, problem: Any) -> None:
    if parent is not None and isinstance(parent.value, list) and len(parent.value) >= MAX_ITEMS:
        raise problem(event.start_mark, f"more than {MAX_ITEMS} items in one list")
