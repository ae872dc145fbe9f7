"""Built HTML pages kept between builds, so that a build renders only the pages whose inputs changed.

A page's HTML depends on its own Markdown, its path, the nav, the configuration, the theme's
templates and the versions of the engine, plus which link targets exist: its `key` hashes the
first six (see `publish/mkdocs_pages.py`), and its entry records every link target the page
looked up, so a cached page is reused only while each of those still resolves the same way.

The cache is the folder the adapter gives (`build/cache/html/`): the HTML lives in its `pages/`
as one file per key, written by rename and never modified afterwards: the staging site may
hard-link it, and the published site then shares the file. The index (`pages.json` beside it) is
written only after a build succeeded, and only pages that built without a single warning enter
it. Deleting the folder only makes the next build slower.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.files import write_atomically

INDEX = "pages.json"
FORMAT = 2  # 2: the audit's facts of each page


@dataclass(frozen=True)
class CachedPage:
    """What a page's build left behind, besides its HTML: what MkDocs' validation needs."""

    key: str
    # Every docs path the page's links looked up → the URL it resolved to (None: not found).
    lookups: dict[str, str | None]
    # The ids a link to this page may name after `#`.
    anchors: tuple[str, ...]
    # Links to anchors of other pages: target docs path → {anchor: the link as written}.
    links_to_anchors: dict[str, dict[str, str]]
    # What the post-build audit needs of the page, by kind (audit.PageFacts), from its HTML.
    facts: dict[str, Any] = field(default_factory=dict)


def html_file(folder: Path, key: str) -> str:
    """Where the page of this key is kept (a string: a build names 15,000 of them)."""
    return f"{folder}/pages/{key[:2]}/{key}.html"


def store_html(folder: Path, key: str, html: bytes) -> Path:
    """Write a page's HTML under its key (by rename: a file once there is never changed)."""
    path = Path(html_file(folder, key))
    if not path.is_file():
        write_atomically(path, html)
    return path


def load_index(folder: Path) -> dict[str, CachedPage]:
    """The pages of the last successful build by docs path; empty when there is none or it is damaged."""
    try:
        raw = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            return {}
        return {
            path: CachedPage(
                entry["key"],
                entry["lookups"],
                tuple(entry["anchors"]),
                entry["links_to_anchors"],
                dict(entry["facts"]),
            )
            for path, entry in raw["pages"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_index(folder: Path, pages: dict[str, CachedPage]) -> None:
    """Keep these pages for the next build and delete the HTML no entry names any more."""
    entries = {
        path: {
            "key": page.key,
            "lookups": page.lookups,
            "anchors": sorted(page.anchors),
            "links_to_anchors": page.links_to_anchors,
            "facts": page.facts,
        }
        for path, page in sorted(pages.items())
    }
    data = json.dumps({"format": FORMAT, "pages": entries}, separators=(",", ":")).encode("utf-8")
    write_atomically(folder / INDEX, data)
    _prune(folder, {page.key for page in pages.values()})


def _prune(folder: Path, keep: set[str]) -> None:
    """Unlink HTML no page uses (a published site's hard link keeps its own copy of the file)."""
    for current, _folders, names in os.walk(folder / "pages"):
        for name in names:
            if name.removesuffix(".html") not in keep:
                Path(current, name).unlink(missing_ok=True)
