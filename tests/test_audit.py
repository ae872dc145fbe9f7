"""The post-build audit finds what a built site lost, broke or leaked, on a real built site."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from generator.archive.model import Archive
from generator.pipeline import check_archive
from generator.project import Project
from generator.publish.audit import audit_site
from generator.records.record import Record

TALKS = "2025-01-15-test-talks-round"
TALKS_PATH = f"content/{TALKS}.md"


@pytest.fixture
def site(built_fixture_site: Project, tmp_path: Path) -> tuple[Path, Archive, list[Record], str]:
    """A private copy of the built fixture site, its archive, its drafts and its site URL."""
    return _copy(built_fixture_site, tmp_path)


@pytest.fixture
def parts_site(built_fixture_parts_site: Project, tmp_path: Path) -> tuple[Path, Archive, list[Record], str]:
    """The same, built with the search index in parts."""
    return _copy(built_fixture_parts_site, tmp_path)


def _copy(built: Project, tmp_path: Path) -> tuple[Path, Archive, list[Record], str]:
    copy = tmp_path / "site"
    shutil.copytree(built.site, copy)
    checked = check_archive(built)
    assert checked.archive is not None
    drafts = list(checked.archive.drafts)
    assert [draft.id for draft in drafts] == ["2025-03-10-test-draft"]
    return copy, checked.archive, drafts, "https://briefing-archive.example.org/"


def audit(site: tuple[Path, Archive, list[Record], str]) -> list[str]:
    folder, archive, drafts, url = site
    return audit_site(folder, archive, drafts, url)


def edit(path: Path, old: str | re.Pattern[str], new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = old.sub(new, text) if isinstance(old, re.Pattern) else text.replace(old, new)
    assert changed != text, f"nothing to change in {path}"
    path.write_text(changed, encoding="utf-8")


def test_the_built_site_passes(site: tuple[Path, Archive, list[Record], str]) -> None:
    assert audit(site) == []


def test_a_missing_briefing_page(site: tuple[Path, Archive, list[Record], str]) -> None:
    (site[0] / f"briefings/{TALKS}/index.html").unlink()
    findings = audit(site)
    assert f"briefings/{TALKS}/index.html: missing: the page of {TALKS_PATH}" in findings
    assert f"index.html: broken link to briefings/{TALKS}/index.html" in findings


def test_a_record_missing_from_its_theme_pages(site: tuple[Path, Archive, list[Record], str]) -> None:
    for page in (site[0] / "themes/diplomacy").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(rf'href="[^"]*briefings/{TALKS}/"', 'href="#"', text), encoding="utf-8")
    assert f"themes/diplomacy/: no link to {TALKS_PATH}, which is on that theme" in audit(site)


def test_a_record_missing_from_a_feed(site: tuple[Path, Archive, list[Record], str]) -> None:
    atom = site[0] / "feed.xml"
    edit(atom, re.compile(rf"<entry>(?:(?!</entry>).)*{TALKS}(?:(?!</entry>).)*</entry>", re.S), "")
    assert f"feed.xml: {TALKS_PATH} is missing from the feed" in audit(site)


def test_a_record_missing_from_a_theme_json_feed(site: tuple[Path, Archive, list[Record], str]) -> None:
    feed_path = site[0] / "feed-diplomacy.json"
    feed = json.loads(feed_path.read_text(encoding="utf-8"))
    feed["items"] = [item for item in feed["items"] if TALKS not in item["url"]]
    feed_path.write_text(json.dumps(feed), encoding="utf-8")
    assert f"feed-diplomacy.json: {TALKS_PATH} is missing from the feed" in audit(site)


def test_a_record_missing_from_the_downloads(site: tuple[Path, Archive, list[Record], str]) -> None:
    data = site[0] / "data/briefings.json"
    document = json.loads(data.read_text(encoding="utf-8"))
    key = next(key for key, value in document.items() if isinstance(value, list) and "id" in value[0])
    document[key] = [item for item in document[key] if TALKS not in json.dumps(item)]
    data.write_text(json.dumps(document), encoding="utf-8")
    csv = site[0] / "data/briefings.csv"
    csv.write_text(
        "".join(line for line in csv.open(encoding="utf-8") if TALKS not in line), encoding="utf-8"
    )
    findings = audit(site)
    assert f"data/briefings.json: {TALKS_PATH} is missing from the data" in findings
    assert f"data/briefings.csv: {TALKS_PATH} is missing from the data" in findings


def test_a_record_missing_from_the_pagefind_index(site: tuple[Path, Archive, list[Record], str]) -> None:
    fragments = sorted(site[0].glob("pagefind/**/fragment/*.pf_fragment"))  # every part's bundle
    assert fragments
    for fragment in fragments:
        if f"/briefings/{TALKS}/".encode() in gzip.decompress(fragment.read_bytes()):
            fragment.unlink()
    assert f"pagefind/: {TALKS_PATH} is not in the search index" in audit(site)


def test_a_part_of_the_index_the_browser_is_not_told_to_merge(
    parts_site: tuple[Path, Archive, list[Record], str],
) -> None:
    site = parts_site
    listing = site[0] / "pagefind/parts.json"
    parts = json.loads(listing.read_text(encoding="utf-8"))["parts"]
    year = next(record.meta.date.year for record in site[1].records if record.id == TALKS)
    listing.write_text(json.dumps({"parts": [p for p in parts if p["path"] != f"{year}/"]}), encoding="utf-8")
    findings = audit(site)
    assert f"pagefind/: {TALKS_PATH} is not in the search index" in findings
    in_year = [record for record in site[1].records if record.meta.date.year == year]
    assert len(findings) == len(in_year) > 0


def test_a_record_missing_from_a_material_search_index(site: tuple[Path, Archive, list[Record], str]) -> None:
    shutil.rmtree(site[0] / "pagefind")
    index = site[0] / "search/search_index.json"
    index.parent.mkdir(exist_ok=True)  # search/ also holds the search page
    docs = [{"location": f"briefings/{record.id}/", "title": "", "text": ""} for record in site[1].records]
    index.write_text(json.dumps({"docs": [d for d in docs if TALKS not in d["location"]]}), encoding="utf-8")
    assert audit(site) == [f"search/search_index.json: {TALKS_PATH} is not in the search index"]


def test_no_search_index_at_all(site: tuple[Path, Archive, list[Record], str]) -> None:
    shutil.rmtree(site[0] / "pagefind")
    assert "search/: no search index was built" in audit(site)


def test_a_broken_internal_link(site: tuple[Path, Archive, list[Record], str]) -> None:
    edit(
        site[0] / "about/index.html",
        "</article>",
        '<a href="../nowhere/#x">x</a><img src="/gone.png"></article>',
    )
    findings = audit(site)
    assert "about/index.html: broken link to nowhere/index.html" in findings
    assert "about/index.html: broken link to gone.png" in findings


def test_draft_text_anywhere(site: tuple[Path, Archive, list[Record], str]) -> None:
    edit(site[0] / "timeline/index.html", "</article>", "<p>DRAFTSECRET summary.</p></article>")
    (site[0] / "notes.txt").write_text("see 2025-03-10-test-draft", encoding="utf-8")
    findings = audit(site)
    assert (
        "timeline/index.html: text of the draft content/2025-03-10-test-draft.md: 'DRAFTSECRET summary.'"
        in findings
    )
    assert (
        "notes.txt: text of the draft content/2025-03-10-test-draft.md: '2025-03-10-test-draft'" in findings
    )


def test_a_draft_page(site: tuple[Path, Archive, list[Record], str]) -> None:
    page = site[0] / "briefings/2025-03-10-test-draft/index.html"
    page.parent.mkdir()
    page.write_text("<html></html>", encoding="utf-8")
    assert "briefings/2025-03-10-test-draft/index.html: a file for a draft" in audit(site)


@pytest.mark.parametrize(
    ("markup", "finding"),
    [
        ("<script>alert(1)</script>", "<script> element in the page content"),
        ('<iframe src="https://example.org/"></iframe>', "<iframe> element in the page content"),
        ('<img src="x.png" onerror="alert(1)">', "event-handler attribute onerror= on <img>"),
        ('<a href="javascript:alert(1)">x</a>', "href='javascript:alert(1)' on <a>"),
        ('<a href="java&#9;script:alert(1)">x</a>', "href='java\\tscript:alert(1)' on <a>"),
        ('<img src="data:image/svg+xml,&lt;svg/&gt;">', "src='data:image/svg+xml,<svg/>' on <img>"),
        ("<svg/onload=alert(1)>", "event-handler attribute onload= on <svg>"),
        ("<img src=x.png onerror=alert(1)>", "event-handler attribute onerror= on <img>"),
        ('<a title="a > b" onclick="alert(1)">x</a>', "event-handler attribute onclick= on <a>"),
        ("<SCRIPT>alert(1)</SCRIPT>", "<script> element in the page content"),
        ('<a href=" JavaScript:alert(1)">x</a>', "href=' JavaScript:alert(1)' on <a>"),
        (
            "<!-- <script>alert(1)</script> --><object data=x.swf></object>",
            "<object> element in the page content",
        ),
    ],
)
def test_unsafe_markup_in_a_built_page(
    site: tuple[Path, Archive, list[Record], str], markup: str, finding: str
) -> None:
    page = f"briefings/{TALKS}/index.html"
    edit(site[0] / page, "</article>", markup + "</article>")
    assert f"{page}: unsafe markup: {finding}" in audit(site)


def test_markup_inside_comments_and_script_text_is_not_markup(
    site: tuple[Path, Archive, list[Record], str],
) -> None:
    page = f"briefings/{TALKS}/index.html"
    edit(site[0] / page, "</article>", "<!-- <iframe onload=x> --></article>")
    edit(site[0] / page, "</body>", "<script>var s = '<iframe onload=x>';</script></body>")
    assert audit(site) == []


def test_theme_scripts_outside_the_article_are_not_findings(
    site: tuple[Path, Archive, list[Record], str],
) -> None:
    page = site[0] / f"briefings/{TALKS}/index.html"
    assert page.read_text(encoding="utf-8").count("<script") >= 2
    assert audit(site) == []


def test_unsafe_markup_in_feed_content(site: tuple[Path, Archive, list[Record], str]) -> None:
    feed_path = site[0] / "feed.json"
    feed = json.loads(feed_path.read_text(encoding="utf-8"))
    feed["items"][0]["content_html"] += '<img src="x" onerror="alert(1)">'
    feed_path.write_text(json.dumps(feed), encoding="utf-8")
    edit(site[0] / "feed.xml", "</content>", "&lt;iframe src=x&gt;&lt;/iframe&gt;</content>")
    findings = audit(site)
    assert "feed.json: unsafe markup: event-handler attribute onerror= on <img>" in findings
    assert "feed.xml: unsafe markup: <iframe> element in the page content" in findings


def test_markup_like_text_in_an_atom_text_summary_is_text(built_fixture_site: Project) -> None:
    """The fixture's summary holds `<img … onerror=…>` as text; Atom's type="text" keeps it text."""
    atom = (built_fixture_site.site / "feed.xml").read_text(encoding="utf-8")
    assert '<summary type="text">' in atom or "<summary>" in atom
    assert "&lt;img src=x onerror=alert(1)&gt;" in atom


def test_draft_text_inside_a_compressed_search_fragment(
    site: tuple[Path, Archive, list[Record], str],
) -> None:
    fragment = site[0] / "pagefind/fragment/en_leak.pf_fragment"
    document = {"url": "/about/", "content": "Notes. DRAFTSECRET summary. More."}
    fragment.write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(document).encode()))
    assert (
        "pagefind/fragment/en_leak.pf_fragment: text of the draft content/2025-03-10-test-draft.md: "
        "'DRAFTSECRET summary.'"
    ) in audit(site)


def test_a_malformed_external_link_is_not_a_crash(site: tuple[Path, Archive, list[Record], str]) -> None:
    """Found by test_properties: `<https://e.org[>` in a body passes the check and makes this href."""
    edit(site[0] / "about/index.html", "</article>", '<a href="https://e.org[">x</a></article>')
    assert audit(site) == []


def test_draft_words_shared_with_published_records_are_not_leaks(
    site: tuple[Path, Archive, list[Record], str],
) -> None:
    """A draft titled like a theme, and summarised like a published record, leaks nothing."""
    from conftest import record_text
    from generator.records.load import parse_record

    published = site[1].records[0]
    text = record_text(title="Drones", summary=json.dumps(published.meta.summary), draft="true")
    themes = tuple(theme.slug for theme in site[1].themes)
    draft, _ = parse_record(
        text.encode(),
        "content/2025-03-11-synthetic-quiet-draft.md",
        "2025-03-11-synthetic-quiet-draft",
        themes,
    )
    assert audit_site(site[0], site[1], [draft], site[3]) == []


def _in_database(site: tuple[Path, Archive, list[Record], str], *statements: str) -> None:
    """Run `statements` on the built site's SQLite file, as a faulty build might have written it."""
    connection = sqlite3.connect(site[0] / "data/briefings.db")
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def test_a_record_missing_from_the_database(site: tuple[Path, Archive, list[Record], str]) -> None:
    _in_database(site, "PRAGMA foreign_keys = OFF", f"DELETE FROM briefings WHERE id = '{TALKS}'")
    findings = audit(site)
    assert f"data/briefings.db: {TALKS_PATH} is missing from the database" in findings
    # The briefing's rows elsewhere now point nowhere, and the full-text index holds text it lost.
    assert "data/briefings.db: a row of briefing_people refers to a missing row of briefings" in findings
    assert any(f.startswith("data/briefings.db: the full-text index does not match") for f in findings)


