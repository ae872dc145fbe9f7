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
from generator.records.yaml_words import plain_words

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


def parse_front_matter(text: str, path: str, first_line: int, max_items: int = MAX_ITEMS) -> Parsed:
    """Parse `text`, whose first line is line `first_line` of the file at `path`; `max_items`
    bounds each list and mapping (a vocabulary file holds more entries than a record)."""
    builder = _Builder(path, first_line, max_items)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.take(event)
    except yaml.MarkedYAMLError as error:
        line, message = plain_words(error, text.split("\n"), first_line)
        raise InvalidRecord([Problem(path, first_line + line, message)]) from None
    except yaml.YAMLError as error:
        raise builder.problem(None, f"not valid YAML: {error}") from None
    return Parsed(builder.root, builder.lines)


class _Builder:
    """Plain data from YAML events, one at a time, with the line of every key and list item."""

    def __init__(self, path: str, first_line: int, max_items: int) -> None:
        self.path = path
        self.first_line = first_line
        self.max_items = max_items
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
                self._check_room(top, event)
                # Plain (unquoted) style is None in PyYAML and "" in its C loader.
                plain = event.implicit[0] and not event.style
                self._place(None if plain and event.value in NULLS else event.value, line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if top is not None and isinstance(top.value, dict) and top.key is None:
                raise self.problem(event.start_mark, "a key must be plain text, not a list or mapping")
            if len(self.stack) >= MAX_DEPTH:
                raise self.problem(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            self._check_room(top, event)
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
        if len(top.value) >= self.max_items:
            raise self.problem(event.start_mark, f"more than {self.max_items} keys in one mapping")
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

    def _check_room(self, parent: _Open | None, event: Any) -> None:
        if parent is not None and isinstance(parent.value, list) and len(parent.value) >= self.max_items:
            raise self.problem(event.start_mark, f"more than {self.max_items} items in one list")

    def _child_path(self, parent: _Open | None) -> KeyPath:
        if parent is None:
            return ()
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        assert parent.key is not None
        return (*parent.path, parent.key)
