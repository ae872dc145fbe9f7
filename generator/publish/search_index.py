"""The site's search index: Pagefind over the built HTML of the pages readers search.

Material's search plugin writes one index file that every reader downloads before the first
result (about 3.4 MB per 1,000 records). Pagefind's index is split by word, so a first search
fetches only the chunks for the words typed. By default it is one bundle (`pagefind/`). With
`search_parts: year` under `extra:` in mkdocs.yml it comes in parts: one bundle for the pages
that are not briefings (`pagefind/`, with Pagefind's scripts) and one per year of briefings
(`pagefind/<year>/`), listed in `pagefind/parts.json`, which the search box and page merge in
the browser (`mergeIndex`). Parts bound Pagefind's memory and let a build index again only the
parts whose pages changed (publish/search_bundles.py), but cost readers more bytes on a first
search (README, "The search index"). Either way the bundles are kept in the build's cache and
reused while their pages are unchanged.

`briefing build` starts the index as soon as the searched pages are in place and renders the
other pages meanwhile (`SearchIndex.start`, then `finish`): Pagefind mostly runs on one core.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from generator.archive.model import Archive
from generator.archive.urls import SEARCHED_PAGES, briefing_html
from generator.files import Tree
from generator.publish.search_bundles import BundleFailed, Part, build_bundle, bundle_key, link_bundle, prune

OUTPUT = "pagefind"
# Read by the search box and page: whether the index matches the records. Always fresh after a
# build; `briefing serve` writes its own (publish/serve_search.py).
STATUS = "status.json"
# Read by the search box and page: the bundles to merge into the first one, newest year first.
PARTS = "parts.json"
# Pages a reader searches for: briefings, people and the hand-written pages. Listings (home,
# themes, timeline, tags) repeat the titles and highlights of many briefings and would crowd
# the briefings themselves out of the results.
PAGES = SEARCHED_PAGES
# Two Pagefind processes at a time: both cores, and at most twice the largest part in memory.
WORKERS = 2


class SearchIndexFailed(Exception):
    pass


def search_parts(archive: Archive) -> dict[str, str]:
    """Which part each briefing page belongs to: the year of its record."""
    return {briefing_html(record.id): str(record.meta.date.year) for record in archive.records}


def is_searched(path: str) -> bool:
    """Whether the site's file at `path` is a page readers search (`PAGES`)."""
    return any(Path(path).match(pattern) and path.count("/") == pattern.count("/") for pattern in PAGES)


class SearchIndex:
    """One indexing of a site: `start` once the searched pages are in place, `finish` to wait
    for Pagefind and put the bundles into the site."""

    def __init__(self, tree: Tree, cache: Path, parts: Mapping[str, str] | None = None) -> None:
        self.tree = tree
        self.cache = cache
        self.parts = parts or {}
        self._pool = ThreadPoolExecutor(WORKERS)
        self._jobs: list[tuple[Part, str, Future[Path]]] = []

    def start(self, known: Mapping[str, str] | None = None) -> None:
        """Index the searched pages of the site (in the background): those `known` names by their
        cache keys (which saves reading them to tell whether they changed) or, without it, every
        searched page in the site folder."""
        site = self.tree.folder
        pages = sorted(filter(is_searched, known)) if known is not None else _searched_pages(site)
        for part in _group(pages, self.parts):
            key = bundle_key(site, part, known)
            self._jobs.append((part, key, self._pool.submit(build_bundle, site, part, self.cache, key)))

    def finish(self) -> None:
        """Wait for the bundles and put them, the list of parts and the status into the site."""
        try:
            bundles = [(part, key, job.result()) for part, key, job in self._jobs]
        except BundleFailed as error:
            raise SearchIndexFailed(str(error)) from None
        finally:
            self._pool.shutdown()
        for part, _key, bundle in bundles:
            link_bundle(bundle, self.tree, f"{OUTPUT}/{part.name}/" if part.name else f"{OUTPUT}/")
        merged = [
            {"path": f"{part.name}/", "pages": len(part.pages)} for part, _key, _b in bundles if part.name
        ]
        self.tree.write(f"{OUTPUT}/{PARTS}", json.dumps({"parts": merged}).encode("utf-8"))
        self.tree.write(f"{OUTPUT}/{STATUS}", b'{"stale": false}')
        prune(self.cache, [key for _part, key, _bundle in bundles])


def index_site(site: Path, parts: Mapping[str, str] | None = None, cache: Path | None = None) -> None:
    """Write the search index of `site` (a site built by another engine) into `site`/pagefind/."""
    scratch = cache is None
    cache = cache or site / ".search-cache"
    indexing = SearchIndex(Tree(site), cache, parts)
    indexing.start()
    indexing.finish()
    if scratch:
        prune(cache, [])
        cache.rmdir()


def _searched_pages(site: Path) -> list[str]:
    found = (path for pattern in PAGES for path in site.glob(pattern) if path.is_file())
    return sorted(path.relative_to(site).as_posix() for path in found)


def _group(pages: list[str], parts: Mapping[str, str]) -> list[Part]:
    """The first part (pages not in `parts`), then the named parts, newest year first."""
    named: dict[str, list[str]] = {"": []}
    for page in pages:
        named.setdefault(parts.get(page, ""), []).append(page)
    order = ["", *sorted((name for name in named if name), reverse=True)]
    return [Part(name, tuple(named[name])) for name in order]


def main() -> None:
    """`python -m generator.publish.search_index SITE`: index a site built by another engine (Zensical)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("site", type=Path, help="the built site folder, e.g. site")
    args = parser.parse_args()
    try:
        index_site(args.site)
    except SearchIndexFailed as error:
        raise SystemExit(f"error: {error}") from None


if __name__ == "__main__":
    main()
