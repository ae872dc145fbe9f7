"""Read one built HTML page for the audit: where it links, and any markup a record must not make.

The theme's own scripts live outside the page's `<article>`; inside it, everything comes from
Markdown, so a script, frame or form there can only have come from a record. Event-handler
attributes and `javascript:`/`data:` targets are refused anywhere on the page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from generator.body_policy import unsafe_scheme

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
    parser.close()
    return PageScan(tuple(parser.links), tuple(parser.unsafe))


def site_path(base: str, reference: str, root: str = "/") -> str | None:
    """The site path a relative `reference` on a page in folder `base` points to, or None.

    None for links that leave the site (a scheme, `//host`) or stay on the page (`#anchor`);
    "../" past the site root gives a path starting with "..", which never exists.
    """
    parts = urlsplit(reference)
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


class _Scanner(HTMLParser):
    def __init__(self, base: str, root: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.root = root
        self.in_article = 0
        self.links: list[str] = []
        self.unsafe: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        if self.in_article and tag in FORBIDDEN_IN_ARTICLE:
            self.unsafe.append(f"<{tag}> element in the page content")
        for name, value in attrs:
            if name.startswith("on"):
                self.unsafe.append(f"event-handler attribute {name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None:
                scheme = unsafe_scheme(value)
                if scheme is not None or name == "srcdoc":
                    self.unsafe.append(f"{name}={value[:60]!r} on <{tag}>")
                elif name in LINK_ATTRIBUTES:
                    target = site_path(self.base, value, self.root)
                    if target is not None:
                        self.links.append(target)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "article":
            self.in_article -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.in_article:
            self.in_article -= 1
