"""A property of `briefing serve`: whatever is saved, in whatever order, the served site is the
site a clean `briefing build` of the same sources publishes, byte for byte, but for the search
index (the served site links the last build's and says whether it is older than the records).

The server keeps what it made in memory between saves (`pipeline.Memory`: records, output
indexes, the engine's files and pages, folder manifests) and believes it without looking; this
is what shows that nothing it remembers goes stale. A broken save in between must leave the
served site exactly as it was, and the memory fit for the next save. The pages of edited
and added briefings, put in place before the whole site is built (`pipeline.show_changed`),
must be the pages the whole build then makes, and those taken away must be gone from it."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from archive_changes import RECORD_CHANGES, SOURCE_CHANGES, Change, apply_change, clean_run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.cli.serve import rebuild_served
from generator.pipeline import Memory, served_folders
from generator.project import Project
from site_compare import compare_sites
from synthetic_archive import write_archive

SAVES = st.lists(
    st.tuples(st.sampled_from([*RECORD_CHANGES, *SOURCE_CHANGES, "broken"]), st.integers(0, 10_000)),
    min_size=2,
    max_size=5,
)
SEARCH = "pagefind"  # the served site's is the last build's index, linked


def _site(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] != SEARCH
    }


def _snapshot(folder: Path, into: list[dict[str, bytes]]) -> None:
    into.append(_site(folder))


def _break(root: Path, which: int) -> Path:
    """An impossible date saved into a record; the record as it was is given back by the caller."""
    records = sorted((root / "content").rglob("*.md"))
    record = records[which % len(records)]
    record.write_text(
        re.sub(r"^date: (\d{4})-\d\d-\d\d", r"date: \g<1>-02-30", record.read_text(), count=1, flags=re.M)
    )
    return record


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(saves=SAVES)
@example(saves=[("edit", 3), ("broken", 1), ("retitle", 5), ("redate", 8)])  # each shown early
@example(saves=[("add", 2), ("delete", 7), ("add", 4), ("edit", 3)])  # added pages shown, removed gone
def test_the_served_site_after_any_saves_is_what_a_clean_build_publishes(
    tmp_path_factory, capsys, saves: list[Change]
) -> None:
    work = tmp_path_factory.mktemp("serve")
    root = work / "archive"
    write_archive(root, 40)  # synthetic records (tests/synthetic_archive.py)
    project = Project.at(root)
    assert main(["--root", str(root), "build"]) == 0  # an index to link, as after a real build
    memory = Memory()
    assert rebuild_served(project, first=True, memory=memory) is not None
    served = served_folders(project).site
    for serial, (kind, which) in enumerate(saves):
        if kind == "broken":
            before = _site(served)
            record = _break(root, which)
            good = record.read_text().replace("-02-30", "-02-01", 1)
            assert rebuild_served(project, memory=memory) is None
            said = capsys.readouterr()
            assert f"{record.relative_to(root).as_posix()}:" in said.out  # at its file and line
            assert "The served site was not rebuilt" in said.err
            assert _site(served) == before, "a broken save changed the served site"
            record.write_text(good)  # put right: the next save must serve it
        else:
            apply_change(root, (kind, which), serial)
        before = _site(served)
        early: list[dict[str, bytes]] = []
        show = functools.partial(_snapshot, served, early)
        assert rebuild_served(project, memory=memory, show=show) is not None
        clean_run(root, work / "clean", "build")
        clean = work / "clean" / "site"
        differing = [path for path in compare_sites(served, clean) if not path.startswith(f"{SEARCH}/")]
        assert differing == [], (kind, which, differing[:10])
        # What was shown before the whole site was built is what the whole build made of it.
        built = _site(clean)
        for shown in early:
            changed = [path for path, data in shown.items() if before.get(path) != data]
            gone = sorted(before.keys() - shown.keys())
            assert changed or gone, "shown early, but nothing had changed"
            assert all(path.startswith("briefings/") for path in [*changed, *gone]), (changed, gone)
            assert [path for path in changed if shown[path] != built.get(path)] == []
            assert [path for path in gone if path in built] == []
        if kind in ("edit", "add", "delete", "retitle"):
            assert early, f"a {kind} was not shown before the whole site"
