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
from generator.archive.related import find_related
from generator.cli.main import main
from generator.pages.paging import PER_PAGE
from generator.pipeline import check_archive
from generator.project import Project
from synthetic_archive import write_archive

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


def test_builds_the_named_record_s_pages_as_the_site_will_show_them(archive: Project, capsys) -> None:
    before = fingerprint(archive.content)
    assert preview(archive, TALKS) == 0
    out = capsys.readouterr().out
    assert out.startswith("Previewed 1 record(s) (")
    assert out.rstrip().endswith("into build/preview/site/.")
    site = archive.root / "build" / "preview" / "site"
    # Its page, and the page of its neighbour (and related briefing) on diplomacy, whose link it shows.
    briefings = sorted(path.name for path in (site / "briefings").iterdir())
    assert briefings == ["2025-03-04-test-talks", "2025-03-05-test-summit"]
    page = (site / "briefings" / "2025-03-04-test-talks" / "index.html").read_text()
    assert "Test talks in Geneva" in page
    related = page.split('id="related-briefings"')[1].split('id="older-and-newer-by-theme"')[0]
    assert "Test summit in Rome" in related
    more = page.split('id="older-and-newer-by-theme"')[1]
    assert "newer: " in more and "Test summit in Rome" in more
    # The listings it is on show it among its real neighbours, as the published site will.
    for listing in ("index.html", "themes/diplomacy/index.html", "themes/diplomacy/2025/index.html"):
        html = (site / listing).read_text()
        assert "Test talks in Geneva" in html, listing
        assert "Test summit in Rome" in html, listing
    assert "Test drone deliveries" in (site / "timeline" / "2025" / "index.html").read_text()
    assert "Test draft still in review" not in (site / "index.html").read_text()
    assert not (site / "themes" / "drones").exists()  # a page it is not on is not built
    assert (site / "people" / "test-envoy" / "index.html").is_file()
    assert fingerprint(archive.content) == before  # a preview never touches the records
    assert not archive.site.exists()  # nor the real site


def test_several_records_and_drafts_can_be_previewed(archive: Project, capsys) -> None:
    assert preview(archive, TALKS, DRAFT) == 0
    site = archive.root / "build" / "preview" / "site"
    assert sorted(path.name for path in (site / "briefings").iterdir()) == [
        "2025-03-04-test-talks",
        "2025-03-05-test-summit",
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


def test_a_broken_record_elsewhere_is_left_out(archive: Project, capsys) -> None:
    """A broken record elsewhere is `briefing check`'s business, not the contributor's."""
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
    assert "The preview was not rebuilt: fix the errors above first." in output
    assert "Traceback" not in output


def test_only_the_named_record_s_warnings_are_shown(archive: Project, capsys) -> None:
    (archive.content / TALKS).write_text(record_text(title="Test talks in Geneva", people="[Test Envoi]"))
    (archive.content / SUMMIT).write_text(
        record_text(title="Test summit", date="2025-03-05", people="[Nobody]")
    )
    assert preview(archive, TALKS) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "content/2025/2025-03-04-test-talks.md:9: warning: 'Test Envoi' is not in site_config/people.yml "
        "(nearest: 'Test Envoy', 'Test Envoy Beta', 'Test P'); fix the spelling or add them there\nPreviewed 1 record(s)"
    )
    assert "Nobody" not in out


def test_in_a_synthetic_archive_of_hundreds_the_preview_shows_the_real_neighbours(
    tmp_path: Path, capsys
) -> None:
    root = tmp_path / "archive"
    write_archive(root, 400)
    project = Project.at(root)
    full = check_archive(project).archive
    assert full is not None
    record = full.records[200]
    assert main(["--root", str(root), "preview", "--no-serve", str(root / record.path)]) == 0
    capsys.readouterr()
    site = root / "build" / "preview" / "site"
    page = (site / "briefings" / record.id / "index.html").read_text()
    expected = {other.id for other in find_related(full.records).of(record)}
    for slug in record.meta.themes:
        expected |= {other.id for other in full.neighbours(record, slug) if other is not None}
        # The numbered page of the theme's year that lists the record is built, with its real
        # neighbours on it (whose pages a partial site does not have).
        folder = site / "themes" / slug / str(record.meta.date.year)
        year_pages = [folder / "index.html", *sorted(folder.glob("page/*/index.html"))]
        listing = [path.read_text() for path in year_pages if path.is_file()]
        year_page = next(text for text in listing if f"briefings/{record.id}/" in text)
        position = [r.id for r in full.by_theme[slug] if r.meta.date.year == record.meta.date.year].index(
            record.id
        )
        same_page = [r for r in full.by_theme[slug] if r.meta.date.year == record.meta.date.year]
        same_page = same_page[position // PER_PAGE * PER_PAGE : (position // PER_PAGE + 1) * PER_PAGE]
        assert all(f"briefings/{other.id}" in year_page for other in same_page)
    assert all(f'href="../../briefings/{other_id}/"' in page for other_id in expected)  # links that resolve
    # Those pages are built, and no others: a handful, not the archive.
    built = {path.name for path in (site / "briefings").iterdir()}
    assert built == {record.id, *expected}
