"""The nav item of the section a generated page belongs to, highlighted while that page renders.

Briefing, theme, year, person and tag pages stay out of the nav (a nav of every record makes the
build quadratic), so Material would highlight nothing on them. The generator names each page's
section in its front matter (`nav_section: themes/index.md`, a docs path: nothing of any engine);
here that nav page is marked active while the page renders, so Material's nav templates give its
item `md-nav__item--active` (read from `nav_item.active`, MkDocs 1.6's flag that its setter
passes on to the item's parents), and the mark is taken off again afterwards.

Also an MkDocs hook (`generator/hook.py` takes its two functions for plain `mkdocs build` and
`serve`; the preview names this file; the adapter runs it in place of the hook, whose generator
has run already, and the page-by-page build does what it does itself). Nav pages are found by
`file.src_uri`, never by comparing `Page` objects (their `__eq__` re-reads titles). Imports
nothing of MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

FRONT_MATTER_KEY = "nav_section"


def section_item(page: Any, nav: Any) -> Any | None:
    """The nav page named by `page`'s `nav_section`, unless it is the page itself."""
    path = (page.meta or {}).get(FRONT_MATTER_KEY)
    if not path or path == page.file.src_uri:
        return None
    return next((item for item in nav.pages if item.file.src_uri == path), None)


@contextmanager
def section_marked(page: Any, nav: Any) -> Iterator[None]:
    """While the block runs (the page's template renders), its section's nav item is active."""
    item = section_item(page, nav)
    if item is None:
        yield
        return
    item.active = True
    try:
        yield
    finally:
        item.active = False
        page.active = page.active  # the page's own parents stay active, should it share one


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """MkDocs renders the page's template right after this event: mark its section, having
    cleared the mark of the page rendered before (a hook sees no event after the template)."""
    for item in nav.pages:
        if item.active and item.file.src_uri != page.file.src_uri:
            item.active = False
    page.active = True
    item = section_item(page, nav)
    if item is not None:
        item.active = True
    return context
