"""How the search page's results and filters look and behave, measured in Chromium on the real
archive (one record) and at 400 records (200 people), on a desktop and a phone, in both schemes:
excerpts in the briefing's own words, a highlight that stands out, results at the text's edge
with titles as links, filter groups that show they open, a person filter that shows a few dozen
names and finds any other, and an empty list that says when the filters emptied it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from test_browser_readers import axe_violations
from test_browser_search_page import results_for, show_filters

from conftest import VIEWPORTS, assert_fits_and_save, found, reader_page, serve_folder
from generator.project import Project
from geometry import background_of, box, boxes, computed, contrast, over, parse_colour, small_tap_targets

pytestmark = pytest.mark.browser

META_LABELS = ("Themes:", "Source:", "People:", "Tags:")
# A word of some of each archive's briefings.
QUERIES = {"real": "drones", "400": "interceptor"}


@pytest.fixture(scope="module")
def sites(built_real_site: Project, built_synthetic_site: Project) -> Iterator[dict[str, str]]:
    with serve_folder(built_real_site.site) as real, serve_folder(built_synthetic_site.site) as synthetic:
        yield {"real": real, "400": synthetic}


@pytest.fixture(scope="module")
def briefings(built_real_site: Project, built_synthetic_site: Project) -> dict[str, dict[str, dict]]:
    found = {}
    for volume, project in (("real", built_real_site), ("400", built_synthetic_site)):
        data = json.loads((project.site / "data" / "briefings.json").read_text(encoding="utf-8"))
        found[volume] = {b["id"]: b for b in data["briefings"]}
    return found


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def own_words(briefing: dict) -> set[str]:
    """The words a briefing's page says in its own text: summary, quotes (with who said them),
    notes and highlights under their themes, and the headings between them."""
    parts = [briefing["summary"], briefing["notes"], "Quotes Notes By theme"]
    parts += [f"{quote['by']} {quote['text']}" for quote in briefing["quotes"]]
    parts += [f"{theme.replace('-', ' ')} {text}" for theme, text in briefing["highlights"].items()]
    return words(" ".join(parts))


@pytest.mark.parametrize("volume", sorted(QUERIES))
def test_an_excerpt_quotes_the_briefing_not_its_title_or_metadata(
    page: Any, sites: dict, briefings: dict, volume: str
) -> None:
    results_for(page, f"{sites[volume]}/search/?q={QUERIES[volume]}&kind=Briefing")
    shown = page.locator(".pagefind-ui__result").all()
    assert shown
    for result in shown:
        href = result.locator(".pagefind-ui__result-link").get_attribute("href")
        briefing = briefings[volume][found(r"/briefings/([a-z0-9-]+)/", str(href)).group(1)]
        excerpt = result.locator(".pagefind-ui__result-excerpt").inner_text()
        assert not any(label in excerpt for label in META_LABELS), excerpt
        assert not excerpt.startswith(briefing["title"][:20]), excerpt
        assert words(excerpt) <= own_words(briefing), (words(excerpt) - own_words(briefing), excerpt)
        assert QUERIES[volume] in excerpt.lower()
    assert page.console_errors == []


LINK_COLOUR = """() => { const probe = document.createElement('a'); probe.href = '#';
    document.querySelector('article').append(probe);
    const colour = getComputedStyle(probe).color; probe.remove(); return colour; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("volume", sorted(QUERIES))
def test_results_read_as_a_list_of_links_with_marked_matches(
    browser: Any, sites: dict, volume: str, viewport: str, scheme: str
) -> None:
    with reader_page(browser, viewport, scheme) as page:
        results_for(page, f"{sites[volume]}/search/?q={QUERIES[volume]}")
        field = box(page.locator(".pagefind-ui__search-input"))
        results = page.locator(".pagefind-ui__result")
        # At the text's left edge (no list indent), parted by hairlines.
        area = box(page.locator(".pagefind-ui__results-area"))
        assert all(abs(each.x - area.x) <= 1 for each in boxes(results)) and abs(area.x - field.x) <= 1
        assert float(computed(results.first, "border-top-width").removesuffix("px")) <= 1
        # Titles are links in the site's link colour; excerpts in the text's.
        title = page.locator(".pagefind-ui__result-link").first
        assert computed(title, "color") == page.evaluate(LINK_COLOUR)
        excerpt = page.locator(".pagefind-ui__result-excerpt").first
        behind = background_of(excerpt)
        assert contrast(over(parse_colour(computed(excerpt, "color")), behind), behind) >= 4.5
        # A match is marked by a line that stands out from the result at 3:1, over a tint that
        # keeps the word readable.
        mark = page.locator(".pagefind-ui__result-excerpt mark").first
        line = parse_colour(found(r"^(rgba?\([^)]*\))", computed(mark, "box-shadow")).group(1))
        assert contrast(over(line, behind), behind) >= 3
        tint = over(parse_colour(computed(mark, "background-color")), behind)
        assert contrast(over(parse_colour(computed(mark, "color")), tint), tint) >= 4.5
        if viewport == "phone":
            assert (
                small_tap_targets(page, ".pagefind-ui__result-link, .md-button, .pagefind-ui__search-input")
                == []
            )
        assert_fits_and_save(
            page, VIEWPORTS[viewport]["width"], f"search-{volume}-{viewport}-{scheme}", full_page=False
        )


MARKER = "e => { const s = getComputedStyle(e, '::after'); return [s.content, s.width, s.borderLeftWidth, s.transform]; }"


def visible_values(page: Any, group: str) -> list[tuple[str, int]]:
    labels = page.locator(f".pagefind-ui__filter-checkbox[name={group}] + label").evaluate_all(
        "labels => labels.filter(l => l.offsetParent !== null).map(l => l.textContent)"
    )
    return [
        (name, int(count)) for name, count in (found(r"^(.*) \((\d+)\)$", text).groups() for text in labels)
    ]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_filter_groups_open_visibly_and_show_a_few_dozen_values(
    browser: Any, sites: dict, viewport: str
) -> None:
    with reader_page(browser, viewport) as page:
        results_for(page, f"{sites['400']}/search/?q=the")
        show_filters(page)
        person = page.locator("summary", has_text="Person")
        closed = person.evaluate(MARKER)
        assert closed[0] != "none" and float(closed[1].removesuffix("px")) >= 6 and closed[2] != "0px"
        if viewport == "phone":  # every group starts closed, the results in view
            assert page.locator(".pagefind-ui__filter-block[open]").count() == 0
            assert box(page.locator(".pagefind-ui__message")).y < VIEWPORTS["phone"]["height"]
        for group in page.locator(".pagefind-ui__filter-block").all():
            if group.get_attribute("open") is None:
                group.locator("summary").click()
        page.wait_for_timeout(400)  # the marker turns in 0.25 s
        assert person.evaluate(MARKER)[3] != closed[3]  # the marker turns as the group opens

        people = visible_values(page, "person")
        shown = sum(len(visible_values(page, group)) for group in ("kind", "theme", "year", "person"))
        assert 0 < len(people) <= 25 and shown <= 40
        # Those with the most results first, then by family name; none without a result.
        family = [(-count, name.split()[-1], name) for name, count in people]
        assert family == sorted(family) and all(count > 0 for _, count in people)
        every = page.locator(".pagefind-ui__filter-checkbox[name=person]").count()
        assert every > 100  # at 400 records, 200 people are named; most have a result for "the"
        note = page.locator(".search-page__shown").inner_text()
        assert f"of {every}" in note

        # Anyone else is found by name, and chosen.
        others = page.locator(".pagefind-ui__filter-checkbox[name=person]").evaluate_all(
            "boxes => boxes.filter(b => b.offsetParent === null).map(b => b.value)"
        )
        wanted = others[-1]
        page.locator(".search-page__find").fill(wanted.split()[-1])
        found = visible_values(page, "person")
        assert wanted in [name for name, _ in found] and len(found) <= 25
        assert all(wanted.split()[-1].lower() in name.lower() for name, _ in found)
        before = page.locator(".pagefind-ui__message").inner_text()
        page.locator(".pagefind-ui__filter-label", has_text=re.compile(f"^{wanted} \\(")).click()
        page.wait_for_function("() => location.search.includes('person=')")
        page.wait_for_function(
            "before => document.querySelector('.pagefind-ui__message').textContent.trim() !== before",
            arg=before,
        )
        assert wanted in [name for name, _ in visible_values(page, "person")]
        assert page.locator(f".pagefind-ui__filter-checkbox[name=person][value='{wanted}']").is_checked()
        if viewport == "phone":
            assert small_tap_targets(page, ".pagefind-ui__filter-label, .pagefind-ui__filter-name") == []
            # However many people, the results stay within two screens of the top.
            assert box(page.locator(".pagefind-ui__message")).y < 2 * VIEWPORTS["phone"]["height"] + 400
        assert_fits_and_save(
            page, VIEWPORTS[viewport]["width"], f"search-filters-{viewport}", full_page=False
        )
        assert [v["id"] for v in axe_violations(page)] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_closed_filter_groups_show_they_open_on_the_real_archive(
    browser: Any, sites: dict, scheme: str
) -> None:
    with reader_page(browser, "phone", scheme) as page:
        results_for(page, f"{sites['real']}/search/?q=drones")
        show_filters(page)
        for group in page.locator(".pagefind-ui__filter-name").all():
            content, width, line, _ = group.evaluate(MARKER)
            assert content != "none" and float(width.removesuffix("px")) >= 6 and line != "0px"
            colour = parse_colour(computed(group, "border-left-color", "::after"))
            behind = background_of(group)
            assert contrast(over(colour, behind), behind) >= 3
        assert small_tap_targets(page, ".pagefind-ui__filter-name") == []
        assert_fits_and_save(
            page, VIEWPORTS["phone"]["width"], f"search-filters-real-phone-{scheme}", full_page=False
        )


def test_an_empty_list_blames_the_filters_and_offers_to_clear_them(
    page: Any, sites: dict, briefings: dict
) -> None:
    # A person named in one year only, filtered to another year: no search can find anything.
    years: dict[str, set[str]] = {}
    for briefing in briefings["400"].values():
        for name in briefing["people"]:
            years.setdefault(name, set()).add(briefing["date"][:4])
    person = next(name for name, seen in sorted(years.items()) if seen == {"2021"})
    page.goto(f"{sites['400']}/search/?q=the&year=2022&person={person.replace(' ', '+')}")
    message = page.locator(".pagefind-ui__message")
    message.wait_for(timeout=15_000)
    page.wait_for_function(
        "() => /No briefing/.test(document.querySelector('.pagefind-ui__message').textContent)"
    )
    assert message.inner_text() == (
        f"No briefing or page matches “the” with year 2022 and person {person}: clear the filters to search everything."
    )
    page.get_by_role("button", name="Clear the filters").click()
    page.wait_for_function(
        "() => /^[\\d,]+ results? for/.test(document.querySelector('.pagefind-ui__message').textContent)"
    )
    page.wait_for_function("() => !location.search.includes('year=')")
    assert "person=" not in page.url and "q=the" in page.url
    assert not page.get_by_role("button", name="Clear the filters").is_visible()
    # Without a filter, an empty list says only that nothing matches.
    results_for_nothing = page.locator(".pagefind-ui__search-input")
    results_for_nothing.fill("zzyzxnothing")
    page.wait_for_function(
        "() => /No briefing/.test(document.querySelector('.pagefind-ui__message').textContent)"
    )
    assert message.inner_text() == "No briefing or page matches “zzyzxnothing”."
    assert page.console_errors == []
