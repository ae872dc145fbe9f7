"""Golden output: the docs folder generated from the fixture archive, file for file, against the
expected folder checked in under tests/golden/fixture-docs/ (as Pelican's functional tests do).

A change to what the generator writes shows up here as one reviewable diff. After a deliberate
change, rewrite the expected folder and review it with git:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden && git diff tests/golden/
"""

from __future__ import annotations

import difflib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import REPO
from generator.files import MARKER
from generator.project import Project

GOLDEN = Path(__file__).parent / "golden" / "fixture-docs"


def generated_files(project: Project) -> dict[str, bytes]:
    """The docs folder's files that the generator writes (not those copied from site_config/)."""
    copied = {
        p.relative_to(REPO / "site_config/pages").as_posix() for p in (REPO / "site_config/pages").rglob("*")
    }
    copied |= {
        "assets/" + p.relative_to(REPO / "site_config/assets").as_posix()
        for p in (REPO / "site_config/assets").rglob("*")
    }
    copied |= {"contributing.md", MARKER}
    files = {
        path.relative_to(project.docs).as_posix(): path.read_bytes()
        for path in sorted(project.docs.rglob("*"))
        if path.is_file() and path.relative_to(project.docs).as_posix() not in copied
    }
    # A database as text (its bytes also hold the SQLite library's version number).
    return {
        (name + ".sql" if name.endswith(".db") else name): (
            database_dump(data) if name.endswith(".db") else data
        )
        for name, data in files.items()
    }


def database_dump(data: bytes) -> bytes:
    """An SQLite file as reviewable text: its settings, its schema, every row of every table in
    rowid order, and every term of its full-text index with the rows and times it occurs."""
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    # From the header: a deserialised database answers PRAGMA page_size with the default.
    lines = [
        f"page size {int.from_bytes(data[16:18], 'big')}, user version {int.from_bytes(data[60:64], 'big')}"
    ]
    schema = connection.execute(
        "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    shadows = {name for kind, name, sql in schema if kind == "table" and sql.startswith("CREATE TABLE '")}
    lines += [f"{sql};" for _kind, name, sql in schema if name not in shadows]
    for kind, name, sql in schema:
        if kind == "table" and name not in shadows and "VIRTUAL" not in sql:
            lines.append(f"-- {name}")
            lines += [
                json.dumps(row, ensure_ascii=False)
                for row in connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
            ]
    connection.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, briefings_fts, 'row')")
    lines.append("-- briefings_fts: term, rows, occurrences")
    lines += [
        json.dumps(row, ensure_ascii=False)
        for row in connection.execute("SELECT term, doc, cnt FROM temp.terms ORDER BY term")
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _diff(name: str, expected: bytes | None, actual: bytes | None) -> str:
    lines = difflib.unified_diff(
        (expected or b"").decode("utf-8", "replace").splitlines(keepends=True),
        (actual or b"").decode("utf-8", "replace").splitlines(keepends=True),
        f"golden/{name}" if expected is not None else "/dev/null",
        f"generated/{name}" if actual is not None else "/dev/null",
    )
    return "".join(list(lines)[:40])


def test_the_generated_docs_folder_matches_the_golden_folder(
    generated_fixture_archive: Project, request: pytest.FixtureRequest
) -> None:
    actual = generated_files(generated_fixture_archive)
    assert len(actual) > 30  # pages, feeds and data files of every kind
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in actual.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()
    }
    differing = sorted(
        name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name)
    )
    assert differing == [], (
        f"{len(differing)} generated file(s) differ from tests/golden/fixture-docs/ "
        "(rewrite it with --update-golden after a deliberate change, then review `git diff`):\n"
        + "\n".join(_diff(name, expected.get(name), actual.get(name)) for name in differing[:5])
    )
