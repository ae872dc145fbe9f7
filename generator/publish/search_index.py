"""The site's search index: Pagefind over the built HTML, in a bundle per part of the site.

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
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.archive.model import Archive
from generator.archive.urls import SEARCHED_PAGES, briefing_html
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


def index_site(site: Path, parts: Mapping[str, str] | None = None, cache: Path | None = None) -> None:
    """Write the search index of `site` into `site`/pagefind/. `parts` maps a page to its part
    (the others go to the first bundle; without it, every page does); bundles are reused from
    `cache` when their pages are unchanged (without it, a scratch cache in the site)."""
    grouped = _group(site, parts or {})
    scratch = cache is None
    cache = cache or site / ".search-cache"
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            keys = list(pool.map(lambda part: bundle_key(site, part), grouped))
            jobs = zip(grouped, keys, strict=True)
            bundles = list(pool.map(lambda job: build_bundle(site, job[0], cache, job[1]), jobs))
    except BundleFailed as error:
        raise SearchIndexFailed(str(error)) from None
    for part, bundle in zip(grouped, bundles, strict=True):
        link_bundle(bundle, site / OUTPUT / part.name)
    merged = [{"path": f"{part.name}/", "pages": len(part.pages)} for part in grouped if part.name]
    (site / OUTPUT / PARTS).write_text(json.dumps({"parts": merged}), encoding="utf-8")
    (site / OUTPUT / STATUS).write_text('{"stale": false}', encoding="utf-8")
    if scratch:
        prune(cache, [])
        cache.rmdir()
    else:
        prune(cache, keys)


def _group(site: Path, parts: Mapping[str, str]) -> list[Part]:
    """The first part (pages not in `parts`), then the named parts, newest year first."""
    found = sorted(
        path.relative_to(site).as_posix()
        for pattern in PAGES
        for path in site.glob(pattern)
        if path.is_file()
    )
    named: dict[str, list[str]] = {"": []}
    for page in found:
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
