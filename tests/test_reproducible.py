"""Same content, same bytes: two builds of one archive give identical site trees, whatever the clock."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import fixture_records
from generator.cli.main import main
from generator.project import Project
from site_compare import site_bytes

pytestmark = pytest.mark.build  # builds a whole site


def gzip_mtime(path: Path) -> int:
    return int(struct.unpack("<I", path.read_bytes()[4:8])[0])


def build(root: Path, site: Path) -> None:
    assert main(["--root", str(root), "build", "--site-dir", str(site)]) == 0


def test_two_builds_in_different_places_are_byte_identical(
    make_archive: Callable[..., Project], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = make_archive(fixture_records(), root=tmp_path / "one" / "archive")
    build(first.root, tmp_path / "site-one")
    # Another checkout elsewhere, its files touched later (as a fresh clone would be).
    second_root = tmp_path / "two" / "elsewhere"
    shutil.copytree(first.root, second_root, ignore=shutil.ignore_patterns("build"))
    later = dt.datetime(2031, 1, 2, tzinfo=dt.UTC).timestamp()
    for path in (second_root / "content").rglob("*"):
        os.utime(path, (later, later))
    build(second_root, tmp_path / "site-two")
    one, two = site_bytes(tmp_path / "site-one"), site_bytes(tmp_path / "site-two")
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
    assert "SOURCE_DATE_EPOCH" not in os.environ  # set only while building
    today = dt.datetime.now(dt.UTC).date().isoformat().encode()
    assert [path for path, data in one.items() if today in data] == []  # the clock leaves no trace


def test_sitemap_dates_come_from_the_records(built_fixture_site: Project) -> None:
    sitemap = (built_fixture_site.site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>https://[^/]+/([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap))
    assert lastmod["briefings/2024-11-20-test-air-defense-deliveries/"] == "2024-11-20"
    assert lastmod["briefings/2025-01-15-test-talks-round/"] == "2025-01-15"
    assert lastmod["themes/air-defense/"] == "2024-11-20"  # its newest record
    assert lastmod[""] == "2025-02-01"  # the archive's newest change
    assert set(lastmod.values()) <= {"2024-11-20", "2025-01-15", "2025-02-01"}
    packed = built_fixture_site.site / "sitemap.xml.gz"
    assert gzip.decompress(packed.read_bytes()).decode("utf-8") == sitemap
    assert gzip_mtime(packed) == int(dt.datetime(2025, 2, 1, tzinfo=dt.UTC).timestamp())


def test_source_date_epoch_is_honoured(
    make_archive: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = make_archive(fixture_records())
    build(project.root, project.site)
    assert gzip_mtime(project.site / "sitemap.xml.gz") == 1_700_000_000
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
