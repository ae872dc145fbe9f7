"""The Zensical path: `briefing generate`, then `zensical build` on the same pages and mkdocs.yml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_site_html import search_pages

from conftest import REPO, copy_config

pytestmark = pytest.mark.build  # builds a whole site

SEED = "2025-06-02-umerov-istanbul-positions"


def test_zensical_builds_the_real_archive_from_the_generated_pages(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    root.mkdir()
    copy_config(root)
    shutil.copytree(REPO / "content", root / "content")
    bin_dir = Path(sys.executable).parent
    # The documented command (README.md), step by step.
    for command in (
        [str(bin_dir / "briefing"), "generate"],
        [str(bin_dir / "zensical"), "build", "--clean"],
        [sys.executable, "-m", "generator.publish.search_index", "site"],
    ):
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    site = root / "site"
    for page in ("index.html", "themes/drones/index.html", "timeline/index.html", "about/index.html"):
        assert (site / page).is_file(), page
    briefing = (site / "briefings" / SEED / "index.html").read_text(encoding="utf-8")
    assert "DOT-Chain" in briefing
    assert "data-briefing-search" in briefing  # the same search box as the MkDocs build
    assert "DOT-Chain" in search_pages(site)[f"briefings/{SEED}"]
