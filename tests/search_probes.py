"""Does the search index in parts find what one index finds? Result sets of fixed probe queries.

`compare` indexes a copy of a built site as one bundle, runs every probe query against both
(through Pagefind's own JavaScript API, the parts merged as the search box merges them) and
counts, per probe, the pages the parts miss and add. Synthetic archives only; `bench/search_parts.py`
runs it on any site.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.publish.search_index import OUTPUT, index_site

# Single words, two words, a number, a person, a tag; a filtered search; a sorted one.
PROBES: tuple[tuple[str, dict[str, object]], ...] = (
    ("drones", {}),
    ("ceasefire", {}),
    ("interceptor drones", {}),
    ("joint production", {}),
    ("2024", {}),
    ("Hale Dunmore", {}),
    ("region-7", {}),
    ("synthetic", {"filters": {"theme": "Air defense"}}),
    ("radar", {"filters": {"year": "2023", "kind": "Briefing"}}),
    ("missile", {"sort": {"date": "desc"}, "filters": {"kind": "Briefing"}}),  # as the search page asks
)

# Every result's URL, for each probe; the parts listed in parts.json are merged first.
_SEARCH = """async (probes) => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.options({ baseUrl: "/" });
  const listed = await fetch("/pagefind/parts.json").then((r) => (r.ok ? r.json() : { parts: [] }));
  for (const part of listed.parts) await pagefind.mergeIndex(`/pagefind/${part.path}`, { baseUrl: "/" });
  const found = {};
  for (const [query, options] of probes) {
    const search = await pagefind.search(query, options);
    const pages = await Promise.all(search.results.map((result) => result.data()));
    found[JSON.stringify([query, options])] = pages.map((page) => page.url).sort();
  }
  return found;
}"""


def search_all(page: Any) -> dict[str, list[str]]:
    """Each probe (as JSON) → the sorted URLs of its results, on the site `page` has open."""
    return dict(page.evaluate(_SEARCH, [list(probe) for probe in PROBES]))


def unsharded_copy(site: Path, into: Path) -> Path:
    """A copy of `site` (hard links) with its search index rebuilt as one bundle."""
    copy = into / "site"
    shutil.copytree(site, copy, copy_function=_link, ignore=shutil.ignore_patterns(OUTPUT))
    index_site(copy)
    return copy


ResultSets = Callable[[Path], dict[str, list[str]]]


def compare(site: Path, sets: ResultSets) -> dict[str, dict[str, int]]:
    """For each probe: how many pages one index of the site's pages finds, and how many of
    those the parts miss and how many they add (`sets` runs the probes on a site)."""
    with tempfile.TemporaryDirectory(prefix="search-parts-") as scratch:
        whole = sets(unsharded_copy(site, Path(scratch)))
    parts = sets(site)
    return {
        probe: {
            "one_index": len(urls),
            "parts_miss": len(set(urls) - set(parts[probe])),
            "parts_add": len(set(parts[probe]) - set(urls)),
        }
        for probe, urls in whole.items()
    }


def _link(source: str, destination: str) -> None:
    try:
        Path(destination).hardlink_to(source)
    except OSError:
        shutil.copy2(source, destination)
