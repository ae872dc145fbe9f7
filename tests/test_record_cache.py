"""The record cache: unchanged files are not parsed again, and an edit is never missed."""

from __future__ import annotations

import importlib.metadata
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import record_text
from generator import state
from generator.pipeline import check_archive, generate
from generator.problems import Problem, Refused
from generator.project import Project
from generator.records import cache
from generator.records.cache import STATE
from generator.records.load import load_record
from generator.records.record import Record

CACHE_FILE = f"{STATE}.json"


def _age(project: Project, seconds: int = 60) -> None:
    """Date every record back, so that none is too recent for the cache to trust."""
    past = time.time() - seconds
    for file in project.content.rglob("*.md"):
        os.utime(file, (past, past))


def _archive(make_archive: Callable[..., Project]) -> Project:
    project = make_archive(
        {
            "2025/alpha.md": record_text(title="Synthetic alpha", summary="Alpha summary."),
            "2025/beta.md": record_text(title="Synthetic beta", summary="Beta summary."),
        }
    )
    _age(project)
    return project


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = load_record

    def counting(file: Path, root: Path, themes: tuple[str, ...]) -> tuple[Record, list[Problem]]:
        parsed.append(file.name)
        return real(file, root, themes)

    monkeypatch.setattr(cache, "load_record", counting)
    return parsed


def test_second_run_parses_nothing_and_rewrites_nothing(
    make_archive: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _archive(make_archive)
    first = generate(project)
    assert first.report is not None and first.report.written
    cache_file = project.root / "build" / "cache" / CACHE_FILE
    assert cache_file.is_file()
    stamp = cache_file.stat().st_mtime_ns
    parsed = _count_parses(monkeypatch)
    second = generate(project)
    assert parsed == []
    assert second.report is not None and second.report.written == ()
    assert cache_file.stat().st_mtime_ns == stamp  # a no-op run touches nothing, the cache included
    assert [record.id for record in second.checked.archive.records] == ["alpha", "beta"]


def test_the_project_found_twice_on_the_path_keeps_every_cache(
    make_archive: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`python -m generator` run from the repository (or a bench script) puts it on sys.path,
    where the editable install's egg-info is found a second time: the caches' code fingerprint,
    which lists the installed distributions, must not change for it."""
    project = _archive(make_archive)
    state.code_fingerprint.cache_clear()
    try:
        generate(project)
        again = tmp_path / "on-the-path" / "briefing_archive-0.dist-info"
        again.mkdir(parents=True)
        version = importlib.metadata.version("briefing-archive")
        (again / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: briefing-archive\nVersion: {version}\n"
        )
        monkeypatch.syspath_prepend(str(again.parent))
        names = [dist.metadata["Name"] for dist in importlib.metadata.distributions()]
        assert names.count("briefing-archive") >= 2
        state.code_fingerprint.cache_clear()
        parsed = _count_parses(monkeypatch)
        second = generate(project)
        assert parsed == [] and second.report is not None and second.report.written == ()
    finally:
        state.code_fingerprint.cache_clear()


def test_an_edited_record_is_parsed_again_and_its_page_rewritten(
    make_archive: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _archive(make_archive)
    generate(project)
    edited = project.content / "2025" / "alpha.md"
    # Same size and the old mtime: only the inode change time tells the versions apart.
    old = edited.stat()
    edited.write_text(record_text(title="Synthetic ALPHA", summary="Alpha summary."), encoding="utf-8")
    os.utime(edited, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert edited.stat().st_size == old.st_size
    parsed = _count_parses(monkeypatch)
    again = generate(project)
    assert parsed == ["alpha.md"]
    assert again.report is not None
    assert "briefings/alpha.md" in again.report.written
    assert "about.md" not in again.report.written  # pages that do not show the record stay as they were
    assert "# Synthetic ALPHA" in (project.docs / "briefings" / "alpha.md").read_text(encoding="utf-8")


def test_a_cached_record_made_invalid_is_reported(make_archive: Callable[..., Project]) -> None:
    project = _archive(make_archive)
    generate(project)
    broken = project.content / "2025" / "beta.md"
    broken.write_text(record_text(date="2025-13-01"), encoding="utf-8")
    with pytest.raises(Refused) as refused:
        check_archive(project)
    assert any(
        p.path == "content/2025/beta.md" and "not a real date" in p.message for p in refused.value.problems
    )


def test_a_removed_record_disappears(make_archive: Callable[..., Project]) -> None:
    project = _archive(make_archive)
    generate(project)
    (project.content / "2025" / "beta.md").unlink()
    again = generate(project)
    assert [record.id for record in again.checked.archive.records] == ["alpha"]
    assert "briefings/beta.md" in again.report.removed


def test_a_damaged_cache_is_ignored(make_archive: Callable[..., Project]) -> None:
    project = _archive(make_archive)
    generate(project)
    (project.root / "build" / "cache" / CACHE_FILE).write_bytes(b"not JSON")
    again = generate(project)
    assert [record.id for record in again.checked.archive.records] == ["alpha", "beta"]


def test_a_just_written_record_is_not_trusted(
    make_archive: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file modified in the same instant it was read could change again unseen: parse it again."""
    project = make_archive({"2025/alpha.md": record_text(title="Synthetic alpha")})
    generate(project)
    parsed = _count_parses(monkeypatch)
    generate(project)
    assert parsed == ["alpha.md"]


def test_a_tampered_cache_entry_is_checked_and_parsed_again(make_archive: Callable[..., Project]) -> None:
    """The cache is JSON checked against the schema: an entry it refuses comes from the file again."""
    project = _archive(make_archive)
    generate(project)
    cache_file = project.root / "build" / "cache" / CACHE_FILE
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    (entry,) = (entry for name, entry in stored["data"].items() if name.endswith("alpha.md"))
    entry["meta"]["themes"] = ["not-a-theme"]
    entry["meta"]["title"] = "Synthetic forged title"
    cache_file.write_text(json.dumps(stored), encoding="utf-8")
    again = generate(project)
    assert again.report is not None
    page = (project.docs / "briefings" / "alpha.md").read_text(encoding="utf-8")
    assert "# Synthetic alpha" in page and "forged" not in page
