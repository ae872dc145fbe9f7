"""What a reader sees on the pages that list briefings, on a briefing's and a person's page and on
the People and Tags indexes, measured in Chromium (not compared as pixels) at the real archive's
one record, a handful, 400 and 10,000 records, on a desktop and a phone, in both colour schemes:

- listing entries (home, theme, year, tag, person) stand apart: the space between two entries is
  clearly more than the space between the lines of one; a title is in the link colour, neither
  bold nor underlined, at body size; the date, themes and source in the secondary colour;
- a briefing page has no bold paragraph; an approximate date's note is normal-weight secondary
  text on a line of its own; quotes are at body size in the text colour;
- a person's page names a briefing once in each theme's group of quotes;
- pagers are boxes of one height at even gaps, the current page the same box as the others,
  each a tap target on a phone;
- on a phone a listing's header (count, years, months, pages) leaves its first month on the first
  screen, at 10,000 records too: the years and the months are a row each that scrolls sideways
  and says so;
- the People index of 200 names and a Tags index of 120 tags fit in three desktop screens, their
  letters each a tap target.

Every test saves what it measured as reading-<page>-<volume>-<viewport>-<scheme>.png for review.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
from test_browser_readers import axe_violations

from conftest import VIEWPORTS, assert_fits_and_save, found, open_in_place, reader_page, serve_folder
from generator.archive.model import Archive, by_year
from generator.pages.entries import ListingEntries
from generator.pages.listings import (
    TagCount,
    render_theme_pages,
    render_theme_year_pages,
    render_timeline_year_pages,
)
from generator.pages.markdown_pages import render_template
from generator.pages.people_pages import render_person_pages
from generator.project import Project
from geometry import (
    LINES,
    TAP,
    Box,
    background_of,
    clipped_without_affordance,
    contrast,
    over,
    overlapping,
    parse_colour,
    small_tap_targets,
)

pytestmark = pytest.mark.browser

VOLUMES = ["real", "handful", "400"]
SCHEMES = ["light", "dark"]
LISTINGS = ["home", "theme", "theme-year", "timeline-year", "tag", "person"]
PHONE_SCREEN = VIEWPORTS["phone"]["height"]
DESKTOP_SCREEN = VIEWPORTS["desktop"]["height"]


@pytest.fixture(scope="module")
def sites(
    built_real_site: Project, built_handful_site: Project, built_synthetic_site: Project
) -> Iterator[dict[str, tuple[str, Path]]]:
    """Each volume's built site: its address on localhost and its folder."""
    with (
        serve_folder(built_real_site.site) as real,
        serve_folder(built_handful_site.site) as handful,
        serve_folder(built_synthetic_site.site) as synthetic,
    ):
        yield {
            "real": (real, built_real_site.site),
            "handful": (handful, built_handful_site.site),
            "400": (synthetic, built_synthetic_site.site),
        }


# A name in the People index: its page, the name and how many briefings name them.
INDEXED_PERSON = re.compile(
    r'<a href="([a-z0-9-]+)/">([^<]+)</a>&nbsp;<span class="listing-count">\(([\d,]+)\)'
)


def addresses(folder: Path) -> dict[str, str]:
    """The page of each kind that shows the most at this volume: the busiest theme, its busiest
    year, the busiest year, tag and person, the person quoted most, and a briefing with an
    approximate date and quotes when there is one."""
    briefings = json.loads((folder / "data" / "briefings.json").read_text(encoding="utf-8"))["briefings"]
    theme = Counter(t for b in briefings for t in b["themes"]).most_common(1)[0][0]
    theme_year = Counter(b["date"][:4] for b in briefings if theme in b["themes"]).most_common(1)[0][0]
    year = Counter(b["date"][:4] for b in briefings).most_common(1)[0][0]
    tag = Counter(t for b in briefings for t in b["tags"]).most_common(1)[0][0]
    briefing = max(briefings, key=lambda b: (bool(b["date_note"]), len(b["quotes"])))
    people = INDEXED_PERSON.findall((folder / "people" / "index.html").read_text(encoding="utf-8"))
    person = max(people, key=lambda person: int(person[2].replace(",", "")))[0]
    speaker = Counter(q["by"] for b in briefings for q in b["quotes"]).most_common(1)[0][0]
    quoted = next(slug for slug, name, _ in people if name == speaker)
    return {
        "home": "/",
        "theme": f"/themes/{theme}/",
        "theme-year": f"/themes/{theme}/{theme_year}/",
        "timeline-year": f"/timeline/{year}/",
        "tag": f"/tags/{tag}/",
        "person": f"/people/{person}/",
        "quoted-person": f"/people/{quoted}/",
        "briefing": f"/briefings/{briefing['id']}/",
        "people": "/people/",
        "tags": "/tags/",
    }


