"""The way out of MkDocs 1.6.1: ProperDocs (its maintained fork) builds the same generated pages
with the same mkdocs.yml and Material, and the sites differ only in the generator meta tag; and
the page-by-page build (`BRIEFING_ENGINE=properdocs`, publish/mkdocs_internals.py) drives
ProperDocs as it drives MkDocs, proved against ProperDocs' own `build()` by the same tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_config
from site_compare import site_bytes
from synthetic_archive import write_archive

GENERATOR_TAG = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, (command, done.stdout, done.stderr)


def test_properdocs_builds_the_real_archive_as_mkdocs_does(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    root.mkdir()
    copy_config(root)
    shutil.copytree(REPO / "content", root / "content")
    bin_dir = Path(sys.executable).parent
    run([str(bin_dir / "briefing"), "generate"], root)
    run([str(bin_dir / "mkdocs"), "build", "--strict", "-d", "site-mkdocs"], root)
    # ProperDocs looks for properdocs.yml first; -f names our config, which it reads unchanged.
    run([str(bin_dir / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", "site-properdocs"], root)

    mkdocs, properdocs = root / "site-mkdocs", root / "site-properdocs"
    files = sorted(p.relative_to(mkdocs) for p in mkdocs.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs) for p in properdocs.rglob("*") if p.is_file())
    assert len(files) > 30
    differing = [f for f in files if (mkdocs / f).read_bytes() != (properdocs / f).read_bytes()]
    # The one difference, stated in the README: each HTML page names its generator.
    for page in differing:
        assert page.suffix == ".html", page
        ours, theirs = (mkdocs / page).read_bytes(), (properdocs / page).read_bytes()
        assert GENERATOR_TAG.sub(b"", ours) == GENERATOR_TAG.sub(b"", theirs), page
    home = (properdocs / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">' in home
    assert Path("index.html") in differing
    briefing = properdocs / "briefings" / "2025-06-02-umerov-istanbul-positions" / "index.html"
    assert "DOT-Chain" in briefing.read_text(encoding="utf-8")


def test_the_page_by_page_build_under_properdocs_gives_properdocs_own_site() -> None:
    """tests/test_page_build.py again, with ProperDocs answering every `mkdocs` import: workers
    and the page cache give ProperDocs' own `build()`'s bytes, each covered option alike, a
    cached page with a broken link still fails the build, and ProperDocs' warnings are counted."""
    environment = {**os.environ, "BRIEFING_ENGINE": "properdocs"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_page_build.py"]
    done = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = done.stdout.strip().splitlines()[-1]
    passed = re.match(r"(\d+) passed in ", summary)
    assert passed is not None and int(passed.group(1)) >= 10, summary  # nothing skipped or deselected


def test_briefing_build_under_properdocs_differs_from_mkdocs_only_in_the_generator_tag(
    tmp_path: Path,
) -> None:
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        root = tmp_path / engine
        write_archive(root, 60)  # synthetic records (tests/synthetic_archive.py)
        environment = {**os.environ, "BRIEFING_ENGINE": engine, "SOURCE_DATE_EPOCH": "1735603200"}
        command = [str(Path(sys.executable).parent / "briefing"), "build"]
        done = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        sites[engine] = site_bytes(root / "site")
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert sorted(mkdocs) == sorted(properdocs)
    assert len([path for path in mkdocs if path.startswith("briefings/")]) >= 60
    differing = [path for path in mkdocs if mkdocs[path] != properdocs[path]]
    assert "index.html" in differing
    for path in differing:
        assert path.endswith(".html"), path
        assert GENERATOR_TAG.sub(b"", mkdocs[path]) == GENERATOR_TAG.sub(b"", properdocs[path]), path
    assert b'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2"' in properdocs["index.html"]


def test_an_engine_it_does_not_know_is_refused_in_one_line(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    write_archive(root, 3)
    environment = {**os.environ, "BRIEFING_ENGINE": "hugo"}
    command = [str(Path(sys.executable).parent / "briefing"), "build"]
    done = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "BRIEFING_ENGINE='hugo': the engine is mkdocs or properdocs (default mkdocs)" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (root / "site").exists()
