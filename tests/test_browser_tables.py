"""Tables and code on the Data page and the contributor guide, as a reader sees them in Chromium
on the real archive (one record) and at 400 records, on a desktop and a phone, in both schemes:
nothing cut off without a sign that it scrolls, a field name never broken, a size never parted
from its unit, links in tables large enough to tap."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import VIEWPORTS, assert_fits_and_save, reader_page, serve_folder
from generator.project import Project
from geometry import clipped_without_affordance, small_tap_targets

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sites(built_real_site: Project, built_synthetic_site: Project) -> Iterator[dict[str, str]]:
    with serve_folder(built_real_site.site) as real, serve_folder(built_synthetic_site.site) as synthetic:
        yield {"real": real, "400": synthetic}


# Text in a table cell that must stay on one line: a code span (a field or column name), and a
# number with its unit ("484 kB").
BROKEN = r"""() => {
    const lines = range => new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
    const found = [];
    for (const code of document.querySelectorAll('article td code, article th code')) {
        const range = document.createRange();
        range.selectNodeContents(code);
        if (lines(range) > 1) found.push(code.textContent);
    }
    for (const cell of document.querySelectorAll('article td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/\d+(?:\.\d+)?\s(?:kB|MB|bytes)/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                if (lines(range) > 1) found.push(match[0]);
            }
        }
    }
    return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("volume", ["real", "400"])
@pytest.mark.parametrize("path", ["/data/", "/contributing/"])
def test_tables_and_code_read_on_every_screen(
    browser: Any, sites: dict[str, str], path: str, volume: str, viewport: str, scheme: str
) -> None:
    with reader_page(browser, viewport, scheme) as page:
        page.goto(sites[volume] + path)
        page.wait_for_load_state("networkidle")
        assert clipped_without_affordance(page) == []
        assert page.evaluate(BROKEN) == []
        if viewport == "phone":
            assert small_tap_targets(page, "article table a") == []
        if path == "/data/":
            # The files per theme and year fit a phone as a table: nothing to scroll.
            slices = page.locator("table", has_text="Slice")
            assert slices.evaluate(
                "t => { const box = t.closest('.md-typeset__scrollwrap') || t;"
                " return box.scrollWidth <= box.clientWidth + 1; }"
            )
            slices.scroll_into_view_if_needed()
        else:
            page.locator("table").first.scroll_into_view_if_needed()
        name = path.strip("/")
        assert_fits_and_save(
            page, VIEWPORTS[viewport]["width"], f"{name}-{volume}-{viewport}-{scheme}", full_page=False
        )
