"""The site's search index: Pagefind over the built HTML, split into small chunks.

Material's search plugin writes one index file that every reader downloads before the first
result (about 3.4 MB per 1,000 records). Pagefind's index is split by word, so a first search
fetches only the chunks for the words typed: a few hundred kilobytes at 10,000 records.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from generator.archive.urls import SEARCHED_PAGES
from generator.publish.pagefind_order import order_filters

OUTPUT = "pagefind"
# Read by the search box and page: whether the index matches the records. Always fresh after a
# build; `briefing serve` writes its own (publish/serve_search.py).
STATUS = "status.json"
# The page's article only: not the navigation, header or footer that every page repeats, nor
# the "¶" permalinks beside headings.
ROOT = "article.md-content__inner"
IGNORED = ".headerlink, .md-source-file"
# Pages a reader searches for: briefings, people and the hand-written pages. Listings (home,
# themes, timeline, tags) repeat the titles and highlights of many briefings and would crowd
# the briefings themselves out of the results.
PAGES = SEARCHED_PAGES


class SearchIndexFailed(Exception):
    pass


def index_site(site: Path) -> None:
    """Write the Pagefind index and its JavaScript into `site`/pagefind/."""
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(site),
        "--output-subdir", OUTPUT,
        "--root-selector", ROOT,
        "--exclude-selectors", IGNORED,
        "--glob", PAGES,
        "--force-language", "en",
        "--silent",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexFailed(
            f"pagefind exited with {done.returncode}: {(done.stderr or done.stdout).strip()}"
        )
    order_filters(site / OUTPUT)  # Pagefind writes filters in hash-map order: same site, other bytes
    (site / OUTPUT / STATUS).write_text('{"stale": false}', encoding="utf-8")


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
