"""What a record body may contain: Markdown, not raw HTML, and links only to safe places.

Records arrive from people we do not control, and Python-Markdown passes raw HTML straight
through to the page. So `briefing check` rejects, with the line, every raw HTML tag or comment,
every link or image whose target is a `javascript:`, `data:` or other non-web scheme, and
every attribute list (`{: … }`) that sets anything but an id, a class or a few plain attributes.
The scan is deliberately stricter than Markdown itself: only one-line code spans are skipped,
so a false alarm is possible (write `&lt;` for a literal `<`) but a miss should not be. The
post-build audit scans the built pages again, in case anything slips past this.
"""

from __future__ import annotations

import html
import re

from generator.problems import Problem

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
SAFE_ATTRIBUTES = frozenset({"title", "lang", "width", "height", "alt"})

# One-line code spans, as Python-Markdown finds them: their content is shown, never parsed.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)([^\n]+?)(?<!`)\1(?!`)")
# Anything a browser could take for the start of a tag, comment or processing instruction.
_TAG_START = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9:-]*|!|\?)")
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp)://[^<>\s]*|mailto:[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>", re.IGNORECASE)
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)]*)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?(\S*)", re.MULTILINE)
_ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTRIBUTE_KEY = re.compile(r"([^\s=#.{}:][^\s=]*)\s*=")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\\]+")


def check_body(text: str, shown: str, first_line: int) -> list[Problem]:
    """Every policy breach in `text`, a body whose first line is line `first_line` of `shown`."""
    masked = _CODE_SPAN.sub(lambda span: " " * len(span.group(0)), text)

    def at(offset: int, message: str) -> tuple[int, Problem]:
        return offset, Problem(shown, first_line + text.count("\n", 0, offset), message)

    found: list[tuple[int, Problem]] = []
    lines_with_html: set[int] = set()
    for tag in _TAG_START.finditer(masked):
        line = text.count("\n", 0, tag.start())
        if line in lines_with_html or _AUTOLINK.match(masked, tag.start()):
            continue  # one report per line is enough: `<b>x</b>` is one mistake, not two
        lines_with_html.add(line)
        found.append(
            at(
                tag.start(),
                f"raw HTML is not allowed in a record body (found {tag.group(0)!r}); write Markdown, "
                "put code in `backticks`, or write &lt; for a literal <",
            )
        )
    for pattern in (_INLINE_TARGET, _REFERENCE_TARGET):
        for link in pattern.finditer(masked):
            scheme = unsafe_scheme(link.group(1))
            if scheme is not None:
                found.append(
                    at(
                        link.start(1),
                        f"link target {_clip(link.group(1))!r} uses the {scheme}: scheme; "
                        "only http, https and mailto links, or links to other pages, are allowed",
                    )
                )
    for attributes in _ATTRIBUTE_LIST.finditer(masked):
        for key in _ATTRIBUTE_KEY.findall(attributes.group(1)):
            if key.lower() not in SAFE_ATTRIBUTES:
                found.append(
                    at(
                        attributes.start(),
                        f"attribute {key!r} is not allowed in an attribute list; use #id, .class, "
                        f"or one of {', '.join(sorted(SAFE_ATTRIBUTES))}",
                    )
                )
    return [problem for _offset, problem in sorted(found, key=lambda item: item[0])]


def unsafe_scheme(target: str) -> str | None:
    """The scheme of `target` when it is not a web or mail link, as a browser would read it.

    Browsers ignore tabs, newlines and control characters inside a URL and decode entities in
    attributes, so `java&#9;script:` is `javascript:`; backslashes are dropped too, to be safe.
    """
    plain = _INVISIBLE.sub("", html.unescape(target)).lower()
    match = _SCHEME.match(plain)
    if match is None or match.group(1) in SAFE_SCHEMES:
        return None
    return match.group(1)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
