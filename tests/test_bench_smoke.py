"""The scale harness runs end to end on a small archive, so it cannot rot between releases.

Timings are not asserted (machines are noisy); the shape of the results and the facts they
record (a no-op touches nothing, an edit rewrites its own page, search finds the record) are.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.publish_steps import CHANGES, publish_changes
from conftest import REPO, found
from synthetic_archive import write_archive

pytestmark = pytest.mark.browser  # the first-search probe drives Chromium


def test_smoke_run_writes_a_table_and_well_formed_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--work", str(tmp_path / "work"), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| records | generate s | build s (peak MiB) |" in done.stdout
    assert "| 200 " in done.stdout
    assert "Material blog plugin, 200 posts" in done.stdout

    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["repeats"] == 1
    (size,) = results["sizes"]
    assert size["records"] == 200
    for step in ("generate", "build", "mkdocs", "incremental", "noop"):
        assert size[step]["median_s"] > 0, step
        assert size[step]["peak_rss_mib"] > 10, step  # a Python process, measured
    assert size["noop"]["touched"] == [[]]
    (rewritten,) = size["incremental"]["rewritten"]
    assert any(path.startswith("briefings/") for path in rewritten)
    assert len(rewritten) < 50  # the edited record's page and the listings that show it, not all ~250
    assert size["bare"]["median_s"] > 0  # the yardstick the table divides by
    assert "build/bare" in done.stdout and "byte-identical" in done.stdout
    for change in ("edit", "add", "delete"):  # each published change equals a clean build's site
        assert size[f"publish_{change}"]["identical"], size[f"publish_{change}"]["differences"]
    assert size["publish_noop"]["touched"] == []  # a no-op build touches nothing in site/
    assert size["largest_page_md"]["path"].endswith(".md")
    assert size["search_files"]["pagefind"]["files"] > 0
    search = size["first_search"]
    assert search["first_result"].startswith("Synthetic briefing 100")
    assert 0 < search["search_bytes_gzip"] <= search["search_bytes_raw"]
    assert any(path.startswith("pagefind/") for path, _size in search["files"])
    plain, filtered = size["first_search_page"]  # the search page, without and with a filter
    assert filtered["address"] == plain["address"] + "&theme=Air+defense"
    counts = [
        int(found(r"^([\d,]+) results? for interceptor", probe["message"]).group(1).replace(",", ""))
        for probe in (plain, filtered)
    ]
    assert counts[0] > counts[1] > 0  # the filter narrows
    assert plain["search_bytes_gzip"] > 0 and filtered["search_bytes_gzip"] > 0
    (blog,) = results["blog"]
    assert blog["records"] == 200 and blog["blog"]["median_s"] > 0


def test_compare_once_publishes_each_change_then_compares_one_clean_build(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    write_archive(root, 40)
    briefing = [sys.executable, "-m", "generator"]
    subprocess.run([*briefing, "--root", str(root), "build"], cwd=REPO, check=True, capture_output=True)
    steps: dict[str, dict[str, Any]] = dict(publish_changes(root, briefing, CHANGES, tmp_path / "reference"))
    assert list(steps) == ["publish_edit", "publish_add", "publish_delete", "publish_compared"]
    assert all(steps[f"publish_{name}"]["seconds"] > 0 for name in CHANGES)
    compared = steps["publish_compared"]
    assert compared["identical"], compared["differences"]
    # The reference is the changed archive: the added record is in both sites, the deleted in neither.
    added = steps["publish_add"]["change"].removeprefix("added ").removesuffix(".md")
    deleted = steps["publish_delete"]["change"].removeprefix("deleted ").removesuffix(".md")
    for site in (root / "site", tmp_path / "reference" / "site"):
        assert (site / "briefings" / added / "index.html").is_file()
        assert not (site / "briefings" / deleted).exists()


def test_serve_bench_sees_every_save_in_the_browser(tmp_path: Path) -> None:
    out = tmp_path / "serve.json"
    command = [sys.executable, "-m", "bench.serve_time", "--sizes", "200", "--runs", "2", "--out", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "median save shown after" in done.stdout
    (size,) = json.loads(out.read_text(encoding="utf-8"))["sizes"].values()
    assert size["records"] == 200
    assert len(size["saves_s"]) == 2 and all(seconds > 0 for seconds in size["saves_s"])
    # An addition, a deletion and a broken save, each timed until the server showed it.
    for change in ("added record shown", "deleted record gone", "broken save reported"):
        assert size[change] > 0, change
    # The first build renders every page; each save then rebuilds a few pages, not all; the
    # addition and the deletion shift the listings they are on. (The watcher sees each atomic
    # save once: tests/test_serve.py.)
    said = size["server_said"]
    counts = [int(m.group(1)) for line in said if (m := re.search(r"\((\d+) page\(s\) changed\)", line))]
    assert len(counts) == len(said) >= 5, said
    first, saves, added, deleted = counts[0], counts[1:3], counts[3], counts[4]
    assert first > 200, said
    assert all(0 < count < 50 for count in saves), said
    assert added > 0 and deleted > 0, said