def open_page(page: Any, sites: dict, volume: str, kind: str) -> str:
    base, folder = sites[volume]
    path = addresses(folder)[kind]
    page.goto(f"{base}{path}")
    page.wait_for_load_state("networkidle")
    return path


# The first ten entries of each listing on the page (their text lines), and the styles of an
# entry's title and meta line beside the page's text and link colours.
ENTRIES = f"""() => {{
    const lines = {LINES};
    const style = e => {{ const s = getComputedStyle(e);
        return {{color: s.color, size: parseFloat(s.fontSize), weight: parseInt(s.fontWeight),
                 decoration: s.textDecorationLine}}; }};
    const article = document.querySelector('article');
    const probe = document.createElement('a');
    probe.href = '#';
    probe.textContent = 'a link';
    article.append(probe);
    const link = getComputedStyle(probe).color;
    probe.remove();
    const title = article.querySelector('.briefing-list .entry-title > a');
    const meta = article.querySelector('.briefing-list .entry-meta');
    return {{
        lists: [...article.querySelectorAll('ul.briefing-list')]
            .map(list => [...list.children].slice(0, 10).map(lines)),
        text: style(article), link, title: style(title), meta: style(meta),
    }};
}}"""


def check_entries(page: Any) -> None:
    """The entries of every listing on the page stand apart, titles in the link colour, neither
    bold nor underlined, at body size; meta lines in a legible secondary colour, no larger."""
    measured = page.evaluate(ENTRIES)
    entries = [entry for listing in measured["lists"] for entry in listing]
    assert entries, "no listing entries"
    inside = [nxt[0] - prev[1] for entry in entries for prev, nxt in itertools.pairwise(entry)]
    assert inside and all(len(entry) >= 2 for entry in entries)
    apart = [
        nxt[0][0] - prev[-1][1] for listing in measured["lists"] for prev, nxt in itertools.pairwise(listing)
    ]
    if apart:  # two entries or more: the gap between them is clearly more than inside one
        assert min(apart) >= 2 * max(inside) and min(apart) >= max(inside) + 8, (apart, inside)
    text, title, meta = measured["text"], measured["title"], measured["meta"]
    assert title["weight"] < 600 and title["decoration"] == "none", title
    assert title["color"] == measured["link"] and title["size"] >= text["size"], (title, measured["link"])
    assert meta["color"] != text["color"] and meta["size"] <= text["size"], (meta, text)
    background = background_of(page.locator("article"))
    assert contrast(over(parse_colour(meta["color"]), background), background) >= 4.5


# The first pager on the page: its items (boxes, labels, what they are).
PAGER = """() => {
    const pager = document.querySelector('article nav.pager');
    if (!pager) return null;
    return [...pager.children].map(e => { const r = e.getBoundingClientRect();
        return {x: r.x, y: r.y, width: r.width, height: r.height, label: e.textContent.trim(),
                kind: e.className, current: e.getAttribute('aria-current') === 'page', link: e.tagName === 'A'}; });
}"""


def check_pager(page: Any, viewport: str) -> bool:
    """The pager's items are boxes of one height at even gaps; the current page is the same box
    as a page of the same number of digits; on a phone every link is a tap target. False when
    the page has no pager."""
    items = page.evaluate(PAGER)
    if items is None:
        return False
    heights = [item["height"] for item in items]
    assert max(heights) - min(heights) <= 0.5, items
    rows: dict[int, list[dict]] = {}
    for item in items:
        rows.setdefault(round(item["y"]), []).append(item)
    gaps = [
        nxt["x"] - prev["x"] - prev["width"] for row in rows.values() for prev, nxt in itertools.pairwise(row)
    ]
    assert gaps and max(gaps) - min(gaps) <= 1, gaps
    current = next(item for item in items if item["current"])
    alike = [
        i
        for i in items
        if i["link"] and i["kind"] == "pager-page" and len(i["label"]) == len(current["label"])
    ]
    assert alike, items
    for other in alike:
        assert (
            abs(other["width"] - current["width"]) <= 0.5 and abs(other["height"] - current["height"]) <= 0.5
        )
    if viewport == "phone":
        targets = [i for i in items if i["link"] or i["current"]]
        assert all(i["width"] >= TAP and i["height"] >= TAP for i in targets), targets
        assert small_tap_targets(page, "article nav.pager a") == []
    return True


