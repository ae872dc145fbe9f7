"""The audit with its cache: a later audit reads only what changed, and still finds every fault.

Each test audits a real built site once with the cache (approving it), then plants a fault in a
file that audit had approved and audits again with the same cache: the findings must be the ones
a full audit without a cache gives, named by their real text.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import SYNTHETIC_COUNT
from generator.archive.model import Archive
from generator.pipeline import check_archive
from generator.project import Project
from generator.publish import audit_cache
from generator.publish.audit import audit_site
from generator.records.record import Record

TALKS = "2025-01-15-test-talks-round"
TALKS_PATH = f"content/{TALKS}.md"
TALKS_PAGE = f"briefings/{TALKS}/index.html"
URL = "https://briefing-archive.example.org/"


@pytest.fixture
def site(built_fixture_site: Project, tmp_path: Path) -> tuple[Path, Archive, list[Record]]:
    """A private copy of the built fixture site, its archive and its drafts."""
    copy = tmp_path / "site"
    shutil.copytree(built_fixture_site.site, copy)
    checked = check_archive(built_fixture_site)
    assert checked.archive is not None
    # Older than one timestamp tick before the audit: the cache may trust these files' signatures.
    time.sleep(2 * audit_cache.FINE_NS / 1e9)
    return copy, checked.archive, list(checked.archive.drafts)


class Reads:
    """The files the audit reads (every read goes through `audit_cache._read_file`)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        real = audit_cache._read_file

        def counted(path: str) -> bytes:
            self.paths.append(path)
            return real(path)

        monkeypatch.setattr(audit_cache, "_read_file", counted)


def audit(site: tuple[Path, Archive, list[Record]], cache: Path | None) -> list[str]:
    folder, archive, drafts = site
    return audit_site(folder, archive, drafts, URL, cache)


def approved(site: tuple[Path, Archive, list[Record]], tmp_path: Path) -> Path:
    """The cache of an audit that found nothing, and waited out the timestamp tick."""
    cache = tmp_path / "build" / "audit.json"
    assert audit(site, cache) == []
    assert cache.is_file()
    time.sleep(2 * audit_cache.FINE_NS / 1e9)
    return cache


def test_an_unchanged_site_is_not_read_again(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = approved(site, tmp_path)
    reads = Reads(monkeypatch)
    assert audit(site, cache) == []
    assert reads.paths == []


def test_a_page_changed_behind_its_back(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written in place at the same size (a new mtime, the same inode): the page is read again."""
    cache = approved(site, tmp_path)
    page = site[0] / "about/index.html"
    before = page.stat()
    text = page.read_text(encoding="utf-8")
    changed = text.replace('href="../timeline/"', 'href="../timelin3/"', 1)
    assert changed != text and len(changed) == len(text)
    page.write_text(changed, encoding="utf-8")
    assert page.stat().st_ino == before.st_ino
    reads = Reads(monkeypatch)
    findings = audit(site, cache)
    assert reads.paths == [str(page)]
    assert findings == ["about/index.html: broken link to timelin3/index.html"]
    assert findings == audit(site, None)


def test_unsafe_markup_planted_in_an_approved_briefing_page(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path
) -> None:
    cache = approved(site, tmp_path)
    page = site[0] / TALKS_PAGE
    text = page.read_text(encoding="utf-8").replace("</article>", '<img src=x onerror="alert(1)"></article>')
    page.write_text(text, encoding="utf-8")
    findings = audit(site, cache)
    assert findings == [
        f"{TALKS_PAGE}: unsafe markup: event-handler attribute onerror= on <img>",
        f"{TALKS_PAGE}: broken link to briefings/{TALKS}/x",
    ]
    assert findings == audit(site, None)


def test_a_page_hard_linked_again_is_not_read_again(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build hard-links cached pages into the site: that changes their ctime, not their bytes."""
    cache = approved(site, tmp_path)
    page = site[0] / TALKS_PAGE
    os.link(page, tmp_path / "another-link.html")
    reads = Reads(monkeypatch)
    assert audit(site, cache) == []
    assert reads.paths == []


def test_an_approved_page_deleted(site: tuple[Path, Archive, list[Record]], tmp_path: Path) -> None:
    cache = approved(site, tmp_path)
    (site[0] / TALKS_PAGE).unlink()
    findings = audit(site, cache)
    assert f"{TALKS_PAGE}: missing: the page of {TALKS_PATH}" in findings
    assert f"index.html: broken link to {TALKS_PAGE}" in findings
    assert findings == audit(site, None)


def test_an_approved_page_replaced_by_another_file(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path
) -> None:
    """A new file renamed over the page (as a build writes): a new inode, so it is read."""
    cache = approved(site, tmp_path)
    for theme_page in (site[0] / "themes/diplomacy").rglob("*.html"):
        replacement = theme_page.with_name("new.tmp")
        text = theme_page.read_text(encoding="utf-8")
        replacement.write_text(re.sub(rf'href="[^"]*briefings/{TALKS}/"', 'href="#"', text), encoding="utf-8")
        os.replace(replacement, theme_page)
    findings = audit(site, cache)
    assert f"themes/diplomacy/: no link to {TALKS_PATH}, which is on that theme" in findings
    assert findings == audit(site, None)


def test_draft_text_planted_in_an_approved_page(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path
) -> None:
    cache = approved(site, tmp_path)
    page = site[0] / "timeline/index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</article>", "<p>DRAFTSECRET summary.</p></article>"),
        encoding="utf-8",
    )
    findings = audit(site, cache)
    assert findings == [
        "timeline/index.html: text of the draft content/2025-03-10-test-draft.md: 'DRAFTSECRET summary.'"
    ]
    assert findings == audit(site, None)


