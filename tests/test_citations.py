"""Citations people can paste and import: the reference on every briefing page, and its BibTeX,
RIS and CSL-JSON files parsed back with bibtexparser, rispy and a JSON Schema of CSL's rules;
the Highwire and Dublin Core tags; the licence in the footer, on the Data page and in the data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

from conftest import FIXTURES
from generator.project import Project

SCRIPT_TITLE = "2025-02-01-test-script-title"


def bibtex_entry(path: Path) -> bibtexparser.model.Entry:
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    assert library.failed_blocks == [] and len(library.entries) == 1
    return library.entries[0]


@pytest.fixture(scope="module")
def briefings(built_synthetic_site: Project) -> list[dict]:
    data = json.loads((built_synthetic_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))
    return data["briefings"][::25]  # a dozen, spread over the archive


def test_bibtex_ris_and_csl_json_parse_and_name_the_briefing(
    built_synthetic_site: Project, briefings
) -> None:
    cite = built_synthetic_site.site / "cite"
    schema = json.loads((FIXTURES / "csl-item.schema.json").read_text(encoding="utf-8"))
    for briefing in briefings:
        year, month, day = (int(part) for part in briefing["date"].split("-"))
        entry = bibtex_entry(cite / f"{briefing['id']}.bib")
        assert entry.entry_type == "misc" and entry.key == briefing["id"]
        assert entry["title"] == briefing["title"]
        assert entry["date"] == briefing["date"] and entry["year"] == str(year)
        assert entry["url"] == briefing["url"]
        assert entry["author"] == "{Briefing Archive}"  # an institution, not a person's name

        (reference,) = rispy.loads((cite / f"{briefing['id']}.ris").read_text(encoding="utf-8"))
        assert reference["type_of_reference"] == "ELEC"
        assert reference["title"] == briefing["title"]
        assert reference["date"] == briefing["date"].replace("-", "/") + "/"
        assert reference["urls"] == [briefing["url"]]
        assert reference.get("keywords", []) == briefing["tags"]

        csl = json.loads((cite / f"{briefing['id']}.json").read_text(encoding="utf-8"))
        jsonschema.validate(csl, schema)
        assert csl[0]["type"] == "webpage" and csl[0]["title"] == briefing["title"]
        assert csl[0]["issued"] == {"date-parts": [[year, month, day]]}


def test_markup_in_a_title_stays_text_in_every_format(built_fixture_site: Project) -> None:
    cite = built_fixture_site.site / "cite"
    data = json.loads((built_fixture_site.site / "data" / "briefings.json").read_text(encoding="utf-8"))
    title = next(b["title"] for b in data["briefings"] if b["id"] == SCRIPT_TITLE)
    entry = bibtex_entry(cite / f"{SCRIPT_TITLE}.bib")
    unescaped = re.sub(r"\\([{}&%$#_])", r"\1", entry["title"])
    assert unescaped == " ".join(title.split())
    assert rispy.loads((cite / f"{SCRIPT_TITLE}.ris").read_text(encoding="utf-8"))[0]["title"] == title
    assert json.loads((cite / f"{SCRIPT_TITLE}.json").read_text(encoding="utf-8"))[0]["title"] == title


def test_a_briefing_page_links_its_files_and_states_its_type(
    built_synthetic_site: Project, briefings
) -> None:
    briefing = briefings[0]
    page = (built_synthetic_site.site / "briefings" / briefing["id"] / "index.html").read_text(
        encoding="utf-8"
    )
    for extension, label in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")):
        assert f'<a href="../../cite/{briefing["id"]}.{extension}" download>{label}</a>' in page
    assert '<span class="access-date">[date you read it]</span>' in page
    assert '<meta name="DC.type" content="webpage">' in page
    assert f'<meta name="citation_title" content="{briefing["title"]}">' in page
    assert "assets/cite.js" in page


class _HeadMeta(HTMLParser):
    """Every <meta name|property=… content=…> of a page, as (name, content) pairs."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        name = found.get("name") or found.get("property")
        if tag == "meta" and name and found.get("content"):
            self.tags.append((name, found["content"] or ""))


