"""Every list of briefings, on the built HTML of a 400-record synthetic archive: one shape
(title, date with an approximate one marked, themes in the vocabulary's order, source), older
pages that reach every briefing of a theme exactly once, tag pages and the tags index."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import found
from generator.archive.tags import natural_key
from generator.pages.dates import MONTHS
from generator.pages.paging import PER_PAGE
from generator.project import Project

THEME_ORDER = ["Diplomacy", "Air defense", "Drones", "Defense industry"]
DATE = re.compile(r"^(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})( \(approximate\))?$")


@dataclass
class Entry:
    href: str
    title: str
    line: str = ""  # the date · themes · source line, as text

    @property
    def themes(self) -> list[str]:
        return self.line.split(" · ")[1].split(", ")

    @property
    def date(self) -> dt.date:
        day, month, year, _ = found(DATE.pattern, self.line.split(" · ")[0]).groups()
        return dt.date(int(year), MONTHS.index(month) + 1, int(day))

    @property
    def approximate(self) -> bool:
        return self.line.split(" · ")[0].endswith("(approximate)")


class _Listing(HTMLParser):
    """The briefing entries of a page's article: a list item whose first paragraph (its title)
    is a briefing link and whose second is the date · themes · source line."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.links: dict[str, str] = {}  # rel → href of the pager's older/newer links
        self._path: list[str] = []
        self._paragraph = 0  # which paragraph of the current list item
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("rel") in ("next", "prev"):
            self.links.setdefault(str(attributes["rel"]), attributes["href"] or "")
        if tag == "li":
            self._paragraph = 0
        if tag == "p" and self._path and self._path[-1] == "li":
            self._paragraph += 1
            self._text = []
        if tag == "a" and self._path[-2:] == ["li", "p"] and self._paragraph == 1:
            href = attributes.get("href") or ""
            if "briefings/" in href:
                self.entries.append(Entry(href, ""))
        self._path.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._path and self._path.pop() != tag:
            pass
        if tag == "p" and self.entries and self._paragraph == 2 and not self.entries[-1].line:
            self.entries[-1].line = " ".join("".join(self._text).split())

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self.entries and self._paragraph == 1 and self._path[-1:] == ["a"]:
            self.entries[-1].title += data


def listing(site: Path, page: str) -> _Listing:
    parser = _Listing()
    article = (site / page / "index.html").read_text(encoding="utf-8").split("md-content__inner", 1)[1]
    parser.feed(article.split("</article>", 1)[0])
    return parser


def every_page(site: Path, first: str) -> list[tuple[str, _Listing]]:
    """The pages of the listing whose first page is `first` (e.g. "timeline/2024"), in the order
    its "Older" links lead, each with its address."""
    pages, page = [], first.strip("/") + "/"
    while page:
        found = listing(site, page.strip("/"))
        pages.append((page.strip("/"), found))
        older = found.links.get("next")
        page = posixpath.normpath(posixpath.join(page, older)) + "/" if older else ""
    return pages


@pytest.fixture(scope="module")
def data(built_synthetic_site: Project) -> dict:
    return json.loads((built_synthetic_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))


