"""One change published: edit, add or delete a record, `briefing build`, and compare with a clean build.

Each step times the incremental `briefing build` in its own process and then builds a copy of
the changed archive from nothing (no build/ folder, no site/), so the two sites can be compared
byte for byte: the incremental site must be the same files with the same bytes. A no-op build is
timed too, and must touch nothing in site/ (same files, same inodes, same mtimes).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.measure import run_once
from site_compare import compare_sites
from synthetic_archive import add_record, delete_record, edit_summary

Change = Callable[[Path], str]  # changes the archive at the given root, says what it did


CHANGES: dict[str, Change] = {"edit": edit_summary, "add": add_record, "delete": delete_record}


def publish_change(root: Path, briefing: list[str], change: Change, reference: Path) -> dict[str, object]:
    """Apply `change`, time the incremental build, then build `reference` clean and compare the sites."""
    (_, step), (_, compared) = publish_changes(root, briefing, {"change": change}, reference)
    return {**step, **{key: compared[key] for key in ("clean_build_s", "identical", "differences")}}


def publish_changes(
    root: Path, briefing: list[str], changes: dict[str, Change], reference: Path
) -> Iterator[tuple[str, dict[str, object]]]:
    """Apply each change in turn with an incremental build after each, then build `reference`
    clean once and compare it with the site the last incremental build made. Yields each step's
    figures as it is measured (`publish_<name>`, then `publish_compared`)."""
    for name, change in changes.items():
        what = change(root)
        run = run_once([*briefing, "--root", str(root), "build"], root)
        yield (
            f"publish_{name}",
            {
                "change": what,
                "seconds": round(run.seconds, 4),
                "peak_rss_mib": round(run.peak_rss_mib, 1),
            },
        )
    _copy_sources(root, reference)
    clean = run_once([*briefing, "--root", str(reference), "build"], reference)
    differences = compare_sites(root / "site", reference / "site")
    yield (
        "publish_compared",
        {
            "after": list(changes),
            "clean_build_s": round(clean.seconds, 4),
            "clean_peak_rss_mib": round(clean.peak_rss_mib, 1),
            "identical": not differences,
            "differences": differences[:20],
        },
    )


def noop_build(root: Path, briefing: list[str]) -> dict[str, object]:
    """Time `briefing build` with nothing changed; list what it touched in site/."""
    before = site_state(root / "site")
    run = run_once([*briefing, "--root", str(root), "build"], root)
    after = site_state(root / "site")
    touched = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    return {"seconds": round(run.seconds, 4), "peak_rss_mib": round(run.peak_rss_mib, 1), "touched": touched}


def site_state(site: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `site` (itself included, as '.') with its inode and mtime."""
    found = {".": (site.stat().st_ino, site.stat().st_mtime_ns)}
    for current, folders, names in os.walk(site):
        for name in folders + names:
            path = Path(current, name)
            info = path.stat()
            found[path.relative_to(site).as_posix()] = (info.st_ino, info.st_mtime_ns)
    return found


def _copy_sources(root: Path, reference: Path) -> None:
    shutil.rmtree(reference, ignore_errors=True)
    reference.mkdir(parents=True)
    for name in ("content", "site_config"):
        shutil.copytree(root / name, reference / name)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        if (root / name).is_file():
            shutil.copy2(root / name, reference / name)
