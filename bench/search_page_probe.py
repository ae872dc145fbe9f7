"""What a first search on the search page costs: `/search/?q=…` opened cold in headless Chromium,
with and without a filter, until the first result shows. Counts every search file fetched
(the page, its script, Pagefind's UI, index and filter chunks) at its gzip size, as
bench/search_probe.py does for the header box.

    python -m bench.search_page_probe SITE [--query interceptor] [--filter theme=Air+defense]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.search_probe import _gzip_size, _is_search, local_page

RESULT = ".pagefind-ui__result"


def probe_search_page(site: Path, address: str, timeout_s: float = 180) -> dict[str, object]:
    fetched: dict[str, bytes] = {}
    with local_page(site, fetched) as (page, base):
        started = time.perf_counter()
        page.goto(base + address.lstrip("/"))
        page.locator(RESULT).first.wait_for(state="visible", timeout=timeout_s * 1000)
        elapsed_ms = (time.perf_counter() - started) * 1000
        page.wait_for_load_state("networkidle")
        message = page.locator(".pagefind-ui__message").inner_text()
    searched = {path: body for path, body in fetched.items() if _is_search(path)}
    return {
        "address": address,
        "message": message,
        "first_result_ms": round(elapsed_ms, 1),
        "search_bytes_raw": sum(len(body) for body in searched.values()),
        "search_bytes_gzip": sum(_gzip_size(path, body) for path, body in searched.items()),
        "files": len(searched),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="interceptor")
    parser.add_argument("--filter", default="theme=Air+defense")
    args = parser.parse_args()
    for address in (f"/search/?q={args.query}", f"/search/?q={args.query}&{args.filter}"):
        print(json.dumps(probe_search_page(args.site, address)))


if __name__ == "__main__":
    main()
