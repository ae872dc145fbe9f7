"""data/briefings.db: the archive as an SQLite database, opened with Python's sqlite3 and queried
as a researcher would (counts against briefings.json, full-text search, joins through people and
themes), its Datasette metadata, its bytes twice the same, and Datasette itself serving it."""

from __future__ import annotations

import collections
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FIXTURES,
    VIEWPORTS,
    assert_fits_and_save,
    copy_config,
    fixture_records,
    record_text,
    serve_folder,
)
from generator.pages import database
from generator.pipeline import check_archive, generate, load_site_config
from generator.project import Project
from synthetic_archive import write_archive, write_people

INTERCEPTORS = "2024-11-20-test-air-defense-deliveries"
DRAFT = "2025-03-10-test-draft"
COUNT = 300


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A generated synthetic archive of COUNT records (tests/synthetic_archive.py), plus one rich record
    with every optional field and a draft."""
    root = tmp_path_factory.mktemp("synthetic-db")
    write_archive(root, COUNT)
    # The test people (with aliases and roles) and the synthetic ones, in one vocabulary.
    copy_config(root, FIXTURES / "people.yml")
    vocabulary = root / "site_config" / "people.yml"
    write_people(root / "synthetic-people.yml")
    synthetic_people = (root / "synthetic-people.yml").read_text(encoding="utf-8")
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + synthetic_people, encoding="utf-8")
    rich = record_text(
        body="Synthetic notes naming the word xylophonewren once.\n",
        title="Synthetic rich record",
        date="2025-12-30",
        date_note="Synthetic, approximate.",
        themes="[air-defense, diplomacy]",
        people="[Test Minister Alfa, Test Envoy Beta]",
        tags="[rich-tag]",
        quotes="\n  - text: Synthetic quote with the word zanzibarquill.\n    by: Test Minister Alfa\n"
        "    theme: air-defense\n  - text: Synthetic unattributed-theme quote.\n    by: Someone Unlisted",
        highlights="\n  air-defense: Synthetic air defense highlight.",
        updated="2025-12-31",
        corrections="\n  - date: 2025-12-31\n    text: Synthetic correction.",
    )
    (root / "content" / "2025" / "2025-12-30-synthetic-rich.md").write_text(rich, encoding="utf-8")
    draft = record_text(
        title="Synthetic draft", date="2025-06-01", draft="true", summary="DRAFTONLYWORD summary."
    )
    (root / "content" / "2025" / "2025-06-01-synthetic-draft.md").write_text(draft, encoding="utf-8")
    project = Project.at(root)
    assert generate(project).report is not None
    return project


@pytest.fixture(scope="module")
def db(synthetic: Project) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{synthetic.files / 'data' / 'briefings.db'}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def published(synthetic: Project) -> list[dict]:
    return json.loads((synthetic.files / "data" / "briefings.json").read_text(encoding="utf-8"))["briefings"]


def test_one_row_per_published_briefing_with_every_field_of_the_json(db, published) -> None:
    assert len(published) == COUNT + 1  # the draft is not published
    rows = [dict(row) for row in db.execute("SELECT * FROM briefings ORDER BY rowid")]
    assert [row["id"] for row in rows] == [item["id"] for item in published]  # newest first
    for row, item in zip(rows, published, strict=True):
        assert row == {
            "id": item["id"],
            "url": item["url"],
            "title": item["title"],
            "date": item["date"],
            "date_note": item["date_note"],
            "updated": item["updated"],
            "summary": item["summary"],
            "notes": item["notes"],
            "source_name": item["source"]["name"],
            "source_url": item["source"]["url"],
            "source_archived": item["source"]["archived"],
        }


def test_the_relations_hold_what_the_json_lists(db, published) -> None:
    def pairs(sql: str) -> list[tuple]:
        return sorted(tuple(row) for row in db.execute(sql))

    assert pairs("SELECT briefing_id, theme, highlight FROM briefing_themes") == sorted(
        (b["id"], theme, b["highlights"].get(theme)) for b in published for theme in b["themes"]
    )
    assert pairs("SELECT briefing_id, name FROM briefing_people") == sorted(
        (b["id"], name) for b in published for name in b["people"]
    )
    assert pairs("SELECT briefing_id, tag FROM briefing_tags") == sorted(
        (b["id"], tag) for b in published for tag in b["tags"]
    )
    assert pairs("SELECT tag FROM tags") == sorted({(tag,) for b in published for tag in b["tags"]})
    assert pairs("SELECT briefing_id, speaker, text, theme FROM quotes") == sorted(
        (b["id"], q["by"], q["text"], q["theme"]) for b in published for q in b["quotes"]
    )
    assert pairs("SELECT briefing_id, date, text FROM corrections") == sorted(
        (b["id"], c["date"], c["text"]) for b in published for c in b["corrections"]
    )
    themes = [tuple(row) for row in db.execute("SELECT slug FROM themes ORDER BY position")]
    assert themes == [("diplomacy",), ("air-defense",), ("drones",), ("defense-industry",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_people_have_their_canonical_name_aliases_and_roles(db) -> None:
    alpha = db.execute("SELECT * FROM people WHERE slug = 'test-minister-alpha'").fetchone()
    assert alpha["name"] == "Test Minister Alpha"
    assert alpha["url"] == "https://briefing-archive.example.org/people/test-minister-alpha/"
    aliases = [
        row[0]
        for row in db.execute(
            "SELECT alias FROM person_aliases WHERE person = ? ORDER BY alias", ("test-minister-alpha",)
        )
    ]
    assert aliases == ["Test Minister Alfa", "Тестовий Міністр Альфа"]
    roles = [
        tuple(row)
        for row in db.execute(
            "SELECT title, since, until FROM person_roles WHERE person = 'test-minister-alpha' ORDER BY position"
        )
    ]
    assert roles == [
        ("Synthetic Minister of Testing", "2024-01-15", "2025-07-17"),
        ("Synthetic head of the test delegation", None, None),
    ]
    # The rich record names Alpha by an alias: the row keeps the spelling and links the person.
    named = db.execute(
        "SELECT person, name FROM briefing_people WHERE briefing_id = '2025-12-30-synthetic-rich' ORDER BY position"
    ).fetchall()
    assert [tuple(row) for row in named] == [
        ("test-minister-alpha", "Test Minister Alfa"),
        ("test-envoy-beta", "Test Envoy Beta"),
    ]
    spoken = db.execute(
        "SELECT speaker, person, url FROM quotes WHERE briefing_id = '2025-12-30-synthetic-rich' ORDER BY position"
    ).fetchall()
    assert [tuple(row) for row in spoken] == [
        (
            "Test Minister Alfa",
            "test-minister-alpha",
            "https://briefing-archive.example.org/briefings/2025-12-30-synthetic-rich/#quote-1",
        ),
        (
            "Someone Unlisted",
            None,
            "https://briefing-archive.example.org/briefings/2025-12-30-synthetic-rich/#quote-2",
        ),
    ]


def test_full_text_search_finds_the_one_record_holding_a_word(db) -> None:
    def hits(words: str) -> list[str]:
        sql = (
            "SELECT b.id FROM briefings_fts JOIN briefings AS b ON b.rowid = briefings_fts.rowid "
            "WHERE briefings_fts MATCH ? ORDER BY rank"
        )
        return [row[0] for row in db.execute(sql, (words,))]

    assert hits("xylophonewren") == ["2025-12-30-synthetic-rich"]  # in the notes
    assert hits("zanzibarquill") == ["2025-12-30-synthetic-rich"]  # in a quote
    # "Synthetic briefing 123: …" is the only title, and "Synthetic record 123" the only body, with 123.
    assert [hit.rsplit("-", 1)[-1] for hit in hits("123")] == ["00123"]
    assert hits("DRAFTONLYWORD") == []  # drafts are never in it
    # Every briefing is findable by a word of its title, and only briefings are.
    assert len(hits("synthetic")) == COUNT + 1
    snippet = db.execute(
        "SELECT snippet(briefings_fts, -1, '[', ']', '…', 6) FROM briefings_fts WHERE briefings_fts MATCH 'zanzibarquill'"
    ).fetchone()[0]
    assert "[zanzibarquill]" in snippet


def test_the_example_queries_answer_what_the_json_says(db, published) -> None:
    queries = {query.name: query.sql for query in database.QUERIES}
    # The most named synthetic person on air defense, by month, against the JSON.
    counts = collections.Counter(
        name for b in published if "air-defense" in b["themes"] for name in b["people"]
    )
    person = counts.most_common(1)[0][0]
    expected = collections.Counter(
        b["date"][:7] for b in published if "air-defense" in b["themes"] and person in b["people"]
    )
    rows = db.execute(queries["theme_person_by_month"], {"theme": "air-defense", "person": person}).fetchall()
    assert {row["month"]: row["briefings"] for row in rows} == dict(expected)
    assert [row["month"] for row in rows] == sorted(expected, reverse=True)
    assert len(rows) > 3
    found = db.execute(
        queries["search_within_theme"], {"words": "zanzibarquill", "theme": "air-defense"}
    ).fetchall()
    assert [row["id"] for row in found] == ["2025-12-30-synthetic-rich"]
    assert (
        db.execute(queries["search_within_theme"], {"words": "zanzibarquill", "theme": "drones"}).fetchall()
        == []
    )
    said = db.execute(queries["quotes_of_person"], {"person": "test-minister-alpha"}).fetchall()
    assert [row["text"] for row in said] == ["Synthetic quote with the word zanzibarquill."]


def test_the_metadata_describes_every_table_and_column(synthetic: Project, db) -> None:
    metadata = json.loads((synthetic.files / "data" / "briefings.metadata.json").read_text(encoding="utf-8"))
    assert (
        metadata["license"] == "CC BY 4.0"
        and metadata["source_url"] == "https://briefing-archive.example.org/"
    )
    tables = metadata["databases"]["briefings"]["tables"]
    shadows = {"briefings_fts_data", "briefings_fts_idx", "briefings_fts_docsize", "briefings_fts_config"}
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} - shadows
    assert set(tables) == names
    for name in names - {"briefings_fts"}:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({name})")]
        assert list(tables[name]["columns"]) == columns, name
        assert all(tables[name]["columns"].values()) and tables[name]["description"]
    # Descriptions come from the record schema.
    assert tables["briefings"]["columns"]["title"] == "Headline, in English."
    assert tables["briefings"]["columns"]["source_archived"].startswith("Link to an archived copy")
    assert set(metadata["databases"]["briefings"]["queries"]) == {q.name for q in database.QUERIES}


def test_the_data_page_links_the_database_with_its_size(synthetic: Project) -> None:
    page = (synthetic.docs / "data.md").read_text(encoding="utf-8")
    size = (synthetic.files / "data" / "briefings.db").stat().st_size
    # From the page's address, data/, to the file beside it; the size stays on one line with its unit.
    assert f'| <a href="briefings.db">briefings.db</a> | {size / 1_000_000:.1f}&nbsp;MB |' in page
    assert "datasette briefings.db --metadata briefings.metadata.json" in page
    assert "**`briefing_people`**" in page and "`source_archived`" in page


def test_two_clean_builds_give_the_same_bytes(tmp_path: Path) -> None:
    made = []
    for name in ("one", "two"):
        root = tmp_path / name
        root.mkdir()
        copy_config(root)
        shutil.copytree(FIXTURES / "records", root / "content")
        project = Project.at(root)
        assert generate(project).report is not None
        made.append((project.files / "data" / "briefings.db").read_bytes())
        checked = check_archive(project)
        assert checked.archive is not None
        again = database.archive_database(checked.archive, load_site_config(project).site)
        assert again == made[-1]
    assert made[0] == made[1]
    assert made[0].startswith(b"SQLite format 3\x00")


def test_no_draft_in_the_fixture_database(generated_fixture_archive: Project) -> None:
    connection = sqlite3.connect(generated_fixture_archive.files / "data" / "briefings.db")
    ids = [row[0] for row in connection.execute("SELECT id FROM briefings")]
    assert DRAFT not in ids and len(ids) == len(fixture_records()) - 1
    dump = "\n".join(connection.iterdump())
    assert "DRAFTSECRET" not in dump and DRAFT not in dump


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


@pytest.mark.build  # starts a server
def test_datasette_serves_it_with_its_metadata(synthetic: Project) -> None:
    data = synthetic.files / "data"
    port = _free_port()
    datasette = Path(sys.executable).parent / "datasette"
    server = subprocess.Popen(
        [str(datasette), "serve", str(data / "briefings.db"), "--metadata", str(data / "briefings.metadata.json"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.1)
        assert _get(f"{base}/-/metadata.json")["title"] == "Briefing Archive: the archive as a database"
        tables = {t["name"]: t for t in _get(f"{base}/briefings.json")["tables"]}
        assert tables["briefings"]["count"] == COUNT + 1
        found = _get(f"{base}/briefings/briefings.json?_search=zanzibarquill&_shape=array")
        assert [row["id"] for row in found] == ["2025-12-30-synthetic-rich"]
        query = urllib.parse.urlencode({"words": "xylophonewren", "theme": "air-defense", "_shape": "array"})
        found = _get(f"{base}/briefings/search_within_theme.json?{query}")
        assert [row["id"] for row in found] == ["2025-12-30-synthetic-rich"]
        sql = urllib.parse.urlencode(
            {"sql": "SELECT count(*) AS n FROM briefing_themes WHERE theme = 'drones'", "_shape": "array"}
        )
        published = json.loads((data / "briefings.json").read_text(encoding="utf-8"))["briefings"]
        assert _get(f"{base}/briefings.json?{sql}") == [
            {"n": sum("drones" in b["themes"] for b in published)}
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_data_page_with_the_database_fits_the_screen(
    viewport_page, built_fixture_site: Project, viewport: str
) -> None:
    """Its tables and SQL are wide: they scroll inside their boxes, never the page."""
    page = viewport_page
    with serve_folder(built_fixture_site.site) as base:
        page.goto(f"{base}/data/")
        page.wait_for_load_state("networkidle")
        section = page.locator("#the-database")
        assert section.is_visible()
        code = page.locator("article pre").filter(has_text="briefing_themes")
        assert code.count() == 2  # the example queries that join through themes
        for index in range(2):
            box = code.nth(index).bounding_box()
            assert box is not None and box["x"] >= 0
            assert box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
        link = page.locator("article table a", has_text="briefings.db").first
        answer = page.request.get(link.evaluate("a => a.href"))  # the link leads to the file
        assert answer.ok and answer.body().startswith(b"SQLite format 3\x00")
        section.scroll_into_view_if_needed()
        assert_fits_and_save(page, VIEWPORTS[viewport]["width"], f"data-database-{viewport}", full_page=False)
