"""The way out of MkDocs 1.6.1: ProperDocs (its maintained fork) builds the same generated pages
with the same mkdocs.yml and Material, and the sites differ only in the generator meta tag."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_config

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
