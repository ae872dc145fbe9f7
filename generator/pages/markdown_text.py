"""Record text as Markdown that shows exactly what the curator wrote, and URLs safe inside links."""

from __future__ import annotations

import html
import re
import urllib.parse

from markupsafe import Markup

# Record text is flattened to one line, so only two kinds of Markdown can arise from it: inline
# markup anywhere (emphasis, code, links, attribute lists), and a block marker where the text
# starts a line (a heading, a list, an admonition). Escaping just those keeps the generated
# Markdown cheap to parse; escaping every punctuation mark made MkDocs' Markdown pass several
# times slower.
_INLINE = re.compile(r"([\\`*_{}\[\]#])")  # "#" too: ATX headings drop a trailing "#"
# ":smile:" would become an emoji image from a CDN; an entity for the colon keeps it text.
_SHORTCODE_COLON = re.compile(r":(?=[\w+\-]+:)")
_BLOCK_START = re.compile(r"^(?:[+\-!]|\d+(?=[.)]))")


def markdown_text(value: object) -> str:
    """Plain text as an inline Markdown fragment that renders as exactly that text."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    flat = " ".join(str(value).split())
    escaped = _INLINE.sub(r"\\\1", flat)
    escaped = _BLOCK_START.sub(_escape_block_start, escaped)
    # `"` too, so text can sit inside a quoted admonition title.
    escaped = html.escape(escaped, quote=False).replace('"', "&quot;")
    return _SHORTCODE_COLON.sub("&#58;", escaped)


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(0)
    # "2025. A year" would start an ordered list: escape the dot after the number instead.
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def link_target(url: str) -> Markup:
    """A URL safe inside Markdown's `(...)`: quotes, parentheses, spaces and brackets %-encoded."""
    return Markup(urllib.parse.quote(url, safe=":/?#[]@!$&*+,;=%~-._"))
