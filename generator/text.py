"""Record text as Markdown that shows exactly what the curator wrote, and dates as people read them."""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse

from markupsafe import Markup

# Characters Python-Markdown honours a backslash before: escaping them all keeps record text
# from turning into emphasis, links, headings or lists, wherever in a line it lands.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value: object) -> str:
    """Plain text as an inline Markdown fragment: HTML-escaped, punctuation backslash-escaped."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    flat = " ".join(str(value).split())
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat)
    # `"` too, so text can sit inside a quoted admonition title.
    return html.escape(escaped, quote=False).replace('"', "&quot;")


# Spelled out rather than taken from strftime, whose month names follow the machine's locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_name(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def link_target(url: str) -> Markup:
    """A URL safe inside Markdown's `(...)`: quotes, parentheses, spaces and brackets %-encoded."""
    return Markup(urllib.parse.quote(url, safe=":/?#[]@!$&*+,;=%~-._"))
