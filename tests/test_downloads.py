"""briefings.json and briefings.csv, read back: every record, every field, and the site's tables
rebuilt from them."""

from __future__ import annotations

import collections
import csv
import io
import json
import re
from pathlib import Path

from conftest import fixture_records, found, record_text
from generator.pipeline import generate
from generator.records.schema import FrontMatter

SITE = "https://briefing-archive.example.org/"
INTERCEPTORS = "2024-11-20-test-air-defense-deliveries"
TALKS = "2025-01-15-test-talks-round"
SCRIPT = "2025-02-01-test-script-title"
RICH = "2025-03-04-synthetic-rich"

RICH_RECORD = record_text(
    body="Synthetic notes, line one.\n\nSynthetic notes, paragraph two.\n",
    title="Synthetic rich record, with a comma",
    date="2025-03-04",
    date_note="Synthetic, approximate.",
    themes="[drones, diplomacy]",
    people="[Test Person One, Test Person Two]",
    tags="[alpha-tag, beta-tag]",
    quotes='\n  - text: "Synthetic quote, with a comma and \\"quotes\\"."\n    by: Test Person One\n'
    "    theme: drones\n  - text: Second synthetic quote.\n    by: Test Person Two",
    highlights="\n  drones: Synthetic drones highlight.",
    updated="2025-03-05",
    corrections="\n  - date: 2025-03-06\n    text: Synthetic correction.",
)


def archive_with_rich_record(make_archive):
    project = make_archive({**fixture_records(), f"{RICH}.md": RICH_RECORD})
    generate(project)
    return project


def read_csv(docs: Path) -> list[dict[str, str]]:
    raw = (docs / "data" / "briefings.csv").read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(raw, newline="")))


def read_json(docs: Path) -> dict:
    return json.loads((docs / "data" / "briefings.json").read_text(encoding="utf-8"))


def test_json_holds_every_published_record_with_every_field(make_archive) -> None:
    project = archive_with_rich_record(make_archive)
    data = read_json(project.files)
    assert data["archive"] == "Briefing Archive" and data["url"] == SITE
    assert data["count"] == 4
    assert [b["id"] for b in data["briefings"]] == [RICH, SCRIPT, TALKS, INTERCEPTORS]
    assert [t["slug"] for t in data["themes"]] == ["diplomacy", "air-defense", "drones", "defense-industry"]
    rich = data["briefings"][0]
    assert rich == {
        "id": RICH,
        "url": SITE + f"briefings/{RICH}/",
        "title": "Synthetic rich record, with a comma",
        "date": "2025-03-04",
        "date_note": "Synthetic, approximate.",
        "updated": "2025-03-05",
        "themes": ["drones", "diplomacy"],
        "source": {
            "name": "Test Wire",
            "url": "https://example.org/test/2025-03-04/synthetic-rich-record-with-a-comma",
            "archived": "https://archive.example.org/web/2025-03-04/https://example.org/test/2025-03-04/synthetic-rich-record-with-a-comma",
        },
        "summary": "A synthetic record used by the test suite.",
        "people": ["Test Person One", "Test Person Two"],
        "tags": ["alpha-tag", "beta-tag"],
        "quotes": [
            {
                "text": 'Synthetic quote, with a comma and "quotes".',
                "by": "Test Person One",
                "theme": "drones",
            },
            {"text": "Second synthetic quote.", "by": "Test Person Two", "theme": None},
        ],
        "highlights": {"drones": "Synthetic drones highlight."},
        "corrections": [{"date": "2025-03-06", "text": "Synthetic correction."}],
        "notes": "Synthetic notes, line one.\n\nSynthetic notes, paragraph two.",
    }
    script = data["briefings"][1]
    assert script["title"].startswith("<script>alert('title')</script>")  # data, not markup
    assert script["source"] == {"name": "Test <b>Wire</b>", "url": None, "archived": None}
    assert "DRAFTSECRET" not in json.dumps(data)


def test_csv_has_one_row_per_record_with_lists_joined(make_archive) -> None:
    project = archive_with_rich_record(make_archive)
    rows = read_csv(project.files)
    assert [row["id"] for row in rows] == [RICH, SCRIPT, TALKS, INTERCEPTORS]
    assert list(rows[0]) == [
        "id", "url", "title", "date", "date_note", "updated", "themes", "source_name", "source_url",
        "source_archived", "summary", "people", "tags", "quotes", "corrections", "notes", "highlight_diplomacy",
        "highlight_air-defense", "highlight_drones", "highlight_defense-industry",
    ]  # fmt: skip
    rich = rows[0]
    assert rich["title"] == "Synthetic rich record, with a comma"
    assert rich["themes"] == "drones; diplomacy"
    assert rich["people"] == "Test Person One; Test Person Two"
    assert rich["tags"] == "alpha-tag; beta-tag"
    assert rich["quotes"] == (
        'Test Person One: Synthetic quote, with a comma and "quotes".\nTest Person Two: Second synthetic quote.'
    )
    assert rich["corrections"] == "2025-03-06: Synthetic correction."
    assert rich["notes"] == "Synthetic notes, line one.\n\nSynthetic notes, paragraph two."
    assert rich["highlight_drones"] == "Synthetic drones highlight." and rich["highlight_diplomacy"] == ""
    assert rows[1]["source_url"] == "" and rows[1]["source_name"] == "Test <b>Wire</b>"
    assert rows[1]["source_archived"] == "" and rows[2]["source_archived"] == ""  # none given
    assert rows[3]["source_archived"] == (
        "https://archive.example.org/web/20241120/https://example.org/wire/interceptors"
    )
    interceptors = rows[3]
    assert interceptors["highlight_air-defense"] == "AIRDEFENSE-HIGHLIGHT for the interceptor record."
    assert interceptors["url"] == SITE + f"briefings/{INTERCEPTORS}/"


