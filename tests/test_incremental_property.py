"""A property: any sequence of edits, additions and deletions, each published by an incremental
`briefing build`, leaves the site a clean full build of the same content gives, byte for byte."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.publish_steps import compare_sites
from bench.synthetic import synthetic_record, write_archive
from generator.cli.main import main

Change = tuple[str, int]  # ("edit" | "add" | "delete" | "retitle", which record)
CHANGES = st.lists(
    st.tuples(st.sampled_from(["edit", "add", "delete", "retitle"]), st.integers(0, 10_000)),
    min_size=1,
    max_size=3,
)


def _apply(root: Path, change: Change, serial: int) -> None:
    kind, which = change
    files = sorted((root / "content").rglob("*.md"))
    record = files[which % len(files)]
    if kind == "add" or len(files) < 5:
        record_id, text = synthetic_record(random.Random(which), 500 + serial)
        (root / "content" / record_id[:4]).mkdir(exist_ok=True)
        (root / "content" / record_id[:4] / f"{record_id}.md").write_text(text, encoding="utf-8")
    elif kind == "delete":
        record.unlink()
    else:
        field = "summary" if kind == "edit" else "title"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace(f'{field}: "', f'{field}: "Changed {serial}. ', 1), encoding="utf-8")


def _clean_build(root: Path, clean: Path) -> Path:
    shutil.rmtree(clean, ignore_errors=True)
    for folder in ("content", "site_config"):
        shutil.copytree(root / folder, clean / folder)
    for file in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(root / file, clean / file)
    assert main(["--root", str(clean), "build"]) == 0
    return clean / "site"


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=CHANGES)
def test_incremental_builds_equal_clean_builds(tmp_path_factory, changes: list[Change]) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp("property")
    root = work / "archive"
    write_archive(root, 40)  # synthetic records from bench/synthetic.py
    assert main(["--root", str(root), "build"]) == 0
    for serial, change in enumerate(changes):
        _apply(root, change, serial)
        assert main(["--root", str(root), "build"]) == 0
        assert compare_sites(root / "site", _clean_build(root, work / "clean")) == [], change
