"""A page's key: a digest of exactly what its template is given, so that an unchanged key means
unchanged text and the page need not be rendered again.

A template can read only its context (and the generator's code and templates, which the cache
as a whole is keyed on: see `pipeline.code_fingerprint`). So the key digests the context itself,
value by value: plain values as they are, a record by its `fingerprint` (everything it holds),
frozen dataclasses field by field, pydantic models as their JSON. What it cannot digest, it
refuses, and the page is then rendered every time: an `Archive` (a page given the whole archive
depends on every record, so a key would change with any of them anyway), a function, anything
mutable it does not know. A new kind of page is therefore correct by default, and cached once
its context is made of plain values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from generator.archive.model import Archive
from generator.records.record import Record


class Unkeyable(Exception):
    """The context holds a value whose digest would not say what the page shows."""


def context_key(template: str, context: Mapping[str, object]) -> str | None:
    """The digest of `template`'s name and its context; None when some value cannot be digested."""
    parts: list[str] = [template]
    try:
        for name, value in context.items():
            parts.append(name)
            _digest(value, parts)
    except Unkeyable:
        return None
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _digest(value: object, parts: list[str]) -> None:
    """Append tokens for `value` to `parts`: a type tag, then the value, lengths where it has them,
    so that two different values never give the same tokens. The common types come first, by
    their exact type (a page's key digests some eighty values; this runs a million times at
    10,000 records)."""
    kind: type[Any] = type(value)
    if kind is str:
        parts.append(f"s{len(value)}:{value}")  # type: ignore[arg-type]
    elif kind is Record:
        parts.append("r" + value.fingerprint)  # type: ignore[attr-defined]
    elif kind is tuple or kind is list:
        parts.append(f"[{len(value)}")  # type: ignore[arg-type]
        for item in value:  # type: ignore[attr-defined]
            if type(item) is Record:
                parts.append("r" + item.fingerprint)
            else:
                _digest(item, parts)
    # A class is hashable; mypy reads `Hashable` against the instances' unbound `__hash__`.
    elif (names := _frozen_fields(kind)) is not None:  # type: ignore[arg-type]
        parts.append(f"{kind.__module__}.{kind.__qualname__}")
        for name in names:
            _digest(getattr(value, name), parts)
    elif value is None or kind is bool or kind is int or kind is float:
        parts.append(f"{kind.__name__}:{value!r}")
    elif isinstance(value, str):
        # Markup renders as it is, a plain string escaped: the same text, two different pages.
        parts.append(f"{'m' if isinstance(value, Markup) else kind.__name__}{len(value)}:{value}")
    elif isinstance(value, dt.date):  # datetime is a date too; isoformat tells them apart
        parts.append(f"{kind.__name__}:{value.isoformat()}")
    elif isinstance(value, dict):
        parts.append(f"{{{len(value)}")
        for key, item in value.items():  # in order: a template iterating a dict sees its order
            _digest(key, parts)
            _digest(item, parts)
    elif isinstance(value, frozenset | set):
        items = []
        for item in value:
            tokens: list[str] = []
            _digest(item, tokens)
            items.append("\x1e".join(tokens))
        parts.append(f"<{len(value)}")
        parts.extend(sorted(items))  # hash order is not stable between runs
    elif isinstance(value, BaseModel):
        parts.append(f"{kind.__qualname__}:{value.model_dump_json()}")
    else:
        raise Unkeyable(kind.__qualname__)


@functools.cache
def _frozen_fields(kind: type[Any]) -> tuple[str, ...] | None:
    """The field names of a frozen dataclass other than the Archive; None for any other type."""
    params = getattr(kind, "__dataclass_params__", None)
    if params is None or not params.frozen or issubclass(kind, Archive) or not dataclasses.is_dataclass(kind):
        return None
    return tuple(field.name for field in dataclasses.fields(kind))