def test_the_timeline_table_can_be_rebuilt_from_the_csv(make_archive) -> None:
    project = archive_with_rich_record(make_archive)
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for row in read_csv(project.files):
        month = row["date"][:7]
        counts[(month, "All")] += 1
        for theme in row["themes"].split("; "):
            counts[(month, theme)] += 1
    timeline = (project.docs / "timeline.md").read_text(encoding="utf-8")
    header = next(line for line in timeline.splitlines() if line.startswith("| Month"))
    columns = [cell.strip() for cell in header.strip("|").split("|")][1:]
    slugs = {"Diplomacy": "diplomacy", "Air defense": "air-defense", "Drones": "drones",
             "Defense industry": "defense-industry", "All": "All"}  # fmt: skip
    months = {"March 2025": "2025-03", "February 2025": "2025-02", "January 2025": "2025-01",
              "November 2024": "2024-11"}  # fmt: skip
    rows = [line for line in timeline.splitlines() if line.startswith("| [")]
    assert len(rows) == 4
    for line in rows:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        month = months[found(r"^\[(.+?)\]", cells[0]).group(1)]
        # A count links to the month ("[3](…)", the total in bold); a month without any is a dash.
        shown = [int(m.group(1)) if (m := re.search(r"\[(\d+)\]", cell)) else 0 for cell in cells[1:]]
        assert shown == [counts[(month, slugs[column])] for column in columns], month


def test_data_page_documents_every_key_and_column_from_the_schema(make_archive) -> None:
    project = archive_with_rich_record(make_archive)
    page = (project.docs / "data.md").read_text(encoding="utf-8")
    for key in read_json(project.files)["briefings"][0]:
        assert f"| `{key}` |" in page, key
    for column in read_csv(project.files)[0]:
        assert f"| `{column}` |" in page, column
    # Descriptions come from the schema (Markdown-escaped on the page).
    assert FrontMatter.model_fields["summary"].description in page
    # Links from the page's address, data/, to the files published beside it.
    assert 'href="briefings.json"' in page and 'href="briefings.csv"' in page
    assert 'href="../feed-drones.xml"' in page and 'href="../feed.json"' in page


def test_downloads_are_byte_identical_across_builds(make_archive, tmp_path: Path) -> None:
    first = make_archive({**fixture_records(), f"{RICH}.md": RICH_RECORD}, root=tmp_path / "one")
    second = make_archive({**fixture_records(), f"{RICH}.md": RICH_RECORD}, root=tmp_path / "two")
    generate(first)
    generate(second)
    for name in ("briefings.json", "briefings.csv"):
        assert (first.files / "data" / name).read_bytes() == (second.files / "data" / name).read_bytes()


def test_downloads_are_published_with_the_site(built_fixture_site) -> None:
    site = built_fixture_site.site
    assert read_json(site)["count"] == 3
    assert len(read_csv(site)) == 3
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    # data.md becomes data/index.html, beside the files it links.
    assert 'href="briefings.csv"' in data_page and 'href="briefings.json"' in data_page


def test_a_slice_per_theme_and_per_year_with_sizes_on_the_data_page(built_synthetic_site) -> None:
    import csv as csv_module
    import io
    import json as json_module

    site = built_synthetic_site.site
    whole = json_module.loads((site / "data" / "briefings.json").read_text(encoding="utf-8"))
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    years = sorted({b["date"][:4] for b in whole["briefings"]})
    slices = [("themes", t["slug"], lambda b, s=t["slug"]: s in b["themes"]) for t in whole["themes"]]
    slices += [("years", y, lambda b, y=y: b["date"].startswith(y)) for y in years]
    for kind, name, holds in slices:
        expected = [b for b in whole["briefings"] if holds(b)]
        as_json = site / "data" / kind / f"{name}.json"
        document = json_module.loads(as_json.read_text(encoding="utf-8"))
        assert document["briefings"] == expected and document["count"] == len(expected)
        as_csv = site / "data" / kind / f"{name}.csv"
        rows = list(csv_module.DictReader(io.StringIO(as_csv.read_text(encoding="utf-8"))))
        assert [row["id"] for row in rows] == [b["id"] for b in expected]
        for path in (as_json, as_csv):
            size = path.stat().st_size
            # With its unit on the same line (a non-breaking space).
            shown = (
                f"{size / 1_000_000:.1f}&nbsp;MB" if size >= 1_000_000 else f"{round(size / 1000)}&nbsp;kB"
            )
            assert f'href="{kind}/{name}.{path.suffix[1:]}"' in data_page  # the page is data/index.html
            assert shown in data_page
