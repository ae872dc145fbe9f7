"""The Atom and JSON feeds, parsed back: required elements, entries, dates, determinism."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import fixture_records, record_text
from generator.pages.feeds import FEED_ENTRIES
from generator.pipeline import generate
from generator.project import Project

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://briefing-archive.example.org/"
INTERCEPTORS = "2024-11-20-test-air-defense-deliveries"
TALKS = "2025-01-15-test-talks-round"
SCRIPT = "2025-02-01-test-script-title"


def atom(docs: Path, name: str) -> ET.Element:
    return ET.parse(docs / name).getroot()


def json_feed(docs: Path, name: str) -> dict:
    return json.loads((docs / name).read_text(encoding="utf-8"))


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def text(element: ET.Element, tag: str) -> str:
    found = element.find(f"{ATOM}{tag}")
    assert found is not None, tag
    return found.text or ""


def test_every_feed_file_exists(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    names = sorted(p.name for p in project.files.glob("feed*"))
    themes = ("air-defense", "defense-industry", "diplomacy", "drones")
    expected = ["feed.json", "feed.xml"] + [
        f"feed-{slug}.{ext}" for slug in themes for ext in ("json", "xml")
    ]
    assert names == sorted(expected)


def test_atom_feed_has_the_required_elements_and_one_entry_per_record(
    generated_fixture_archive: Project,
) -> None:
    project = generated_fixture_archive
    feed = atom(project.files, "feed.xml")
    assert feed.tag == f"{ATOM}feed"
    assert text(feed, "id") == SITE + "feed.xml"
    assert text(feed, "title") == "Briefing Archive"
    assert text(feed, "updated") == "2025-02-01T00:00:00+00:00"  # the newest record, not the clock
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Briefing Archive"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": SITE, "self": SITE + "feed.xml"}
    ids = [text(entry, "id") for entry in entries(feed)]
    # Newest first; the draft is not there.
    assert ids == [SITE + f"briefings/{record}/" for record in (SCRIPT, TALKS, INTERCEPTORS)]
    for entry in entries(feed):
        for required in ("id", "title", "updated", "published", "summary", "content"):
            assert text(entry, required), required
        # A link without rel is the alternate (RFC 4287, 4.2.7.2): the briefing page.
        [link] = entry.findall(f"{ATOM}link")
        assert link.get("rel", "alternate") == "alternate" and link.get("href") == text(entry, "id")


def test_theme_feed_carries_that_themes_highlight_only(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    [entry] = entries(atom(project.files, "feed-air-defense.xml"))
    assert text(entry, "title") == "Test partners pledge interceptor missiles"
    assert text(entry, "published") == "2024-11-20T00:00:00+00:00"
    assert text(entry, "summary") == "Synthetic summary about interceptor missiles for the tests."
    content = text(entry, "content")
    assert "AIRDEFENSE-HIGHLIGHT for the interceptor record." in content
    assert "INDUSTRY-HIGHLIGHT" not in content
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["air-defense", "defense-industry"]

    feed = json_feed(project.files, "feed-air-defense.json")
    [item] = feed["items"]
    assert item["_briefing"]["highlights"] == {
        "air-defense": "AIRDEFENSE-HIGHLIGHT for the interceptor record."
    }
    assert "AIRDEFENSE-HIGHLIGHT" in item["content_html"]
    assert feed["home_page_url"] == SITE + "themes/air-defense/"
    assert feed["feed_url"] == SITE + "feed-air-defense.json"


def test_json_feed_has_the_required_keys(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    feed = json_feed(project.files, "feed.json")
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Briefing Archive"
    assert feed["language"] == "en"
    assert [item["id"] for item in feed["items"]] == [
        SITE + f"briefings/{record}/" for record in (SCRIPT, TALKS, INTERCEPTORS)
    ]
    for item in feed["items"]:
        assert {"id", "url", "title", "summary", "content_html", "date_published", "date_modified"} <= set(
            item
        )
    talks = feed["items"][1]
    assert talks["date_published"] == "2025-01-15T00:00:00+00:00"
    assert talks["tags"] == ["diplomacy"]


def test_markup_in_a_record_is_text_in_the_feeds(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    [entry] = entries(atom(project.files, "feed-drones.xml"))
    # Parsed back, the title is exactly what the curator wrote.
    assert text(entry, "title").startswith("<script>alert('title')</script> Test *not emphasis*")
    content = text(entry, "content")  # HTML, as a string: the record's markup is escaped in it
    assert "&lt;img src=x" in content and "<img" not in content
    item = json_feed(project.files, "feed-drones.json")["items"][0]
    assert "&lt;script&gt;" in item["content_html"] and "<script>" not in item["content_html"]


def test_updated_date_and_corrections_reach_the_entry(make_archive) -> None:
    corrected = record_text(
        title="Synthetic corrected briefing",
        date="2025-03-04",
        updated="2025-03-06",
        corrections="\n  - date: 2025-03-08\n    text: Synthetic correction, the figure was 12 not 21.",
    )
    project = make_archive({"2025-03-04-corrected.md": corrected})
    generate(project)
    feed = atom(project.files, "feed.xml")
    [entry] = entries(feed)
    assert text(entry, "published") == "2025-03-04T00:00:00+00:00"
    # A correction is a change: the entry and the feed are as new as the latest correction.
    assert text(entry, "updated") == "2025-03-08T00:00:00+00:00"
    assert text(feed, "updated") == "2025-03-08T00:00:00+00:00"
    assert "Updated 6 March 2025." in text(entry, "content")
    assert "8 March 2025: Synthetic correction, the figure was 12 not 21." in text(entry, "content")
    [item] = json_feed(project.files, "feed.json")["items"]
    assert item["date_modified"] == "2025-03-08T00:00:00+00:00"
    assert item["_briefing"]["updated"] == "2025-03-06"
    assert item["_briefing"]["corrections"] == [
        {"date": "2025-03-08", "text": "Synthetic correction, the figure was 12 not 21."}
    ]


def test_feeds_hold_the_newest_entries_only(make_archive) -> None:
    records = {
        f"2024-{n:03d}.md": record_text(title=f"Synthetic briefing {n}", date=f"2024-01-{1 + n % 28:02d}")
        for n in range(FEED_ENTRIES + 7)
    }
    project = make_archive(records)
    generate(project)
    feed = json_feed(project.files, "feed.json")
    assert len(feed["items"]) == FEED_ENTRIES
    dates = [item["date_published"] for item in feed["items"]]
    assert dates == sorted(dates, reverse=True)
    assert len(entries(atom(project.files, "feed-diplomacy.xml"))) == FEED_ENTRIES


def test_a_theme_without_records_has_a_valid_empty_feed(make_archive) -> None:
    project = make_archive({"a.md": record_text()})
    generate(project)
    feed = atom(project.files, "feed-drones.xml")
    assert entries(feed) == []
    assert text(feed, "updated") == "1970-01-01T00:00:00+00:00"
    assert json_feed(project.files, "feed-drones.json")["items"] == []


def test_feeds_are_byte_identical_across_builds(make_archive, tmp_path: Path) -> None:
    first = make_archive(fixture_records(), root=tmp_path / "one")
    second = make_archive(fixture_records(), root=tmp_path / "two")
    generate(first)
    generate(second)
    for path in sorted(first.files.glob("feed*.*")):
        assert path.read_bytes() == (second.files / path.relative_to(first.files)).read_bytes(), path
