"""What a record body may contain: Markdown, not raw HTML, and links only to safe places.

Records arrive from people we do not control, and Python-Markdown passes raw HTML straight
through to the page. So `briefing check` rejects, with the line, every raw HTML tag or comment,
every link or image whose target is a `javascript:`, `data:` or other non-web scheme, and
every attribute list (`{: … }`) that sets anything but an id, a class or a few plain attributes.
The scan is deliberately stricter than Markdown itself: only one-line code spans are skipped,
so a false alarm is possible (write `&lt;` for a literal `<`) but a miss should not be. The
post-build audit scans the built pages again, in case anything slips past this.

Python-Markdown also slows down quadratically or worse on some inputs (thousands of `[` or
backticks in a body; lists or quotes nested hundreds deep overflow its recursion), so a body
gets a budget of those, far above what notes need, and is not scanned further when over it.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable

from pymdownx import twemoji_db

from generator.problems import Problem

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
SAFE_ATTRIBUTES = frozenset({"title", "lang", "width", "height", "alt"})
MAX_BRACKETS = 200  # `[` in one body: links, images and footnote-like text
MAX_BACKTICKS = 400  # in one body
MAX_BACKTICK_RUN = 16  # backticks in a row
MAX_NESTING = 8  # list and quote markers opening one line
MAX_INDENT = 32  # columns of leading space

_BACKTICKS = re.compile(r"`+")
_MARKER = r"[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)"
_NESTED = re.compile(f"^(?:{_MARKER}){{{MAX_NESTING + 1}}}", re.MULTILINE)
_INDENT = re.compile(rf"^[ \t]{{{MAX_INDENT + 1},}}", re.MULTILINE)

# Anything a browser could take for the start of a tag, comment or processing instruction.
_TAG_START = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9:-]*|!|\?)")
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp)://[^<>\s]*|mailto:[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>", re.IGNORECASE)
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)]*)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?(\S*)", re.MULTILINE)
_ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
# The tokens of an attribute list as Python-Markdown's attr_list scans them: key="…", key='…',
# key=value, or a bare word. A bare word that is not #id or .class becomes an attribute too
# (`{:onload}` gives onload="onload"), so every token but those names a key.
_ATTRIBUTE_TOKEN = re.compile(r"""[^\s=}]+="[^"]*"|[^\s=}]+='[^']*'|[^\s=}]+=[^\s=}]+|[^\s=}]+""")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\\`]+")
_SHORTCODE = re.compile(r":[\w+\-]+:")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
# Twemoji shortcodes become <img> tags loading from a CDN: a request that tells a third party
# who reads the archive. Material's own icons (:material-…:) are inlined SVG and stay allowed.
_REMOTE_EMOJI = frozenset(twemoji_db.emoji) | frozenset(twemoji_db.aliases)


Locate = Callable[[int, str], tuple[int, Problem]]  # (offset, message) → (offset, problem at its line)


def check_body(text: str, shown: str, first_line: int) -> list[Problem]:
    """Every policy breach in `text`, a body whose first line is line `first_line` of `shown`."""

    newlines = [newline.start() for newline in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(newlines, offset)

    def at(offset: int, message: str) -> tuple[int, Problem]:
        return offset, Problem(shown, first_line + line_of(offset), message)

    found = _over_budget(text, at)
    if found:
        return [problem for _offset, problem in found]
    masked = _mask_code_spans(text)
    found += _raw_html(masked, line_of, at)
    found += _unsafe_links(text, at)
    found += _remote_content(masked, at)
    found += _attribute_lists(masked, at)
    return [problem for _offset, problem in sorted(found, key=lambda item: item[0])]


def _raw_html(masked: str, line_of: Callable[[int], int], at: Locate) -> list[tuple[int, Problem]]:
    found: list[tuple[int, Problem]] = []
    lines_with_html: set[int] = set()
    for tag in _TAG_START.finditer(masked):
        line = line_of(tag.start())
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
    return found


def _unsafe_links(text: str, at: Locate) -> list[tuple[int, Problem]]:
    # Link targets are read unmasked: Python-Markdown turns a code span inside one back into
    # its plain text, so [x](`javascript:…`) would otherwise slip through.
    found: list[tuple[int, Problem]] = []
    for pattern in (_INLINE_TARGET, _REFERENCE_TARGET):
        for link in pattern.finditer(text):
            scheme = unsafe_scheme(link.group(1))
            if scheme is not None:
                found.append(
                    at(
                        link.start(1),
                        f"link target {_clip(link.group(1))!r} uses the {scheme}: scheme; "
                        "only http, https and mailto links, or links to other pages, are allowed",
                    )
                )
    return found


def _remote_content(masked: str, at: Locate) -> list[tuple[int, Problem]]:
    """Emoji shortcodes and images that a reader's browser would fetch from another server."""
    found: list[tuple[int, Problem]] = []
    for shortcode in _SHORTCODE.finditer(masked):
        if shortcode.group(0) in _REMOTE_EMOJI:
            found.append(
                at(
                    shortcode.start(),
                    f"emoji shortcode {shortcode.group(0)!r} would load an image from another server; "
                    "type the emoji itself instead",
                )
            )
    for image in _IMAGE.finditer(masked):
        if re.match(r"\s*(?:https?:)?//", image.group(1), re.IGNORECASE):
            found.append(
                at(
                    image.start(),
                    f"image {_clip(image.group(1))!r} would load from another server whenever the page "
                    "is read; link to it instead: [description](address)",
                )
            )
    return found


def _attribute_lists(masked: str, at: Locate) -> list[tuple[int, Problem]]:
    found: list[tuple[int, Problem]] = []
    for attributes in _ATTRIBUTE_LIST.finditer(masked):
        for token in _ATTRIBUTE_TOKEN.findall(attributes.group(1)):
            key = token.split("=", 1)[0]
            if key[:1] not in ("#", ".") and key.lower() not in SAFE_ATTRIBUTES:
                found.append(
                    at(
                        attributes.start(),
                        f"attribute {key!r} is not allowed in an attribute list; use #id, .class, "
                        f"or one of {', '.join(sorted(SAFE_ATTRIBUTES))}",
                    )
                )
    return found


def _over_budget(text: str, at: Locate) -> list[tuple[int, Problem]]:
    found: list[tuple[int, Problem]] = []
    for char, limit in (("[", MAX_BRACKETS), ("`", MAX_BACKTICKS)):
        count = text.count(char)
        if count > limit:
            found.append(at(0, f"the body has {count} {char!r} characters; at most {limit} are allowed"))
    for run in _BACKTICKS.finditer(text):
        if len(run.group(0)) > MAX_BACKTICK_RUN:
            found.append(at(run.start(), f"more than {MAX_BACKTICK_RUN} backticks in a row"))
            break
    if nested := _NESTED.search(text):
        found.append(at(nested.start(), f"lists or quotes nested more than {MAX_NESTING} deep"))
    if indented := _INDENT.search(text):
        found.append(at(indented.start(), f"a line indented more than {MAX_INDENT} columns"))
    return found