def briefing_id(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[1]


def assert_listing_shape(entries: list[Entry], by_id: dict[str, dict]) -> None:
    assert entries
    for entry in entries:
        record = by_id[briefing_id(entry.href)]
        assert entry.title == record["title"]
        assert entry.date.isoformat() == record["date"]
        assert entry.approximate == bool(record["date_note"])
        assert record["date_note"] is None or record["date_note"] not in entry.line
        assert entry.themes == [t for t in THEME_ORDER if t in record["theme_titles"]]
        assert entry.line.endswith(" · " + record["source"]["name"])


@pytest.fixture(scope="module")
def by_id(data: dict) -> dict[str, dict]:
    titles = {theme["slug"]: theme["title"] for theme in data["themes"]}
    return {b["id"]: {**b, "theme_titles": [titles[slug] for slug in b["themes"]]} for b in data["briefings"]}


def test_home_lists_the_ten_newest_each_with_its_own_date(built_synthetic_site: Project, data, by_id) -> None:
    entries = listing(built_synthetic_site.site, "").entries
    assert [briefing_id(e.href) for e in entries] == [b["id"] for b in data["briefings"][:10]]
    assert_listing_shape(entries, by_id)


def busiest_person(data: dict) -> str:
    counts: dict[str, int] = {}
    for briefing in data["briefings"]:
        for name in briefing["people"]:
            counts[name] = counts.get(name, 0) + 1
    return max(sorted(counts), key=counts.__getitem__)


@pytest.mark.parametrize(
    "page", ["themes/drones", "themes/diplomacy/2023", "timeline/2024", "tags/topic-3", "person"]
)
def test_every_listing_has_one_shape(built_synthetic_site: Project, data, by_id, page: str) -> None:
    if page == "person":
        people = (built_synthetic_site.site / "people" / "index.html").read_text(encoding="utf-8")
        page = "people/" + found(rf'href="([a-z0-9-]+)/">{busiest_person(data)}<', people).group(1)
    entries = listing(built_synthetic_site.site, page).entries
    assert len(entries) >= 3
    assert_listing_shape(entries, by_id)


def test_related_briefings_use_the_same_listing(built_synthetic_site: Project, by_id) -> None:
    some = sorted(by_id)[::37]
    for record_id in some:
        entries = listing(built_synthetic_site.site, f"briefings/{record_id}").entries
        assert 1 <= len(entries) <= 5
        assert_listing_shape(entries, by_id)


def test_an_approximate_date_is_marked_in_lists_and_explained_on_its_page(
    built_synthetic_site: Project, by_id
) -> None:
    noted = [b for b in by_id.values() if b["date_note"]]
    assert len(noted) >= 10
    year = noted[0]["date"][:4]
    entries = [
        e for _, page in every_page(built_synthetic_site.site, f"timeline/{year}") for e in page.entries
    ]
    marked = {briefing_id(e.href) for e in entries if e.approximate}
    assert marked == {b["id"] for b in noted if b["date"].startswith(year)}
    page = (built_synthetic_site.site / "briefings" / noted[0]["id"] / "index.html").read_text()
    assert "Synthetic: an approximate date, for the tests." in page


@pytest.mark.parametrize("theme", ["diplomacy", "air-defense", "drones", "defense-industry"])
def test_older_links_reach_every_briefing_of_a_theme_exactly_once(
    built_synthetic_site: Project, data: dict, theme: str
) -> None:
    expected = [b["id"] for b in data["briefings"] if theme in b["themes"]]
    seen: list[str] = []
    page, pages = f"themes/{theme}/", 0
    while page:
        found = listing(built_synthetic_site.site, page.strip("/"))
        assert len(found.entries) <= PER_PAGE
        seen += [briefing_id(e.href) for e in found.entries]
        pages += 1
        older = found.links.get("next")
        page = posixpath.normpath(posixpath.join(page, older)) + "/" if older else ""
    assert pages == -(-len(expected) // PER_PAGE) > 1
    assert seen == expected  # newest first, each exactly once


def test_tag_pages_list_their_briefings_newest_first_and_the_index_counts_them(
    built_synthetic_site: Project, data: dict
) -> None:
    site = built_synthetic_site.site
    counts: dict[str, int] = {}
    for briefing in data["briefings"]:
        for tag in briefing["tags"]:
            counts[tag] = counts.get(tag, 0) + 1
    index = (site / "tags" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(
        r'<a href="([a-z0-9-]+)/">\1</a>&nbsp;<span class="listing-count">\((\d+)\)</span>', index
    )
    assert [tag for tag, _ in listed] == sorted(counts, key=natural_key)
    assert {tag: int(n) for tag, n in listed} == counts
    assert index.index(">programme-2<") < index.index(">programme-10<")
    busiest = max(counts, key=counts.__getitem__)
    seen: list[Entry] = []
    page = f"tags/{busiest}/"
    while page:
        found = listing(site, page.strip("/"))
        seen += found.entries
        older = found.links.get("next")
        page = posixpath.normpath(posixpath.join(page, older)) + "/" if older else ""
    assert len(seen) == counts[busiest]
    assert [e.date for e in seen] == sorted((e.date for e in seen), reverse=True)
