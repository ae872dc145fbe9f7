"""How the search page's results read, in Chromium on the real archive (one record) and at 400
records: excerpts in the briefing's own words."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from test_browser_search_page import results_for

from conftest import serve_folder
from generator.project import Project

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
        briefing = briefings[volume][re.search(r"/briefings/([a-z0-9-]+)/", href).group(1)]
        excerpt = result.locator(".pagefind-ui__result-excerpt").inner_text()
        assert not any(label in excerpt for label in META_LABELS), excerpt
        assert not excerpt.startswith(briefing["title"][:20]), excerpt
        assert words(excerpt) <= own_words(briefing), (words(excerpt) - own_words(briefing), excerpt)
        assert QUERIES[volume] in excerpt.lower()
    assert page.console_errors == []
