"""Where a record body links to: every inline link, image and link reference outside code."""

from __future__ import annotations

import functools
import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)


# Asked of every body on every run of a serve, whose bodies are the same string objects.
@functools.lru_cache(maxsize=1 << 15)
def link_targets(body: str) -> tuple[tuple[int, str], ...]:
    """(offset, target) of every inline link, image and link reference outside code."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    masked = _CODE_SPAN.sub(blank, _FENCE.sub(blank, body))
    targets = [
        (m.start(1), m.group(1)) for pattern in (_INLINE, _REFERENCE) for m in pattern.finditer(masked)
    ]
    return tuple(sorted((offset, target.strip("<>")) for offset, target in targets))