# Where the listing's first heading (its first month, year or the quotes) starts, from the top of
# the page, and the lines of the header's years and months.
HEADER = f"""() => {{
    const lines = {LINES};
    const nav = document.querySelector('article .listing-nav');
    const heading = nav && [...document.querySelectorAll('article h2')]
        .find(h => nav.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
    const rows = nav ? [...nav.querySelectorAll('.listing-years, .listing-months')] : [];
    return {{
        heading: heading ? heading.getBoundingClientRect().top + window.scrollY : null,
        rows: rows.map(row => ({{name: row.className, lines: lines(row).length,
                                 scrolls: row.scrollWidth > row.clientWidth}})),
    }};
}}"""


def check_header(page: Any, viewport: str) -> None:
    """On a phone the listing's header leaves its first heading on the first screen; the years
    and the months are one line each, scrolling sideways with a sign that they do."""
    measured = page.evaluate(HEADER)
    if measured["heading"] is None:
        return
    if viewport == "phone":
        assert measured["heading"] <= PHONE_SCREEN - 100, measured
        assert all(row["lines"] == 1 for row in measured["rows"]), measured["rows"]
    assert clipped_without_affordance(page, "article .listing-nav") == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("volume", VOLUMES)
@pytest.mark.parametrize("kind", LISTINGS)
def test_listings_read_as_separate_entries_under_a_compact_header(
    browser, sites: dict, kind: str, volume: str, viewport: str, scheme: str
) -> None:
    with reader_page(browser, viewport, scheme) as page:
        open_page(page, sites, volume, kind)
        check_entries(page)
        check_header(page, viewport)
        check_pager(page, viewport)
        if kind == "home":  # a theme card's title is the card's heading: not underlined either
            cards = page.locator("article .grid.cards > ul > li > :first-child a")
            assert cards.count() == 4
            assert set(
                cards.evaluate_all("links => links.map(a => getComputedStyle(a).textDecorationLine)")
            ) == {"none"}
        # The whole page where it is short; the first screen of a long one (what matters there).
        assert_fits_and_save(
            page,
            VIEWPORTS[viewport]["width"],
            f"reading-{kind}-{volume}-{viewport}-{scheme}",
            full_page=volume != "400",
        )


# A listing's header as the 10,000-record archive has it, shown in the place of the 400-record
# site's header on a page at the same depth: (the kind of page, the 400-record page, which page).
HEADERS_10000 = {
    "theme": ("/themes/drones/", "first"),
    "theme-year": ("/themes/drones/2024/page/2/", "middle"),
    "timeline-year": ("/timeline/2024/page/2/", "middle"),
    "person": ("person", "first"),
}
LISTING_NAV = re.compile(r'<div class="listing-nav".*?</div>', re.S)


