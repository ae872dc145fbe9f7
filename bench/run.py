"""The scale benchmark: build synthetic archives of several sizes and measure every stage.

    python -m bench.run                      # 1,000, 5,000 and 10,000 records, medians of 3
    python -m bench.run --sizes 1000 --blog-sizes 1000,5000 --zensical
    python -m bench.run --smoke              # 200 records, one run each: checks the harness works
    python -m bench.run --sizes 10000 --repeats 1 --only-cold   # the cold build and its yardsticks

For each size it measures, each as a separate process: the generator alone (cold), a full
`briefing build` (cold), a bare MkDocs + Material project of the same records (bench/bare.py:
the yardstick, printed as a ratio), MkDocs alone on the same generated pages, regenerating after
one record's summary was edited (and which files that rewrote), and a no-op regenerate (which
must touch nothing). Then it publishes one change at a time (edit a summary, add a record,
delete one: `briefing build` each) and compares each site byte for byte with a clean build of
the changed archive (bench/publish_steps.py), and times a no-op `briefing build`, which must
touch nothing in site/. Peak memory is that of the largest single process of a step (wait4's
ru_maxrss covers the process and every child it waited for, such as Pagefind and MkDocs'
workers). It also reports the largest generated page, the search files, and (with a browser)
what a first search downloads and how long it takes. Material's blog plugin builds the same
records for comparison. Prints a table and writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import shutil
import sys
from pathlib import Path
from typing import Any

from bench.bare import write_bare_project
from bench.blog import write_blog
from bench.measure import Step, changed, repeat, run_once, snapshot
from bench.publish_steps import CHANGES, noop_build, publish_change, publish_changes
from bench.report import cold_table, table
from bench.search_page_probe import probe_search_page
from bench.search_parts import compare, result_sets
from bench.search_probe import probe_search
from bench.search_size import largest_file, search_files
from synthetic_archive import write_archive

RESULTS = Path(__file__).parent / "results"
MKDOCS_ALONE = (
    "import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
    "build(load_config(sys.argv[1], strict=True, docs_dir=sys.argv[2], site_dir=sys.argv[3], hooks=[]))"
)


class Progress(dict[str, object]):
    """One size's results, written to `path` after every step: at 10,000 records a run takes
    hours, and an interrupted one keeps what it measured."""

    def __init__(self, path: Path | None) -> None:
        super().__init__()
        self.path = path

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        if self.path:
            self.path.write_text(json.dumps(self, indent=2) + "\n", encoding="utf-8")


def bench_size(
    count: int,
    work: Path,
    repeats: int,
    browser: bool,
    zensical: bool,
    compare_once: bool = False,
    progress: Path | None = None,
    only_cold: bool = False,
) -> dict[str, object]:
    root = work / f"archive-{count}"
    shutil.rmtree(root, ignore_errors=True)
    write_archive(root, count)
    briefing = [sys.executable, "-m", "generator", "--root", str(root)]
    docs, mkdocs_site = root / "build" / "docs", work / f"mkdocs-site-{count}"

    def clean() -> None:
        shutil.rmtree(root / "build", ignore_errors=True)
        shutil.rmtree(root / "site", ignore_errors=True)

    result: dict[str, object] = Progress(progress)
    result["records"] = count
    print(f"[{count}] generator alone", flush=True)
    if not only_cold:
        result["generate"] = repeat([*briefing, "generate"], root, repeats, clean).as_json()
    print(f"[{count}] briefing build", flush=True)
    result["build"] = repeat([*briefing, "build"], root, repeats, clean).as_json()
    print(f"[{count}] bare MkDocs + Material project", flush=True)
    bare = work / f"bare-{count}"
    shutil.rmtree(bare, ignore_errors=True)
    write_bare_project(root, bare)
    bare_build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare / "mkdocs.yml")]
    result["bare"] = repeat(bare_build, bare, repeats, lambda: shutil.rmtree(bare / "site", True)).as_json()
    # The searchable site a user would otherwise build: Pagefind (the same binary) over the bare site.
    print(f"[{count}] Pagefind over the bare project", flush=True)
    bare_search = [sys.executable, "-m", "pagefind", "--site", str(bare / "site"), "--silent"]
    clean_bare_search = lambda: shutil.rmtree(bare / "site" / "pagefind", True)  # noqa: E731
    result["bare_pagefind"] = repeat(bare_search, bare, repeats, clean_bare_search).as_json()
    shutil.rmtree(bare, ignore_errors=True)
    if only_cold:
        return result
    print(f"[{count}] MkDocs alone", flush=True)
    mkdocs = [sys.executable, "-c", MKDOCS_ALONE, str(root / "mkdocs.yml"), str(docs), str(mkdocs_site)]
    clean_mkdocs = lambda: shutil.rmtree(mkdocs_site, ignore_errors=True)  # noqa: E731
    result["mkdocs"] = repeat(mkdocs, root, repeats, clean_mkdocs).as_json()
    print(f"[{count}] one-record edit, then no-op", flush=True)
    result["incremental"] = _incremental(root, briefing, docs, repeats)
    result["noop"] = _noop(root, briefing, docs, repeats)
    publish = [sys.executable, "-m", "generator"]
    if compare_once:
        print(f"[{count}] publish an edit, an addition and a deletion, then one clean build", flush=True)
        for key, measured in publish_changes(root, publish, CHANGES, work / f"reference-{count}"):
            result[key] = measured
    else:
        for name, change in CHANGES.items():
            print(f"[{count}] publish one change: {name}, then a clean build to compare", flush=True)
            result[f"publish_{name}"] = publish_change(root, publish, change, work / f"reference-{count}")
    shutil.rmtree(work / f"reference-{count}", ignore_errors=True)
    print(f"[{count}] no-op briefing build", flush=True)
    result["publish_noop"] = noop_build(root, publish)
    result["largest_page_md"] = largest_file(docs, ".md")
    result["largest_page_html"] = largest_file(root / "site", ".html")
    result["search_files"] = search_files(root / "site")
    if browser:
        print(f"[{count}] first search in Chromium", flush=True)
        result["first_search"] = probe_search(root / "site", f"briefing {count // 2}").as_json()
        print(f"[{count}] first search on the search page, without and with a filter", flush=True)
        result["first_search_page"] = [
            probe_search_page(root / "site", address)
            for address in ("/search/?q=interceptor", "/search/?q=interceptor&theme=Air+defense")
        ]
        print(f"[{count}] search in parts against one index: probe result sets", flush=True)
        result["search_parts"] = compare(root / "site", result_sets)
    if zensical:
        print(f"[{count}] zensical build", flush=True)
        result["zensical"] = _zensical(root, repeats).as_json()
    shutil.rmtree(mkdocs_site, ignore_errors=True)
    return result


def _incremental(root: Path, briefing: list[str], docs: Path, repeats: int) -> dict[str, object]:
    """Edit one record's summary (shown on its page and in listings), then regenerate."""
    files = sorted((root / "content").rglob("*.md"))
    runs, rewritten = [], []
    for attempt in range(repeats):
        record = files[(attempt + 1) * len(files) // (repeats + 1)]
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace('summary: "', f'summary: "Edited ({attempt}). ', 1), encoding="utf-8")
        before = snapshot(docs)
        runs.append(run_once([*briefing, "generate"], root))
        rewritten.append(changed(before, snapshot(docs)))
    return {**Step(tuple(runs)).as_json(), "rewritten": rewritten}