# How Zotero's Embedded Metadata translator (with its RDF translator) reads an item type from
# these tags: Highwire tags that name a kind of publication; og:type, then DC.type; the guess it
# falls back on when a page has Highwire tags (citation_title: a journal article).
HIGHWIRE_KINDS = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_dissertation_institution": "thesis",
    "citation_isbn": "book",
}
OG_TYPES = {"website": "webpage", "book": "book", "video.movie": "videoRecording"}  # "article": a guess
DC_TYPES = {"webpage": "webpage", "homepage": "webpage", "newsitem": "newspaperArticle", "text": None}


def zotero_item_type(tags: list[tuple[str, str]]) -> str:
    first = dict(reversed(tags))  # the translator reads the first of each
    og, dc = OG_TYPES.get(first.get("og:type", "")), DC_TYPES.get(first.get("DC.type", "").lower())
    guess = "journalArticle" if "citation_title" in first else None
    return og or dc or guess or "webpage"


def test_every_meta_tag_gives_a_reference_manager_one_item_type_the_files_agree_with(
    built_synthetic_site: Project, briefings
) -> None:
    site = built_synthetic_site.site
    for briefing in briefings[::25]:
        parser = _HeadMeta()
        head = (site / "briefings" / briefing["id"] / "index.html").read_text(encoding="utf-8")
        parser.feed(head.split("</head>", 1)[0])
        tags = parser.tags
        names = [name for name, _ in tags]
        assert not set(HIGHWIRE_KINDS) & set(names)  # no tag names another kind of publication
        assert names.count("og:type") == names.count("DC.type") == 1
        assert not [name for name in names if name.startswith("article:")]  # og:type article's own
        assert dict(tags)["og:type"] == "website" and dict(tags)["DC.type"] == "webpage"
        assert zotero_item_type(tags) == "webpage"
        assert dict(tags)["citation_title"] == dict(tags)["DC.title"] == dict(tags)["og:title"]
        assert dict(tags)["DC.date"] == briefing["date"]
        assert dict(tags)["citation_date"] == briefing["date"].replace("-", "/")
        # The citation files say the same: CSL `webpage`, RIS `ELEC`, BibTeX `@misc`.
        cite = site / "cite"
        assert (
            json.loads((cite / f"{briefing['id']}.json").read_text(encoding="utf-8"))[0]["type"] == "webpage"
        )
        assert (
            rispy.loads((cite / f"{briefing['id']}.ris").read_text(encoding="utf-8"))[0]["type_of_reference"]
            == "ELEC"
        )
        assert (cite / f"{briefing['id']}.bib").read_text(encoding="utf-8").startswith("@misc{")


def test_the_licence_is_in_the_footer_the_data_page_and_the_data(built_synthetic_site: Project) -> None:
    site = built_synthetic_site.site
    licence = '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>'
    for page in ("", "data", "themes/drones"):
        assert licence in (site / page / "index.html").read_text(encoding="utf-8")
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert "The licence is" in data_page
    for path in ("data/briefings.json", "data/themes/drones.json", "data/years/2024.json"):
        document = json.loads((site / path).read_text(encoding="utf-8"))
        assert document["licence"]["name"] == "CC BY 4.0"


@pytest.mark.browser
def test_the_reader_s_browser_fills_in_the_access_date(
    built_synthetic_site: Project, page, briefings
) -> None:
    from conftest import serve_folder

    with serve_folder(built_synthetic_site.site) as base:
        page.goto(f"{base}/briefings/{briefings[0]['id']}/")
        date = page.locator(".citation .access-date").inner_text()
        today = page.evaluate("() => [new Date().getDate(), new Date().getFullYear()]")
        assert re.fullmatch(rf"{today[0]} [A-Z][a-z]+ {today[1]}", date)
        size = page.locator(".citation pre code").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        body = page.locator("article p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size == body
        assert page.console_errors == []