def header_at_10000(archive: Archive, kind: str, which: str) -> str:
    """The listing header (`div.listing-nav`) of the first or middle page of a listing of the
    10,000-record archive: the drones theme, its year 2024, the timeline's 2024, the busiest
    person."""
    entries = ListingEntries(archive.themes)
    drones = next(theme for theme in archive.themes if theme.slug == "drones")
    if kind == "theme":
        pages = list(render_theme_pages(archive, drones, entries))
    elif kind == "theme-year":
        years = by_year(archive.by_theme["drones"])
        year = next(y for y in years if y.year == 2024)
        pages = list(render_theme_year_pages(archive, drones, year, years, entries))
    elif kind == "timeline-year":
        years = by_year(archive.records)
        pages = list(
            render_timeline_year_pages(archive, next(y for y in years if y.year == 2024), years, entries)
        )
    else:
        busiest = max(archive.people, key=lambda person: len(person.records))
        pages = [p for p in render_person_pages(archive, busiest, entries) if p.template == "person.md.j2"]
    assert len(pages) > 20  # a header of many pages, years and months
    chosen = pages[0] if which == "first" else pages[len(pages) // 2]
    return found(LISTING_NAV.pattern, chosen.text, LISTING_NAV.flags).group(0)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("kind", sorted(HEADERS_10000))
def test_a_listing_header_at_10000_records_leaves_the_briefings_on_the_first_screen(
    browser, sites: dict, archive_10000: Archive, kind: str, viewport: str, scheme: str
) -> None:
    base, folder = sites["400"]
    path, which = HEADERS_10000[kind]
    if path == "person":
        path = addresses(folder)["person"]
    built = (folder / path.strip("/") / "index.html").read_text(encoding="utf-8")
    header = header_at_10000(archive_10000, kind, which)
    changed = LISTING_NAV.sub(lambda _: header, built, count=1)
    with reader_page(browser, viewport, scheme) as page:
        open_in_place(page, f"{base}{path}", changed)
        assert "," in page.locator("article .listing-nav .listing-count").first.inner_text()  # thousands
        check_header(page, viewport)
        assert check_pager(page, viewport)
        assert_fits_and_save(
            page, VIEWPORTS[viewport]["width"], f"reading-{kind}-10000-{viewport}-{scheme}", full_page=False
        )


# A briefing page's text: any block in bold and any long run of bold text (headings and the
# citation box's title aside), its quotes, its date and the note of an approximate one.
BRIEFING = """() => {
    const article = document.querySelector('article');
    const weight = e => parseInt(getComputedStyle(e).fontWeight);
    const exempt = e => e.closest('h1, h2, h3, h4, h5, h6, .admonition-title');
    const bold = [...article.querySelectorAll('p, li, dd, dt, figcaption, blockquote')]
        .filter(e => !exempt(e) && e.textContent.trim() && weight(e) >= 600)
        .map(e => e.textContent.trim().slice(0, 60));
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        if (text.length >= 40 && !exempt(node.parentElement) && weight(node.parentElement) >= 600)
            bold.push(text.slice(0, 60));
    }
    const style = e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
        return {color: s.color, size: parseFloat(s.fontSize), weight: parseInt(s.fontWeight), top: r.top, bottom: r.bottom}; };
    const note = article.querySelector('.briefing-date-note');
    return {
        bold,
        text: style(article),
        quotes: [...article.querySelectorAll('.quotes blockquote p')].map(style),
        speakers: [...article.querySelectorAll('.quotes figcaption')].map(style),
        date: style(article.querySelector('.briefing-date time')),
        note: note && style(note),
        facts: [...article.querySelectorAll('.briefing-facts dt')].map(dt => [style(dt).top, style(dt.nextElementSibling).top]),
    };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("volume", VOLUMES)
def test_a_briefing_has_no_bold_paragraph_and_quotes_at_body_size(
    browser, sites: dict, volume: str, viewport: str, scheme: str
) -> None:
    with reader_page(browser, viewport, scheme) as page:
        open_page(page, sites, volume, "briefing")
        measured = page.evaluate(BRIEFING)
        text = measured["text"]
        assert measured["bold"] == []
        if volume != "handful":  # the handful has quotes; the real record and the 400 also a date note
            assert measured["quotes"] and measured["note"]
        for quote in measured["quotes"]:
            assert quote["size"] == text["size"] and quote["color"] == text["color"], quote
        for speaker in measured["speakers"]:
            assert speaker["weight"] < 600
        if measured["note"]:
            note = measured["note"]
            assert note["weight"] < 600 and note["color"] != text["color"] and note["size"] <= text["size"]
            assert note["top"] >= measured["date"]["bottom"] - 1  # on a line of its own, below the date
            background = background_of(page.locator("article"))
            assert contrast(over(parse_colour(note["color"]), background), background) >= 4.5
        # Each fact's label stands beside its value.
        assert measured["facts"] and all(abs(label - value) <= 2 for label, value in measured["facts"])
        if page.locator("article .briefing-list").count():  # related briefings, a listing too
            check_entries(page)
        assert_fits_and_save(
            page, VIEWPORTS[viewport]["width"], f"reading-briefing-{volume}-{viewport}-{scheme}"
        )


# A person page's quotes: under each theme's heading, the briefings named by their captions.
PERSON_QUOTES = """() => [...document.querySelectorAll('article .person-quotes')].map(group => ({
    theme: group.previousElementSibling.textContent.replace('¶', '').trim(),
    titles: [...group.querySelectorAll('figcaption.quote-source > a')].map(a => a.textContent.trim()),
    quotes: group.querySelectorAll('blockquote').length,
    sizes: [...group.querySelectorAll('blockquote p')].map(p => parseFloat(getComputedStyle(p).fontSize)),
    colors: [...group.querySelectorAll('blockquote a')].map(a => getComputedStyle(a).color),
}))"""


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("volume", VOLUMES)
def test_a_person_page_names_a_briefing_once_in_each_theme_s_quotes(
    browser, sites: dict, volume: str, viewport: str
) -> None:
    with reader_page(browser, viewport) as page:
        open_page(page, sites, volume, "quoted-person")
        groups = page.evaluate(PERSON_QUOTES)
        text = page.locator("article").evaluate(
            "e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).color]"
        )
        assert groups
        for group in groups:
            assert group["titles"] and len(group["titles"]) == len(set(group["titles"])), group
            assert group["quotes"] >= len(group["titles"])
            assert set(group["sizes"]) == {text[0]} and set(group["colors"]) == {text[1]}, group
        if volume == "real":  # one briefing, four quotes on four themes: its title once under each
            assert [len(group["titles"]) for group in groups] == [1, 1, 1, 1]
            assert len({title for group in groups for title in group["titles"]}) == 1
        assert_fits_and_save(page, VIEWPORTS[viewport]["width"], f"reading-person-quotes-{volume}-{viewport}")


# The index's names, its letters and the groups the letters lead to.
INDEX = """() => {
    const rect = e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
    return {
        height: document.documentElement.scrollHeight,
        names: [...document.querySelectorAll('article ul.index-columns > li')].map(rect),
        columns: Math.max(...[...document.querySelectorAll('article ul.index-columns')].map(ul =>
            new Set([...ul.children].map(li => Math.round(li.getBoundingClientRect().x))).size)),
        letters: [...document.querySelectorAll('article nav.index-letters a')].map(a =>
            [...rect(a), !!document.getElementById(decodeURIComponent(a.hash.slice(1)))]),
    };
}"""


def check_index(page: Any, viewport: str, names: int) -> dict:
    measured = page.evaluate(INDEX)
    assert len(measured["names"]) == names
    names_at = [Box(*each) for each in measured["names"]]
    assert all(name.width > 0 and name.height > 0 for name in names_at)
    assert overlapping(names_at) == []
    letters = measured["letters"]
    assert letters and all(leads for *_, leads in letters)
    assert all(width >= TAP and height >= TAP for _, _, width, height, _ in letters), letters
    assert small_tap_targets(page, "article nav.index-letters a") == []
    if viewport == "desktop":
        assert measured["height"] <= 3 * DESKTOP_SCREEN, measured["height"]
    return measured


INDEX_SIZES = {"people": 200, "tags": 100}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("volume", VOLUMES)
@pytest.mark.parametrize("index", ["people", "tags"])
def test_the_people_and_tags_indexes_fill_the_width_in_columns(
    browser, sites: dict, index: str, volume: str, viewport: str, scheme: str
) -> None:
    with reader_page(browser, viewport, scheme) as page:
        open_page(page, sites, volume, index)
        names = page.locator("article ul.index-columns > li").count()
        if volume == "400":
            assert names == INDEX_SIZES[index]
        measured = check_index(page, viewport, names)
        if volume == "400":  # columns as many as fit: a phone has two, a desktop four
            assert measured["columns"] >= (4 if viewport == "desktop" else 2), measured["columns"]
        assert_fits_and_save(
            page, VIEWPORTS[viewport]["width"], f"reading-{index}-{volume}-{viewport}-{scheme}"
        )


def tags_index_of(count: int, letters: str) -> str:
    """The Tags index's article as MkDocs would render it for `count` tags spread over `letters`
    (the synthetic archives have 100 tags under four letters)."""
    groups = [
        (letter.upper(), [TagCount(f"{letter}{word}-{n}", n % 7 + 1) for n in range(count // len(letters))])
        for letter, word in zip(
            letters, ["ceasefire", "drones", "air-defense", "exchange"] * 10, strict=False
        )
    ]
    text = render_template("tags.md.j2", groups=groups, tag_count=count, root="../")
    body = text.split("\n---\n", 1)[1]
    return markdown.markdown(
        body, extensions=["attr_list", "md_in_html", "toc"], extension_configs={"toc": {"permalink": True}}
    )


ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">).*?(</article>)', re.S)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_a_tags_index_of_120_tags_under_20_letters_fits_three_screens(
    browser, sites: dict, viewport: str, scheme: str
) -> None:
    base, folder = sites["400"]
    built = (folder / "tags" / "index.html").read_text(encoding="utf-8")
    changed = ARTICLE.sub(
        lambda m: m.group(1) + tags_index_of(120, "abcdefghijklmnoprstw") + m.group(2), built
    )
    with reader_page(browser, viewport, scheme) as page:
        open_in_place(page, f"{base}/tags/", changed)
        check_index(page, viewport, 120)
        assert_fits_and_save(page, VIEWPORTS[viewport]["width"], f"reading-tags-120-{viewport}-{scheme}")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["/people/", "/tags/", "/themes/", "/timeline/"])
def test_axe_finds_nothing_on_the_section_pages(browser, sites: dict, path: str, scheme: str) -> None:
    with reader_page(browser, "desktop", scheme) as page:
        page.goto(f"{sites['400'][0]}{path}")
        violations = axe_violations(page)
        assert [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in violations] == []
