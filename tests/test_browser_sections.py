"""The pages this change made, as a reader sees them in headless Chromium on the 400-record
synthetic archive: each generated page highlights its section in the navigation (beside the
page on a desktop, in the drawer on a phone) in the colour Material gives the current page, the
numbered year pages page on, axe finds nothing in either colour scheme, and screenshots of each
kind of page (desktop and phone, light and dark) are saved for review.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from test_browser_readers import axe_violations

from conftest import VIEWPORTS, assert_fits_and_save, local_only, serve_folder
from generator.project import Project

pytestmark = pytest.mark.browser

SIZES = {**VIEWPORTS, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(scope="module")
def base(built_synthetic_site: Project) -> Iterator[str]:
    with serve_folder(built_synthetic_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def pages(built_synthetic_site: Project) -> dict[str, tuple[str, str]]:
    """Each kind of page changed here: its address and the nav section it belongs to."""
    data = json.loads((built_synthetic_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))
    newest = data["briefings"][0]
    year = newest["date"][:4]
    busiest = Counter(n for b in data["briefings"] for n in b["people"]).most_common(1)[0][0]
    index = (built_synthetic_site.site / "people" / "index.html").read_text(encoding="utf-8")
    slug = index.split(f'/">{busiest}<', 1)[0].rsplit('href="', 1)[1]
    return {
        "briefing": (f"/briefings/{newest['id']}/", "Themes"),
        "theme-page-2": ("/themes/drones/page/2/", "Themes"),
        "theme-year": (f"/themes/drones/{year}/", "Themes"),
        "timeline-year": (f"/timeline/{year}/", "Timeline"),
        "timeline-year-page-2": (f"/timeline/{year}/page/2/", "Timeline"),
        "person": (f"/people/{slug}/", "People"),
        "person-year": (f"/people/{slug}/{year}/", "People"),
        "tag": (f"/tags/{newest['tags'][0]}/", "Tags"),
    }


KINDS = [
    "briefing",
    "theme-page-2",
    "theme-year",
    "timeline-year",
    "timeline-year-page-2",
    "person",
    "person-year",
    "tag",
]


def browse(browser: Any, viewport: str, scheme: str) -> Any:
    phone = viewport == "phone"
    context = browser.new_context(
        viewport=SIZES[viewport], is_mobile=phone, has_touch=phone, color_scheme=scheme
    )
    context.route("**/*", local_only)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    return page


def active_link(page: Any) -> Any:
    return page.locator(".md-nav--primary > .md-nav__list > li.md-nav__item--active > a.md-nav__link")


@pytest.mark.parametrize("viewport", sorted(SIZES))
@pytest.mark.parametrize("kind", KINDS)
def test_the_page_s_section_is_highlighted_like_the_current_page(
    browser, base: str, pages, kind: str, viewport: str
) -> None:
    path, section = pages[kind]
    page = browse(browser, viewport, "light")
    try:
        # The colour of the current page's own nav link, on the section's page.
        section_path = {
            "Themes": "/themes/",
            "Timeline": "/timeline/",
            "People": "/people/",
            "Tags": "/tags/",
        }
        page.goto(f"{base}{section_path[section]}")
        if viewport == "phone":
            page.locator("label.md-header__button[for='__drawer']").click()
        own = page.locator(".md-nav--primary .md-nav__link--active >> visible=true").first
        own.wait_for(state="visible")
        current_colour = own.evaluate("a => getComputedStyle(a).color")
        page.goto(f"{base}{path}")
        link = active_link(page)
        if viewport == "phone":
            assert link.evaluate("a => a.getBoundingClientRect().right") <= 0  # in the closed drawer
            page.locator("label.md-header__button[for='__drawer']").click()
            page.wait_for_function(
                "() => document.querySelector('.md-nav--primary .md-nav__item--active > a')"
                ".getBoundingClientRect().left >= 0"
            )
        link.wait_for(state="visible")
        assert link.count() == 1 and link.inner_text().strip() == section
        assert link.evaluate("a => getComputedStyle(a).color") == current_colour
        other = page.locator(
            ".md-nav--primary > .md-nav__list > li:not(.md-nav__item--active) > a.md-nav__link"
        )
        assert other.first.evaluate("a => getComputedStyle(a).color") != current_colour
        link.click()  # still a link to the section
        page.wait_for_url(f"**{section_path[section]}")
        assert page.console_errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_nothing_on_the_changed_pages(browser, base: str, pages, kind: str, scheme: str) -> None:
    page = browse(browser, "desktop", scheme)
    try:
        page.goto(f"{base}{pages[kind][0]}")
        found = axe_violations(page)
        assert [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in found] == []
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(SIZES))
@pytest.mark.parametrize("kind", KINDS)
def test_screenshots_of_each_changed_page(
    browser, base: str, pages, kind: str, viewport: str, scheme: str
) -> None:
    page = browse(browser, viewport, scheme)
    try:
        page.goto(f"{base}{pages[kind][0]}")
        page.wait_for_load_state("networkidle")
        assert_fits_and_save(page, SIZES[viewport]["width"], f"{kind}-{viewport}-{scheme}")
    finally:
        page.context.close()
