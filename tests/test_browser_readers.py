"""What readers use, in a real headless Chromium against the built fixture site on localhost:
search, theme pages and their feeds, citation and related links, the timeline, no console
errors, an axe-core accessibility scan, and screenshots (desktop and phone) saved for review.

axe-core comes from the npm registry: `.ci/test` runs `npm ci` in tests/browser/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import REPO, SCREENSHOTS, VIEWPORTS, assert_fits_and_save, serve_folder
from generator.project import Project

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
INTERCEPTORS = "2024-11-20-test-air-defense-deliveries"
TALKS = "2025-01-15-test-talks-round"
NONE = "\u2013"  # an en dash: the timeline's count of a month without briefings
THEME_RECORDS = {
    "diplomacy": "Test delegations meet for a round of talks",
    "air-defense": "Test partners pledge interceptor missiles",
    "drones": "Test *not emphasis*",
    "defense-industry": "Test partners pledge interceptor missiles",
}
PAGES = {
    "home": "/",
    "theme": "/themes/air-defense/",
    "briefing": f"/briefings/{INTERCEPTORS}/",
    "timeline": "/timeline/",
}


@pytest.fixture(scope="module")
def base(built_fixture_site: Project) -> Iterator[str]:
    with serve_folder(built_fixture_site.site) as url:
        yield url


def search_for(page: Any, base: str, word: str) -> Any:
    page.goto(f"{base}/")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(word, delay=20)
    result = page.locator(f".md-search-result a[href*='{INTERCEPTORS}']").first
    result.wait_for(state="visible", timeout=10_000)
    return result


@pytest.mark.parametrize("word", ["plumbagoflux", "quasarzebra"])  # a word of the body, of a quote
def test_search_finds_a_record_by_a_word_from_its_body_and_its_quotes(page, base: str, word: str) -> None:
    result = search_for(page, base, word)
    assert "Test partners pledge interceptor missiles" in result.inner_text()
    result.click()
    page.wait_for_url(f"**/briefings/{INTERCEPTORS}/**")
    assert word in page.locator("article").inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize("slug", sorted(THEME_RECORDS))
def test_theme_page_shows_its_records_and_links_its_feeds(page, base: str, slug: str) -> None:
    page.goto(f"{base}/themes/{slug}/")
    article = page.locator("article")
    assert THEME_RECORDS[slug] in article.inner_text()
    for kind, marker in (("xml", "<feed"), ("json", '"version": "https://jsonfeed.org/version/1.1"')):
        link = article.locator(f"a[href$='feed-{slug}.{kind}']")
        assert link.count() == 1
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and marker in response.text()
    alternate = page.locator(f"head link[rel='alternate'][href$='feed-{slug}.xml']")
    assert alternate.count() == 1
    assert page.console_errors == []


def test_briefing_page_shows_the_citation_and_related_links(page, base: str) -> None:
    page.goto(f"{base}/briefings/{INTERCEPTORS}/")
    citation = page.locator(".citation pre code")
    assert citation.is_visible()
    assert citation.inner_text().startswith("Briefing Archive. “Test partners pledge interceptor missiles.”")
    assert f"https://briefing-archive.example.org/briefings/{INTERCEPTORS}/" in citation.inner_text()
    assert page.locator(".citation button[data-md-type='copy']").count() == 1  # Material's copy button
    assert page.locator("meta[name='citation_title']").get_attribute("content") == (
        "Test partners pledge interceptor missiles"
    )
    # Each related briefing is a listing entry: its title link first, then themes and source.
    related = page.locator("#related-briefings + ul > li > p:first-child a")
    assert related.count() == 1
    related.first.click()
    page.wait_for_url(f"**/briefings/{TALKS}/**")
    assert page.title().startswith("Test delegations meet for a round of talks")
    assert page.console_errors == []


def test_timeline_shows_counts_per_month_and_opens_a_year(page, base: str) -> None:
    page.goto(f"{base}/timeline/")
    table = page.locator("article table")
    headers = table.locator("th").all_inner_texts()
    assert headers == ["Month", "Diplomacy", "Air defense", "Drones", "Defense industry", "All"]
    rows = [row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()]
    assert rows == [
        ["February 2025", NONE, NONE, "1", NONE, "1"],
        ["January 2025", "1", NONE, NONE, NONE, "1"],
        ["November 2024", NONE, "1", NONE, "1", "1"],
    ]
    table.locator("a", has_text="November 2024").click()
    page.wait_for_url("**/timeline/2024/#november-2024")
    assert "Test partners pledge interceptor missiles" in page.locator("article").inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize(
    "path",
    ["/", "/themes/", "/people/", "/people/test-minister-alpha/", "/timeline/2025/", "/data/", "/about/"],
)
def test_other_reader_pages_load_without_console_errors(page, base: str, path: str) -> None:
    response = page.goto(f"{base}{path}")
    assert response is not None and response.status == 200
    assert page.locator("article h1").count() == 1
    assert page.console_errors == []


def test_a_missing_address_shows_the_archive_404_page(page, base: str, built_fixture_site: Project) -> None:
    # http.server does not serve 404.html itself, as a static host does: open it directly.
    page.goto(f"{base}/404.html")
    assert page.locator("h1").inner_text() == "Page not found"
    page.locator("article a", has_text="Browse every briefing by date").click()
    page.wait_for_url("**/timeline/")
    assert page.console_errors == []


def axe_violations(page: Any) -> list[dict]:
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` in tests/browser (as .ci/test does)"
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [*PAGES.values(), "/data/", "/people/test-minister-alpha/", "/404.html"])
def test_axe_finds_no_serious_accessibility_violations(page, base: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{base}{path}")
    found = axe_violations(page)
    described = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in found]
    assert described == []


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_fit_the_screen_and_are_saved_as_screenshots(
    viewport_page, base: str, name: str, viewport: str
) -> None:
    page = viewport_page
    page.goto(f"{base}{PAGES[name]}")
    page.wait_for_load_state("networkidle")
    assert_fits_and_save(page, VIEWPORTS[viewport]["width"], f"{name}-{viewport}")


def test_a_briefing_prints_without_the_site_around_it(page, base: str) -> None:
    page.goto(f"{base}/briefings/{INTERCEPTORS}/")
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
    ):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".citation pre code").is_visible()
    assert not page.locator(".citation button[data-md-type='copy']").is_visible()
    assert page.locator("article h1").is_visible()
    # Outside links print their address after the text.
    source = page.locator("article a[href='https://example.org/wire/interceptors']").first
    after = source.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://example.org/wire/interceptors" in after
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "briefing-print.png"), full_page=True)
    assert page.console_errors == []
