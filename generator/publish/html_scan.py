"""Read one built HTML page for the audit: where it links, and any markup a record must not make.

The theme's own scripts live outside the page's `<article>`; inside it, everything comes from
Markdown, so a script, frame or form there can only have come from a record. Event-handler
attributes and `javascript:`/`data:` targets are refused anywhere on the page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from generator.records.body_policy import unsafe_scheme

_cached_unsafe_scheme = lru_cache(maxsize=1 << 16)(unsafe_scheme)

FORBIDDEN_IN_ARTICLE = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link"}
    | {"style", "template", "noscript", "portal"}
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"}
)
LINK_ATTRIBUTES = frozenset({"href", "src"})


@dataclass(frozen=True)
class PageScan:
    links: tuple[str, ...]  # site paths of the files this page links to, e.g. "briefings/x/index.html"
    unsafe: tuple[str, ...]  # what a record must not put on a page, described


def scan_page(text: str, page: str, root: str = "/") -> PageScan:
    """Scan the HTML of the built page at site path `page` (e.g. "themes/drones/index.html").

    `root` is the path of the site's address (from `site_url`), which absolute links start with.
    """
    parser = _Scanner(posixpath.dirname(page), root)
    parser.feed(text)
    return PageScan(tuple(parser.links), tuple(parser.unsafe))


def text_of(data: bytes) -> str:
    """The file's text as `Path.read_text` gives it (universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


@lru_cache(maxsize=1 << 16)  # pages in one folder share most of their links
def site_path(base: str, reference: str, root: str = "/") -> str | None:
    """The site path a relative `reference` on a page in folder `base` points to, or None.

    None for links that leave the site (a scheme, `//host`) or stay on the page (`#anchor`);
    "../" past the site root gives a path starting with "..", which never exists.
    """
    try:
        parts = urlsplit(reference)
    except ValueError:  # e.g. "https://host[" (a bad IPv6 literal): not a link into the site
        return None
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        inside = path.startswith(root) or path + "/" == root
        path, base = (path[len(root) :], "") if inside else ("../" + path.lstrip("/"), "")
    joined = posixpath.normpath(posixpath.join(base, path))
    joined = "" if joined == "." else joined
    if path.endswith("/") or joined == "":
        joined = posixpath.join(joined, "index.html")
    return joined


# A tokenizer rather than html.parser: the audit reads every page of the site, and this is
# several times faster. It follows the HTML tokenizer where it matters here: comments and the
# text of raw-text elements (a script's text is never markup) are skipped, quoted values may
# hold ">", and "/" separates attributes (`<svg/onload=…>`).
RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed")
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_HIDDEN = re.compile(
    rf"<!--.*?(?:-->|\Z)|(<({'|'.join(RAW_TEXT)})\b{_ATTRIBUTES}>).*?(?=</\2|\Z)", re.S | re.I
)
_TAG = re.compile(rf"<(/?)([a-zA-Z][^\s/>]*)({_ATTRIBUTES})>")
_ATTRIBUTE = re.compile(r"""([^\s/>=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
# Most tags carry only classes and ids; only these attributes need a closer look.
_WORTH_READING = re.compile(
    r"""(?:^|[\s/"'])(?:on|(?:href|src|action|formaction|xlink:href|data|poster|background|srcdoc)\s*=)""",
    re.I,
)


class _Scanner:
    def __init__(self, base: str, root: str) -> None:
        self.base = base
        self.root = root
        self.in_article = 0
        self.links: list[str] = []
        self.unsafe: list[str] = []

    def feed(self, text: str) -> None:
        visible = _HIDDEN.sub(lambda hidden: hidden.group(1) or "", text)
        for closing, name, attributes in _TAG.findall(visible):
            name = name.lower()
            if closing:
                self.in_article -= name == "article" and self.in_article > 0
                continue
            if name == "article" and not attributes.rstrip().endswith("/"):
                self.in_article += 1
            if self.in_article and name in FORBIDDEN_IN_ARTICLE:
                self.unsafe.append(f"<{name}> element in the page content")
            if attributes and _WORTH_READING.search(attributes):
                self.start(name, attributes)

    def start(self, tag: str, attributes: str) -> None:
        for match in _ATTRIBUTE.finditer(attributes):
            name = match.group(1).lower()
            quoted = match.group(2) or ""
            value = html.unescape(quoted[1:-1] if quoted[:1] in ("'", '"') else quoted)
            if name.startswith("on"):
                self.unsafe.append(f"event-handler attribute {name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and match.group(2) is not None:
                if _cached_unsafe_scheme(value) is not None or name == "srcdoc":
                    self.unsafe.append(f"{name}={value[:60]!r} on <{tag}>")
                elif name in LINK_ATTRIBUTES:
                    target = site_path(self.base, value, self.root)
                    if target is not None:
                        self.links.append(target)