def _noop(root: Path, briefing: list[str], docs: Path, repeats: int) -> dict[str, object]:
    runs, touched = [], []
    for _ in range(repeats):
        before = snapshot(docs)
        runs.append(run_once([*briefing, "generate"], root))
        touched.append(changed(before, snapshot(docs)))
    return {**Step(tuple(runs)).as_json(), "touched": touched}


def _zensical(root: Path, repeats: int) -> Step:
    """`zensical build` on the generated pages, into a folder of its own."""
    config = root / "mkdocs-zensical.yml"
    config.write_text(
        (root / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("site_dir: site", "site_dir: site-zensical"),
        encoding="utf-8",
    )
    zensical = str(Path(sys.executable).with_name("zensical"))

    def clean() -> None:
        shutil.rmtree(root / "site-zensical", ignore_errors=True)
        shutil.rmtree(root / ".cache", ignore_errors=True)

    return repeat([zensical, "build", "--clean", "-f", str(config)], root, repeats, clean)


def bench_blog(count: int, work: Path, repeats: int) -> dict[str, object]:
    folder = work / f"blog-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    posts = write_blog(work / f"archive-{count}", folder)
    print(f"[{count}] Material blog plugin, {posts} posts", flush=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")]
    step = repeat(command, folder, repeats, lambda: shutil.rmtree(folder / "site", ignore_errors=True))
    return {"records": posts, "blog": step.as_json()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="record counts (default: %(default)s)")
    parser.add_argument("--blog-sizes", default="1000", help="blog plugin at these counts ('' for none)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per step; the median is shown")
    parser.add_argument("--smoke", action="store_true", help="200 records, one run each")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-search probe")
    parser.add_argument("--zensical", action="store_true", help="also time `zensical build`")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"), help="scratch folder")
    parser.add_argument("--out", type=Path, help="JSON file (default: bench/results/<time>.json)")
    parser.add_argument(
        "--compare-once",
        action="store_true",
        help="publish the edit, addition and deletion in turn, then compare with one clean build "
        "(instead of one clean build after each: at 10,000 records each takes many minutes)",
    )
    parser.add_argument(
        "--only-cold",
        action="store_true",
        help="the cold build and its yardsticks (bare MkDocs, Pagefind over it) only",
    )
    args = parser.parse_args(argv)
    sizes = [200] if args.smoke else [int(size) for size in args.sizes.split(",")]
    blog_sizes = [200] if args.smoke else [int(size) for size in args.blog_sizes.split(",") if size]
    repeats = 1 if args.smoke else args.repeats
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "command": " ".join(["python", "-m", "bench.run", *(argv if argv is not None else sys.argv[1:])]),
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": _cpus(), "platform": platform.platform()},
        "repeats": repeats,
        "sizes": [],
        "blog": [],
    }
    out = args.out or RESULTS / f"{results['started'].replace(':', '')[:17]}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        progress = out.with_name(f"{out.stem}.{size}.partial.json")
        measured = bench_size(
            size,
            args.work,
            repeats,
            not args.no_browser,
            args.zensical,
            args.compare_once,
            progress,
            args.only_cold,
        )
        results["sizes"].append(dict(measured))
        progress.unlink(missing_ok=True)
    for size in blog_sizes:
        if not (args.work / f"archive-{size}").is_dir():
            write_archive(args.work / f"archive-{size}", size)
        results["blog"].append(bench_blog(size, args.work, repeats if size <= 1000 else 1))
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(cold_table(results) if args.only_cold else table(results))
    print(f"\nWrote {out}")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    raise SystemExit(main())