def _mask_code_spans(text: str) -> str:
    """`text` with one-line code spans blanked: their content is shown, never parsed.

    A span opens at a run of backticks and closes at the next run of the same length on the
    line, as Python-Markdown reads it; pairing runs directly keeps this linear.
    """
    out = list(text)
    line_start = 0
    for line in text.split("\n"):
        runs = [(m.start(), len(m.group(0))) for m in _BACKTICKS.finditer(line)]
        index = 0
        while index < len(runs):
            start, length = runs[index]
            closer = next((j for j in range(index + 1, len(runs)) if runs[j][1] == length), None)
            if closer is None:
                index += 1
                continue
            end = runs[closer][0] + length
            out[line_start + start : line_start + end] = " " * (end - start)
            index = closer + 1
        line_start += len(line) + 1
    return "".join(out)


def unsafe_scheme(target: str) -> str | None:
    """The scheme of `target` when it is not a web or mail link, as a browser would read it.

    Browsers ignore tabs, newlines and control characters inside a URL and decode entities in
    attributes, so `java&#9;script:` is `javascript:`; backslashes and backticks are dropped too, to be safe.
    """
    plain = _INVISIBLE.sub("", html.unescape(target)).lower()
    match = _SCHEME.match(plain)
    if match is None or match.group(1) in SAFE_SCHEMES:
        return None
    return match.group(1)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
