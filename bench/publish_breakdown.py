"""Where `briefing build` spends its time after one edit: each step of the publish path, timed.

Usage: .venv/bin/python bench/publish_breakdown.py ROOT [--no-edit]

ROOT is an archive that `briefing build` has built before (bench/synthetic.py, then a build).
Edits one record's summary (as bench/publish_steps.py does; `--no-edit` builds as it is), then
runs the build's phases in this process with a timer around each step it can find (steps this
version of the code lacks are left out), and prints seconds per step, in the order they ran.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from generator import files, pipeline  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.publish import mkdocs, mkdocs_pages, search_index, swap  # noqa: E402
from synthetic_archive import edit_summary  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
# (module, function, label): nested steps are timed inside their parents.
STEPS = [
    (pipeline, "load_site_config", "load mkdocs.yml"),
    (pipeline, "generate", "generate"),
    (pipeline, "collect", "generate: records"),
    (pipeline, "across_records", "generate: checks across records"),
    (pipeline, "build_archive", "generate: archive model"),
    (pipeline, "_related", "generate: related briefings"),
    (pipeline, "data_files", "generate: data files"),
    (pipeline, "database_files", "generate: database"),
    (pipeline, "citation_files", "generate: citation files (declared)"),
    (pipeline, "sync_folder", "generate: render and write changed files"),
    (mkdocs_pages, "get_files", "mkdocs: list docs files"),
    (mkdocs_pages, "get_navigation", "mkdocs: nav"),
    (mkdocs_pages, "_read_nav_pages", "mkdocs: nav pages' titles"),
    (mkdocs_pages, "inputs_key", "mkdocs: inputs key"),
    (mkdocs_pages, "load_index", "mkdocs: page cache index"),
    (mkdocs_pages, "page_key", "mkdocs: page keys"),
    (mkdocs, "written_keys", "mkdocs: what the generator wrote"),
    (mkdocs_pages, "_render_all", "mkdocs: render changed pages"),
    (mkdocs_pages, "_link_static_files", "mkdocs: static files into the site"),
    (mkdocs_pages, "_build_theme_template", "mkdocs: sitemap, 404"),
    (mkdocs_pages, "_validate_anchors", "mkdocs: anchors"),
    (mkdocs_pages, "save_index", "mkdocs: save page cache"),
    (mkdocs, "build_site", "mkdocs: whole"),
    (files.Tree, "link", "site: link files (all steps)"),
    (files.Tree, "link_folder", "site: published files"),
    (pipeline, "rewrite_sitemap", "sitemap dates"),
    (search_index.SearchIndex, "start", "search: start Pagefind"),
    (search_index.SearchIndex, "finish", "search: wait for Pagefind, link the index"),
    (files.Tree, "prune", "site: remove what is gone"),
    (pipeline, "audit_site", "audit"),
    (swap, "_swap_in", "swap"),
]


def timed(label: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            SPENT[label] += time.perf_counter() - started

    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--no-edit", action="store_true")
    args = parser.parse_args()
    for module, name, label in STEPS:
        if hasattr(module, name):
            setattr(module, name, timed(label, getattr(module, name)))
    if not args.no_edit:
        print(edit_summary(args.root))
    project = Project.at(args.root)
    started = time.perf_counter()
    config = pipeline.load_site_config(project)
    generated = pipeline.generate(project, config.site)
    staged = time.perf_counter()
    pipeline.publish(project, generated.checked.archive, config)
    SPENT["publish: whole"] = time.perf_counter() - staged
    SPENT["build: whole"] = time.perf_counter() - started
    for label, seconds in SPENT.items():
        print(f"{label:40} {seconds:7.2f} s")


if __name__ == "__main__":
    main()
