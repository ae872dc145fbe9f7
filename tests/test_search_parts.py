"""The search index in parts (a Pagefind bundle per year of briefings, one for the other pages,
merged in the browser) finds what one index of the same pages finds, on the 400-record
synthetic archive; after an edit only the parts whose pages changed are indexed again."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import serve_folder
from generator.cli.main import main
from generator.project import Project
from generator.publish import search_bundles
from search_probes import PROBES, compare, search_all
from site_compare import compare_sites
from synthetic_archive import edit_summary


def test_parts_are_a_bundle_per_year_listed_for_the_browser(built_parts_site: Project) -> None:
    site = built_parts_site.site
    records = json.loads((site / "data" / "briefings.json").read_text(encoding="utf-8"))["briefings"]
    years = sorted({record["date"][:4] for record in records}, reverse=True)
    listed = json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))["parts"]
    assert [part["path"] for part in listed] == [f"{year}/" for year in years]
    for part in listed:
        bundle = site / "pagefind" / part["path"]
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        in_year = [record for record in records if record["date"].startswith(part["path"][:4])]
        assert entry["languages"]["en"]["page_count"] == part["pages"] == len(in_year)
        # The first bundle's script and wasm serve every part: a part holds its index only.
        assert sorted(item.name for item in bundle.iterdir() if item.is_dir()) == [
            "filter",
            "fragment",
            "index",
        ]
        assert not list(bundle.glob("*.js")) and not list(bundle.glob("wasm.*"))
        urls = set()
        for fragment in (bundle / "fragment").iterdir():
            data = gzip.decompress(fragment.read_bytes())
            urls.add(json.loads(data[data.index(b"{") :])["url"])
        assert urls == {f"/briefings/{record['id']}/" for record in in_year}


@pytest.mark.browser
def test_parts_find_every_page_one_index_finds(built_parts_site: Project, page: Any) -> None:
    def sets(site: Path) -> dict[str, list[str]]:
        with serve_folder(site) as base:
            page.goto(f"{base}/")
            return search_all(page)

    compared = compare(built_parts_site.site, sets)
    assert len(compared) == len(PROBES)
    for probe, found in compared.items():
        assert found["one_index"] > 0, probe
        assert found["parts_miss"] == 0, probe
    # The same pages exactly, but for a term that some part lacks: there Pagefind falls back to
    # words that share its start ("region-7" → "region", on person pages that say "regional";
    # "2024" in a bundle of another year, whose briefings name 2024 only in the lists of related
    # briefings, which are not indexed; "interceptor drones" and "joint production", words of
    # briefing titles, in the bundle of the other pages, where person pages name briefings only
    # in their listings and quote captions, which are not indexed either), where one index, which
    # holds the term, does not.
    differing = {json.loads(probe)[0] for probe, found in compared.items() if found["parts_add"]}
    assert differing <= {"region-7", "2024", "interceptor drones", "joint production"}


def test_an_edit_indexes_again_only_the_parts_it_changed(
    tmp_path: Path, built_parts_site: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    shutil.copytree(built_parts_site.root, root, symlinks=True)
    edited = edit_summary(root).rsplit(" ", 1)[-1].removesuffix(".md")
    indexed: list[set[str]] = []  # the pages of each Pagefind run
    real = search_bundles._run_pagefind

    def counted(pages: Path, output: Path) -> None:
        indexed.append({path.parent.as_posix() for path in _pages(pages)})
        real(pages, output)

    monkeypatch.setattr(search_bundles, "_run_pagefind", counted)
    assert main(["--root", str(root), "build"]) == 0
    # The edited briefing's year only (its page changed), and the first bundle when the pages
    # of the people it names show its summary.
    year_runs = [run for run in indexed if all(page.startswith("briefings/") for page in run)]
    assert len(year_runs) == 1 and f"briefings/{edited}" in year_runs[0]
    assert all(page.startswith("briefings/" + edited[:4]) for page in year_runs[0])
    listed = [
        part["path"] for part in json.loads((root / "site" / "pagefind" / "parts.json").read_text())["parts"]
    ]
    assert len(list((root / "build" / "cache" / "search").iterdir())) == len(listed) + 1

    indexed.clear()
    clean = tmp_path / "clean"
    for folder in ("content", "site_config"):
        shutil.copytree(root / folder, clean / folder)
    for file in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(root / file, clean / file)
    assert main(["--root", str(clean), "build"]) == 0
    assert len(indexed) == len(listed) + 1
    assert compare_sites(root / "site", clean / "site") == []


def _pages(folder: Path) -> list[Path]:
    return [path.relative_to(folder) for path in folder.rglob("index.html")]
