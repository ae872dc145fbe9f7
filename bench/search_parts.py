"""Does the search index in parts find what one index finds? Result sets of fixed probe queries.

The built site's index comes in bundles (a part per year, merged in the browser). This indexes
a copy of the same site as one bundle, runs every probe query in headless Chromium against
both (through Pagefind's own JavaScript API, the parts merged as the search box merges them),
and reports every query whose set of result URLs differs. Synthetic archives only.

    python -m bench.search_parts SITE
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.search_probe import local_page
from search_probes import compare, search_all


def result_sets(site: Path) -> dict[str, list[str]]:
    """Each probe (as JSON) → the sorted URLs of its results on the served `site`."""
    with local_page(site, {}) as (page, base):
        page.goto(base)
        return search_all(page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    compared = compare(args.site, result_sets)
    for probe, found in compared.items():
        print(json.dumps({"probe": json.loads(probe), **found}))
    sys.exit(1 if any(found["parts_miss"] or found["parts_add"] for found in compared.values()) else 0)


if __name__ == "__main__":
    main()
