"""`briefing preview`: a site of just the named records, built and served, content/ untouched."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, record_text
from generator.cli.main import main
from generator.project import Project

pytestmark = pytest.mark.build  # builds a whole site

TALKS = "2025/2025-03-04-test-talks.md"
SUMMIT = "2025/2025-03-05-test-summit.md"
DRONES = "2025/2025-03-06-test-drones.md"
DRAFT = "2025/2025-03-07-test-draft.md"


@pytest.fixture
def archive(make_archive: Callable[..., Project]) -> Project:
    return make_archive(
        {
            TALKS: record_text(title="Test talks in Geneva", people="[Test Envoy]"),
            SUMMIT: record_text(title="Test summit in Rome", date="2025-03-05"),
            DRONES: record_text(title="Test drone deliveries", date="2025-03-06", themes="[drones]"),
            DRAFT: record_text(title="Test draft still in review", date="2025-03-07", draft="true"),
        }
    )


def preview(project: Project, *names: str) -> int:
    files = [str(project.content / name) for name in names]
    return main(["--root", str(project.root), "preview", "--no-serve", *files])


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_builds_only_the_named_record_and_the_pages_it_is_on(archive: Project, capsys) -> None:
    before = fingerprint(archive.content)
    assert preview(archive, TALKS) == 0
    out = capsys.readouterr().out
    assert out.startswith("Previewed 1 record(s) (")
    assert out.rstrip().endswith("into build/preview/site/.")
    site = archive.root / "build" / "preview" / "site"
    briefings = sorted(path.name for path in (site / "briefings").iterdir())
    assert briefings == ["2025-03-04-test-talks"]
    page = (site / "briefings" / "2025-03-04-test-talks" / "index.html").read_text()
    assert "Test talks in Geneva" in page
    for listing in (
        "index.html",
        "themes/diplomacy/index.html",
        "timeline/2025/index.html",
    ):
        html = (site / listing).read_text()
        assert "Test talks in Geneva" in html, listing
        assert "Test summit in Rome" not in html, listing
    assert (site / "people" / "test-envoy" / "index.html").is_file()
    assert fingerprint(archive.content) == before  # a preview never touches the records
    assert not archive.site.exists()  # nor the real site


def test_several_records_and_drafts_can_be_previewed(archive: Project, capsys) -> None:
    assert preview(archive, TALKS, DRAFT) == 0
    site = archive.root / "build" / "preview" / "site"
    assert sorted(path.name for path in (site / "briefings").iterdir()) == [
        "2025-03-04-test-talks",
        "2025-03-07-test-draft",
    ]
    assert "Test draft still in review" in (site / "index.html").read_text()
    # A second preview replaces the first: nothing stale is left behind.
    assert preview(archive, DRONES) == 0
    assert sorted(path.name for path in (site / "briefings").iterdir()) == ["2025-03-06-test-drones"]


def test_an_invalid_named_record_gets_file_and_line_and_no_preview(archive: Project, capsys) -> None:
    (archive.content / TALKS).write_text(record_text(themes="[diplomacy, dron]"))
    assert preview(archive, TALKS) == 1
    out, err = capsys.readouterr()
    assert out == (
        "content/2025/2025-03-04-test-talks.md:4: 'themes[1]': unknown theme 'dron' (did you mean "
        "'drones'?); themes are: diplomacy, air-defense, drones, defense-industry\n"
    )
    assert err == "No preview was built: fix the errors above first.\n"
    assert not (archive.root / "build" / "preview" / "site").exists()


def test_ids_are_checked_across_the_whole_archive(archive: Project, capsys) -> None:
    (archive.content / "2026").mkdir()
    (archive.content / "2026" / "2025-03-04-test-talks.md").write_text(record_text())
    assert preview(archive, "2026/2025-03-04-test-talks.md") == 1
    assert capsys.readouterr().out == (
        "content/2026/2025-03-04-test-talks.md:1: id '2025-03-04-test-talks' is already used by "
        "content/2025/2025-03-04-test-talks.md; record ids (file names) must be unique across content/\n"
    )


def test_other_records_are_not_parsed(archive: Project, capsys) -> None:
    """What makes the preview fast: a broken record elsewhere is `briefing check`'s business."""
    (archive.content / SUMMIT).write_text(record_text(date="2025-02-30"))
    assert preview(archive, TALKS) == 0


def test_links_to_records_outside_the_preview_are_fine_but_broken_ones_are_not(
    archive: Project, capsys
) -> None:
    body = "Follows [the summit](2025-03-05-test-summit.md).\n\nSee [nothing](../briefings/nope.md).\n"
    (archive.content / TALKS).write_text(record_text(body=body))
    assert preview(archive, TALKS) == 1
    assert capsys.readouterr().out == (
        "content/2025/2025-03-04-test-talks.md:13: link to '../briefings/nope.md': "
        "there is no published briefing 'nope'\n"
    )
    (archive.content / TALKS).write_text(record_text(body=body.split("\n")[0] + "\n"))
    assert preview(archive, TALKS) == 0


def test_paths_that_are_not_records_are_usage_errors(archive: Project, capsys) -> None:
    assert main(["--root", str(archive.root), "preview", "--no-serve", str(archive.root / "mkdocs.yml")]) == 2
    assert (
        capsys.readouterr().err == f"error: not a record file under content/: {archive.root / 'mkdocs.yml'}\n"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, wanted: str, timeout: float = 60) -> str:
    """The page at `url` once it contains `wanted`."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if wanted in last:
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {wanted!r}; last response began {last[:200]!r}")


def test_serves_with_live_reload_and_rebuilds_when_the_record_changes(archive: Project) -> None:
    port = _free_port()
    record = archive.content / TALKS
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(archive.root), "preview", str(record),
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/briefings/2025-03-04-test-talks/"
        page = _fetch(url, "Test talks in Geneva")
        assert "livereload" in page
        record.write_text(record_text(title="Test talks renamed", people="[Test Envoy]"))
        _fetch(url, "Test talks renamed")
        # An invalid edit keeps the last good preview and says why on the terminal.
        record.write_text(record_text(title="Test talks broken", themes="[dron]"))
        time.sleep(3)
        assert "Test talks renamed" in _fetch(url, "Test talks renamed")
        record.write_text(record_text(title="Test talks repaired"))
        _fetch(url, "Test talks repaired")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"Serving on http://127.0.0.1:{port}/briefings/2025-03-04-test-talks/" in output
    assert "content/2025/2025-03-04-test-talks.md:4: 'themes[0]': unknown theme 'dron'" in output
    assert "The preview was not rebuilt: fix the errors above." in output
    assert "Traceback" not in output
