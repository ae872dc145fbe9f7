"""A property: any sequence of changes (records edited, added, deleted, re-dated or re-tagged;
a theme, a person, the site's name or the home intro changed; a generated file edited by hand),
each followed by an incremental run, leaves what a clean run of the same sources gives, byte for
byte: the docs folder after `briefing generate` (whose page cache, `build/cache/docs.json`,
must never keep a stale page), and the site after `briefing build`."""

from __future__ import annotations

from archive_changes import CHANGES, GENERATE_CHANGES, Change, apply_change, clean_run
from hypothesis import HealthCheck, given, settings

from generator.cli.main import main
from site_compare import compare_sites
from synthetic_archive import write_archive


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=GENERATE_CHANGES)
def test_incremental_generate_equals_clean_generate(tmp_path_factory, changes: list[Change]) -> None:
    work = tmp_path_factory.mktemp("generate")
    root = work / "archive"
    write_archive(root, 40)  # synthetic records (tests/synthetic_archive.py)
    assert main(["--root", str(root), "generate"]) == 0
    for serial, change in enumerate(changes):
        apply_change(root, change, serial)
        assert main(["--root", str(root), "generate"]) == 0
        clean_run(root, work / "clean", "generate")
        assert compare_sites(root / "build" / "docs", work / "clean" / "build" / "docs") == [], change


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=CHANGES)
def test_incremental_builds_equal_clean_builds(tmp_path_factory, changes: list[Change]) -> None:
    work = tmp_path_factory.mktemp("property")
    root = work / "archive"
    write_archive(root, 40)  # synthetic records (tests/synthetic_archive.py)
    assert main(["--root", str(root), "build"]) == 0
    for serial, change in enumerate(changes):
        apply_change(root, change, serial)
        assert main(["--root", str(root), "build"]) == 0
        clean_run(root, work / "clean", "build")
        assert compare_sites(root / "site", work / "clean" / "site") == [], change
