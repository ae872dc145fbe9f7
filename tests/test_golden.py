"""Golden output: the docs folder generated from the fixture archive, file for file, against the
expected folder checked in under tests/golden/fixture-docs/ (as Pelican's functional tests do).

A change to what the generator writes shows up here as one reviewable diff. After a deliberate
change, rewrite the expected folder and review it with git:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden && git diff tests/golden/
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from generator.files import MARKER
from generator.project import Project

GOLDEN = Path(__file__).parent / "golden" / "fixture-docs"


def generated_files(project: Project) -> dict[str, bytes]:
    """The files the generator writes: the docs folder's (not those copied from site_config/) and
    those published as they are (feeds, data and citation files), by their paths in the site."""
    copied = {
        p.relative_to(REPO / "site_config/pages").as_posix() for p in (REPO / "site_config/pages").rglob("*")
    }
    copied |= {
        "assets/" + p.relative_to(REPO / "site_config/assets").as_posix()
        for p in (REPO / "site_config/assets").rglob("*")
    }
    copied |= {"contributing.md", MARKER}
    found = {}
    for folder in (project.docs, project.files):
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in copied:
                found[name] = path.read_bytes()
    return dict(sorted(found.items()))


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