@pytest.mark.parametrize("padding", [0, 8150, 8170, 8190, 20_000])
def test_a_draft_in_the_database_is_found_wherever_its_text_falls(
    site: tuple[Path, Archive, list[Record], str], padding: int
) -> None:
    """A long value spills over several pages of the file, which may split a draft's words: the
    audit reads the database's values, not its bytes."""
    notes = "x" * padding + " DRAFTSECRET summary."
    _in_database(
        site,
        "INSERT INTO briefings (id, url, title, date, summary, notes, source_name) VALUES "
        f"('2025-03-10-test-draft', 'u', 'Synthetic', '2025-03-10', 'Synthetic.', '{notes}', 'Test Wire')",
    )
    findings = audit(site)
    assert "data/briefings.db: briefing '2025-03-10-test-draft', not a published record" in findings
    assert (
        "data/briefings.db: text of the draft content/2025-03-10-test-draft.md: 'DRAFTSECRET summary.'"
        in findings
    )


def test_a_damaged_database(site: tuple[Path, Archive, list[Record], str]) -> None:
    database = site[0] / "data/briefings.db"
    database.write_bytes(database.read_bytes()[:100] + b"\0" * 50_000)
    findings = [f for f in audit(site) if f.startswith("data/briefings.db")]
    assert findings and all("not a readable SQLite database" in f or "missing from" in f for f in findings)
