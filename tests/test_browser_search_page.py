"""The search page (Pagefind's Default UI) on the 400-record synthetic archive, in Chromium:
every result reachable, filters that narrow, the query and filters in the address, labels for
pages that are not briefings, and a helpful answer to a query in Cyrillic."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import VIEWPORTS, assert_fits_and_save, found, serve_folder
from generator.project import Project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(built_synthetic_site: Project) -> Iterator[str]:
    with serve_folder(built_synthetic_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def briefings(built_synthetic_site: Project) -> dict[str, dict]:
    data = json.loads((built_synthetic_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))
    return {b["id"]: b for b in data["briefings"]}


def results_for(page: Any, address: str) -> int:
    """Open the search page at `address`; the number of results it reports."""
    page.goto(address)
    message = page.locator(".pagefind-ui__message")
    message.wait_for(timeout=15_000)
    page.wait_for_function(
        "() => /\\d+ results? for/.test(document.querySelector('.pagefind-ui__message').textContent)",
        timeout=15_000,
    )
    # Each result shows a placeholder until its stored text has loaded.
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__loading')", timeout=15_000)
    return int(found(r"^(\d+) result", message.inner_text()).group(1))


def shown_ids(page: Any) -> list[str]:
    hrefs = page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.href)")
    return [m.group(1) for href in hrefs if (m := re.search(r"/briefings/([a-z0-9-]+)/", href))]


def load_everything(page: Any) -> None:
    more = page.locator(".pagefind-ui__button", has_text="Load more results")
    while more.count():
        more.click()
        page.wait_for_timeout(150)


def test_every_result_of_a_common_word_is_reachable(page, base: str) -> None:
    total = results_for(page, f"{base}/search/?q=interceptor")
    assert total > 10
    load_everything(page)
    assert page.locator(".pagefind-ui__result").count() == total
    assert page.console_errors == []


def show_filters(page: Any) -> None:
    """Ask for the filter lists, which a first search does not load; wait for their groups."""
    page.get_by_role("button", name="Filter by kind, theme, year or person").click()
    page.locator(".pagefind-ui__filter-name", has_text="person").wait_for(timeout=15_000)


def test_a_theme_filter_narrows_and_the_address_reproduces_it(page, base: str, briefings) -> None:
    everything = results_for(page, f"{base}/search/?q=interceptor")
    show_filters(page)
    page.locator(".pagefind-ui__filter-label", has_text=re.compile(r"^Air defense \(")).click()
    page.wait_for_function(
        "n => { const m = document.querySelector('.pagefind-ui__message').textContent.match(/^([\\d,]+) result/);"
        " return m && Number(m[1].replace(',', '')) !== n; }",
        arg=everything,
    )
    assert "theme=Air+defense" in page.url and "q=interceptor" in page.url
    narrowed = int(page.locator(".pagefind-ui__message").inner_text().split()[0])
    assert 0 < narrowed < everything
    load_everything(page)
    first = shown_ids(page)
    assert len(first) == narrowed
    assert all("air-defense" in briefings[found]["themes"] for found in first)

    assert results_for(page, page.url) == narrowed  # the address alone opens the same search
    load_everything(page)
    assert shown_ids(page) == first
    assert page.console_errors == []


def test_a_first_search_loads_no_filter_list_until_the_reader_asks(page, base: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    total = results_for(page, f"{base}/search/?q=interceptor")
    page.wait_for_load_state("networkidle")
    assert total > 10 and not [url for url in fetched if url.endswith(".pf_filter")]
    assert page.locator(".pagefind-ui__filter-name").count() == 0

    show_filters(page)
    groups = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert sorted(name.strip().lower() for name in groups) == ["kind", "person", "theme", "year"]
    assert len([url for url in fetched if url.endswith(".pf_filter")]) == 4
    assert page.locator(".pagefind-ui__message").inner_text().startswith(f"{total} result")
    assert not page.get_by_role("button", name="Filter by kind, theme, year or person").count()

    # An address with a filter loads that filter's list alone, and shows that filter, chosen.
    fetched.clear()
    narrowed = results_for(page, f"{base}/search/?q=interceptor&theme=Drones")
    page.wait_for_load_state("networkidle")
    assert 0 < narrowed < total
    assert len([url for url in fetched if url.endswith(".pf_filter")]) == 1
    assert page.locator(".pagefind-ui__filter-checkbox[name=theme][value=Drones]").is_checked()
    assert page.console_errors == []


def test_newest_first_orders_briefings_by_date(page, base: str, briefings) -> None:
    total = results_for(page, f"{base}/search/?q=interceptor&theme=Drones&sort=date")
    load_everything(page)
    # Every result, across the index's parts (a bundle per year, merged in the browser).
    dates = [briefings[found]["date"] for found in shown_ids(page)]
    assert len(dates) == total > 10 and dates == sorted(dates, reverse=True)
    assert len({date[:4] for date in dates}) >= 3
    # Only briefings have dates: the page asks for them, and says so in the kind filter.
    assert page.locator(".pagefind-ui__filter-checkbox[name=kind][value=Briefing]").is_checked()
    assert page.locator(".search-page__order strong").inner_text() == "Newest first (briefings only)"


def test_briefings_come_first_and_other_pages_are_labelled(page, base: str, briefings) -> None:
    results_for(page, f"{base}/search/?q=synthetic")
    titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert shown_ids(page)[:5] and not titles[0].startswith(("Person:", "Page:"))
    person = next(b["people"][0] for b in briefings.values() if b["people"])
    results_for(page, f"{base}/search/?q={person.split()[1]}&kind=Person")
    labels = page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert labels and all(label.startswith("Person: ") for label in labels)


def test_a_query_in_cyrillic_gets_a_romanised_suggestion(page, base: str) -> None:
    page.goto(f"{base}/search/?q=Умєров")
    note = page.locator(".search-page__note")
    note.get_by_role("link").wait_for(timeout=15_000)
    assert "Latin letters" in note.inner_text()
    assert note.get_by_role("link").inner_text() == "umierov"


def test_the_header_box_links_to_every_result(page, base: str) -> None:
    page.goto(f"{base}/")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("interceptor", delay=20)
    everything = page.locator("a.briefing-search__all")
    everything.wait_for(timeout=15_000)
    assert page.locator(".md-search-result__item").count() == 10
    everything.click()
    page.wait_for_url("**/search/?q=interceptor")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
    assert page.console_errors == []


NEW_PAGES = {
    "search": "/search/?q=interceptor&theme=Air+defense",
    "theme-page-2": "/themes/drones/page/2/",
    "tags": "/tags/",
    "tag": "/tags/topic-3/",
    "synthetic-briefing": "/briefings/2021-01-03-synthetic-00128/",
}


def open_settled(page: Any, address: str) -> None:
    page.goto(address)
    page.wait_for_load_state("networkidle")
    if "/search/" in address:
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(NEW_PAGES))
def test_axe_finds_nothing_serious_on_the_new_pages(page, base: str, name: str, scheme: str) -> None:
    from test_browser_readers import axe_violations

    page.emulate_media(color_scheme=scheme)
    open_settled(page, base + NEW_PAGES[name])
    found = axe_violations(page)
    described = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in found]
    assert described == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("name", sorted(NEW_PAGES))
def test_new_pages_fit_the_screen_and_are_saved_as_screenshots(
    viewport_page, base: str, name: str, viewport: str
) -> None:
    open_settled(viewport_page, base + NEW_PAGES[name])
    assert_fits_and_save(viewport_page, VIEWPORTS[viewport]["width"], f"{name}-{viewport}", full_page=False)
