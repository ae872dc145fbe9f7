"""What a reader sees, in a real headless Chromium against the built site on localhost."""

from __future__ import annotations

import pytest

from conftest import serve_folder
from generator.project import Project

pytestmark = pytest.mark.browser
SEED = "2025-06-02-umerov-istanbul-positions"


def test_search_for_dot_chain_offers_the_seed_record_and_opens_it(built_real_site: Project, page) -> None:
    with serve_folder(built_real_site.site) as base:
        page.goto(f"{base}/")
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("DOT-Chain", delay=30)  # typed, as a reader would
        result = page.locator(f".md-search-result a[href*='{SEED}']").first
        result.wait_for(state="visible", timeout=10_000)
        assert "Umerov after the Istanbul talks" in result.inner_text()
        result.click()
        page.wait_for_url(f"**/briefings/{SEED}/**")
        assert "DOT-Chain" in page.locator("article").inner_text()
        assert page.console_errors == []


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/", "Latest briefings"),
        ("/themes/diplomacy/", "Diplomacy"),
        ("/themes/air-defense/", "Air defense"),
        ("/themes/drones/", "Drones"),
        ("/themes/defense-industry/", "Defense industry"),
        (f"/briefings/{SEED}/", "Build with Ukraine"),
        ("/timeline/", "June 2025"),
        ("/people/rustem-umerov/", "Rustem Umerov"),
    ],
)
def test_pages_render_without_console_errors(
    built_real_site: Project, page, path: str, expected: str
) -> None:
    with serve_folder(built_real_site.site) as base:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200
        assert expected in page.locator("article").inner_text()
        assert page.console_errors == []


def test_theme_page_lists_the_seed_with_its_theme_highlight(built_real_site: Project, page) -> None:
    with serve_folder(built_real_site.site) as base:
        page.goto(f"{base}/themes/drones/")
        article = page.locator("article").inner_text()
        assert "DOT-Chain system, in which combat units choose and order drones" in article
        assert "Build with Ukraine project" not in article  # that highlight belongs to defense industry
        page.locator(f"article a[href*='{SEED}']").first.click()
        page.wait_for_url(f"**/briefings/{SEED}/**")