def test_a_record_dropped_from_an_approved_feed(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path
) -> None:
    cache = approved(site, tmp_path)
    feed_path = site[0] / "feed.json"
    feed = json.loads(feed_path.read_text(encoding="utf-8"))
    feed["items"] = [item for item in feed["items"] if TALKS not in item["url"]]
    feed_path.write_text(json.dumps(feed), encoding="utf-8")
    findings = audit(site, cache)
    assert f"feed.json: {TALKS_PATH} is missing from the feed" in findings
    assert findings == audit(site, None)


def test_another_site_root_does_not_reuse_the_facts(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's links depend on the site's root path: under another root, every page is read again."""
    cache = approved(site, tmp_path)
    reads = Reads(monkeypatch)
    folder, archive, drafts = site
    findings = audit_site(folder, archive, drafts, "https://example.org/archive/", cache)
    assert findings == audit_site(folder, archive, drafts, "https://example.org/archive/", None)
    assert len(reads.paths) > len(list(folder.rglob("*.html")))


def test_a_change_to_the_generator_drops_the_cache(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = approved(site, tmp_path)
    generator = tmp_path / "generator"
    shutil.copytree(audit_cache._GENERATOR, generator)
    with (generator / "publish" / "html_scan.py").open("a", encoding="utf-8") as scan:
        scan.write("\n# a change to the audit's code\n")
    monkeypatch.setattr(audit_cache, "_GENERATOR", generator)
    reads = Reads(monkeypatch)
    assert audit(site, cache) == []
    assert len(reads.paths) > len(list(site[0].rglob("*.html")))


@pytest.mark.parametrize("damage", ["not json", '{"format": 1, "key": 3, "files": []}', ""])
def test_a_damaged_cache_means_a_full_audit(
    site: tuple[Path, Archive, list[Record]], tmp_path: Path, damage: str
) -> None:
    cache = approved(site, tmp_path)
    (site[0] / TALKS_PAGE).unlink()
    cache.write_text(damage, encoding="utf-8")
    assert audit(site, cache) == audit(site, None) != []


def test_at_volume_one_edited_page_is_all_that_is_read(
    built_synthetic_site: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hundreds of records: the audit after a page changed reads that page alone, and finds its fault."""
    folder = tmp_path / "site"
    shutil.copytree(built_synthetic_site.site, folder)
    archive = check_archive(built_synthetic_site).archive
    assert archive is not None and len(archive.records) == SYNTHETIC_COUNT
    time.sleep(2 * audit_cache.FINE_NS / 1e9)
    cache = tmp_path / "audit.json"
    assert audit_site(folder, archive, (), "", cache) == []
    time.sleep(2 * audit_cache.FINE_NS / 1e9)
    record = archive.records[150]
    page = folder / "briefings" / record.id / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</article>", "<script>x()</script></article>"),
        encoding="utf-8",
    )
    reads = Reads(monkeypatch)
    findings = audit_site(folder, archive, (), "", cache)
    expected = f"briefings/{record.id}/index.html: unsafe markup: <script> element in the page content"
    assert findings == [expected]
    assert reads.paths == [str(page)]
