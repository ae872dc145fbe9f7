"""Plain `mkdocs build` in an archive folder runs the generator through the hook; builds are quiet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import fixture_records, record_text
from generator.files import MARKER

pytestmark = pytest.mark.build  # builds a whole site


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=root, capture_output=True, text=True, env=env, timeout=300
    )


def fresh_clone_layout(project) -> None:
    # A fresh clone has build/docs holding only the tracked marker.
    (project.root / "build" / "docs").mkdir(parents=True)
    (project.root / "build" / "docs" / MARKER).write_text("generated Markdown\n")


def test_plain_mkdocs_build_generates_and_builds(make_archive) -> None:
    project = make_archive(fixture_records())
    fresh_clone_layout(project)
    result = run(project.root, "mkdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert (project.root / "site" / "briefings" / "2025-01-15-test-talks-round" / "index.html").is_file()


def test_plain_mkdocs_build_stops_on_an_invalid_record(make_archive) -> None:
    project = make_archive({"bad.md": record_text(date="2025-02-30")})
    fresh_clone_layout(project)
    result = run(project.root, "mkdocs", "build")
    assert result.returncode != 0
    assert "content/bad.md:3: 'date': 2025-02-30 is not a real date" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project.root / "site" / "index.html").exists()


def test_briefing_build_is_quiet(make_archive) -> None:
    project = make_archive(fixture_records())
    result = run(project.root, "generator", "build")
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "MkDocs 2.0" not in output
    assert "INFO" not in output
    assert output.strip().splitlines()[-1].startswith("Built 3 briefing(s) into site/")
