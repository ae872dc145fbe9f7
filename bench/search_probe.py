"""What a reader's first search costs: bytes downloaded for search, and time until the first result.

Serves a built site on 127.0.0.1, opens the home page in headless Chromium, types a query into
the header's search box and waits for the first result. Every response is counted; search
payload is what search fetched (index, worker, Pagefind chunks), each file at its gzip size
(Pagefind's own chunks are already compressed, so they count as sent).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESULT = ".md-search-result__item"
SEARCH_FILES = ("search", "pagefind", "workers/")


@dataclass(frozen=True)
class SearchProbe:
    query: str
    first_result_ms: float  # from the query typed (engine loaded on focus) to the first result shown
    search_bytes_raw: int
    search_bytes_gzip: int
    files: tuple[tuple[str, int], ...]  # (path, gzip bytes) of every search file fetched
    first_result: str

    def as_json(self) -> dict[str, object]:
        return {
            "query": self.query,
            "first_result_ms": round(self.first_result_ms, 1),
            "search_bytes_raw": self.search_bytes_raw,
            "search_bytes_gzip": self.search_bytes_gzip,
            "files": [list(item) for item in self.files],
            "first_result": self.first_result,
        }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def local_page(site: Path, fetched: dict[str, bytes]) -> Iterator[tuple[Any, str]]:
    """A Chromium page and the base URL of `site` served on 127.0.0.1; what the page fetches from
    there is kept in `fetched`. Nothing may leave this machine: a request elsewhere would make the
    figures meaningless."""
    from playwright.sync_api import sync_playwright

    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            page = browser.new_page()
            page.route(
                "**/*",
                lambda route: route.continue_() if route.request.url.startswith(base) else route.abort(),
            )
            page.on("response", lambda response: _keep(response, base, fetched))
            yield page, base
        finally:
            browser.close()


def probe_search(site: Path, query: str, timeout_s: float = 180) -> SearchProbe:
    """Type `query` into the search box of the built `site` and measure the first result."""
    fetched: dict[str, bytes] = {}
    with local_page(site, fetched) as (page, base):
        page.goto(base, wait_until="load")
        box = page.locator("input.md-search__input, input[type=search]").first
        box.click()
        # Focusing the box starts loading the search engine; a reader is still typing then.
        page.wait_for_load_state("networkidle")
        box.fill(query)
        typed = time.perf_counter()
        result = page.locator(RESULT).first
        result.wait_for(state="visible", timeout=timeout_s * 1000)
        elapsed_ms = (time.perf_counter() - typed) * 1000
        first_text = " ".join(result.inner_text().split())[:200]
        page.wait_for_load_state("networkidle")
    files = tuple(
        sorted((path, _gzip_size(path, body)) for path, body in fetched.items() if _is_search(path))
    )
    raw = sum(len(body) for path, body in fetched.items() if _is_search(path))
    return SearchProbe(query, elapsed_ms, raw, sum(size for _, size in files), files, first_text)


def _keep(response: object, base: str, fetched: dict[str, bytes]) -> None:
    url: str = response.url  # type: ignore[attr-defined]
    if url.startswith(base) and response.ok:  # type: ignore[attr-defined]
        # A redirect has no body the browser still holds.
        with contextlib.suppress(Exception):
            fetched[url[len(base) :].split("?")[0]] = response.body()  # type: ignore[attr-defined]


def _is_search(path: str) -> bool:
    return any(marker in path for marker in SEARCH_FILES)


def _gzip_size(path: str, body: bytes) -> int:
    """What the file costs on the wire; Pagefind's chunks and wasm are gzip-compressed already."""
    return min(len(body), len(gzip.compress(body, compresslevel=6, mtime=0)))
