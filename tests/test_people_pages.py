"""People pages on the 300-record synthetic archive: the index A to Z by family name with
counts, and each person's quotes by theme, each linking to the quote on its briefing page."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest
from test_listings import every_page

from conftest import found
from generator.project import Project


@pytest.fixture(scope="module")
def data(built_synthetic_site: Project) -> dict:
    return json.loads((built_synthetic_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))


def test_the_index_groups_everyone_a_to_z_by_family_name_with_counts(built_synthetic_site, data) -> None:
    named = Counter(name for b in data["briefings"] for name in b["people"])
    index = (built_synthetic_site.site / "people" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(
        r'<li><a href="[a-z0-9-]+/">([^<]+)</a>&nbsp;<span class="listing-count">\((\d+)\)</span></li>', index
    )
    assert {name: int(count) for name, count in listed} == dict(named)
    family = [name.split()[-1] for name, _ in listed]
    assert family == sorted(family, key=str.casefold)
    letters = re.findall(r'<h2 class="index-heading" id="([a-z])">([A-Z])', index)
    assert [upper for _, upper in letters] == sorted({f[0].upper() for f in family})
    assert f"{len(named)} people named in the briefings" in index


def test_quotes_by_theme_link_to_the_quote_on_its_briefing(built_synthetic_site, data) -> None:
    site = built_synthetic_site.site
    titles = {t["slug"]: t["title"] for t in data["themes"]}
    speaker = Counter(q["by"] for b in data["briefings"] for q in b["quotes"]).most_common(1)[0][0]
    index = (site / "people" / "index.html").read_text(encoding="utf-8")
    slug = found(rf'href="([a-z0-9-]+)/">{speaker}<', index).group(1)
    # Each page of the person's listing holds the quotes of its own briefings.
    pages = [
        (site / path / "index.html").read_text(encoding="utf-8")
        for path, _ in every_page(site, f"people/{slug}")
    ]
    page = pages[0]
    parts = [text.split('id="quotes', 1)[1].split("<h2", 1)[0] for text in pages if 'id="quotes' in text]
    quotes_part = "".join(parts)
    headings = sorted(set(re.findall(r"<h3[^>]*>([^<]+)<", quotes_part)), key=list(titles.values()).index)
    expected_themes = [
        titles[s]
        for s in titles
        if any(q["by"] == speaker and q["theme"] == s for b in data["briefings"] for q in b["quotes"])
    ]
    assert headings == expected_themes
    links = re.findall(
        r'<a class="quote-link" href="(?:\.\./)+briefings/([a-z0-9-]+)/#(quote-\d+)">“([^”]+)”</a>',
        quotes_part,
    )
    assert len(links) == sum(q["by"] == speaker for b in data["briefings"] for q in b["quotes"])
    for record_id, anchor, text in links:
        briefing = (site / "briefings" / record_id / "index.html").read_text(encoding="utf-8")
        at = re.search(rf'<blockquote id="{anchor}"><p>“([^”]+)”</p></blockquote>', briefing)
        assert at and html.unescape(at.group(1)) == html.unescape(text)
    # Under each theme, a briefing is named once under its quotes, however many it holds there.
    for section in quotes_part.split("<h3")[1:]:
        sources = re.findall(
            r'<figcaption class="quote-source"[^>]*><a href="[^"]+/briefings/([a-z0-9-]+)/">', section
        )
        quoted = re.findall(r'class="quote-link" href="[^"]+/briefings/([a-z0-9-]+)/#', section)
        assert sorted(sources) == sorted(set(quoted))
    assert "Named in " in page and " briefing name " not in page


def test_a_speaker_s_quotes_share_one_box_on_a_briefing(built_synthetic_site, data) -> None:
    record = next(
        b for b in data["briefings"] if len(b["quotes"]) >= 2 and len({q["by"] for q in b["quotes"]}) == 1
    )
    page = (built_synthetic_site.site / "briefings" / record["id"] / "index.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<figure class="quote-group">(.*?)</figure>', page, re.S)
    assert len(boxes) == 1 and boxes[0].count('<blockquote id="quote-') == len(record["quotes"])


@pytest.mark.parametrize("volume", ["built_real_site", "built_synthetic_site"])
def test_a_person_is_found_by_their_words_not_by_the_listing(request, volume: str) -> None:
    """A person's page in the search index holds their quotes, not the machine-made listing:
    neither the titles, dates and sources of the briefings it lists (nor those under their
    quotes), nor its count, years and pages, which would make every person a result for any
    title and start the excerpt with "Named in 106 briefings … Years: 2025 (24) ·"."""
    from test_site_html import search_pages

    site = request.getfixturevalue(volume).site
    pages = {
        path.parent.name: path.read_text(encoding="utf-8") for path in (site / "people").glob("*/index.html")
    }
    slug = max(sorted(pages), key=lambda slug: pages[slug].count('class="quote-link"'))  # the most quoted
    page = pages[slug]
    text = search_pages(site)[f"people/{slug}"]
    titles = {html.unescape(t) for t in re.findall(r'<p class="entry-title"><a [^>]+>([^<]+)</a>', page)}
    quotes = [html.unescape(q) for q in re.findall(r'class="quote-link" href="[^"]+">“([^”]+)”</a>', page)]
    assert titles and quotes
    for title in titles:
        assert title not in text
    for machine_made in ("Named in", "Years:", "a page", "Older", "Wire", "UNN"):
        assert machine_made not in text
    for quote in quotes:
        assert quote in text
