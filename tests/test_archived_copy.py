"""`source.archived`, a snapshot of the source: validated like `url`, a warning (never an error,
not even under --strict) when a source with a URL has none, and carried wherever the source is."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy

from conftest import record_text
from generator.cli.main import main
from generator.pipeline import generate
from generator.problems import InvalidRecord
from generator.records.load import parse_record

THEMES = ("diplomacy", "air-defense", "drones", "defense-industry")
SOURCE = "https://example.org/wire/talks"
SNAPSHOT = "https://web.archive.org/web/20250304120000/https://example.org/wire/talks"
NO_COPY = (
    "warning: source has no 'archived' copy; add a snapshot of the page (e.g. from the Wayback "
    "Machine) so that readers can follow the source after it moves or goes"
)


def problems_of(text: str) -> list[str]:
    try:
        _, warnings = parse_record(text.encode(), "content/x.md", "2025-03-04-test", THEMES)
    except InvalidRecord as invalid:
        return [problem.as_text() for problem in invalid.problems]
    return [problem.as_text() for problem in warnings]


@pytest.mark.parametrize("bad", ["ftp://example.org/x", "web.archive.org/web/2025/x", "javascript:alert(1)"])
def test_an_archived_copy_must_be_a_web_address_and_its_line_is_named(bad: str) -> None:
    text = record_text(source=f"\n  name: Test Wire\n  url: {SOURCE}\n  archived: {bad}")
    assert problems_of(text) == [
        f"content/x.md:8: 'source.archived' must be an http:// or https:// address, got {bad!r}"
    ]


def test_a_source_url_without_a_copy_is_a_warning_on_the_url_line() -> None:
    assert problems_of(record_text(source=f"\n  name: Test Wire\n  url: {SOURCE}")) == [
        f"content/x.md:7: {NO_COPY}"
    ]
    with_copy = record_text(source=f"\n  name: Test Wire\n  url: {SOURCE}\n  archived: {SNAPSHOT}")
    assert problems_of(with_copy) == []
    # No URL: that warning alone (a copy of what?).
    assert problems_of(record_text(source="\n  name: Test Wire")) == [
        "content/x.md:5: warning: source has no 'url'; add the link when there is one"
    ]


def test_strict_check_keeps_it_a_warning(make_archive, capsys) -> None:
    project = make_archive(
        {"2025/2025-03-04-a.md": record_text(source=f"\n  name: Test Wire\n  url: {SOURCE}")}
    )
    assert main(["--root", str(project.root), "check", "--strict"]) == 0
    assert capsys.readouterr().out == (
        f"content/2025/2025-03-04-a.md:7: {NO_COPY}\n1 record checked: 0 error(s), 1 warning(s).\n"
    )


def test_the_copy_is_beside_the_source_and_in_every_citation_format(make_archive) -> None:
    record = record_text(
        title="Synthetic archived source",
        source=f"\n  name: Test Wire\n  url: {SOURCE}\n  archived: {SNAPSHOT}",
    )
    project = make_archive({"2025/2025-03-04-a.md": record})
    generate(project)
    page = (project.docs / "briefings" / "2025-03-04-a.md").read_text(encoding="utf-8")
    assert f"**Source:** [Test Wire]({SOURCE}) ([archived copy]({SNAPSHOT}))\n\n" in page
    note = f"Original source: Test Wire, {SOURCE} (archived copy: {SNAPSHOT})."
    cite = project.docs / "cite"
    bib = bibtexparser.parse_string((cite / "2025-03-04-a.bib").read_text(encoding="utf-8"))
    assert bib.entries[0]["note"].replace("\\_", "_") == note
    (ris,) = rispy.loads((cite / "2025-03-04-a.ris").read_text(encoding="utf-8"))
    assert ris["notes"] == [note]
    (csl,) = json.loads((cite / "2025-03-04-a.json").read_text(encoding="utf-8"))
    assert csl["note"] == note
    data = json.loads((project.docs / "data" / "briefings.json").read_text(encoding="utf-8"))
    assert data["briefings"][0]["source"] == {"name": "Test Wire", "url": SOURCE, "archived": SNAPSHOT}
