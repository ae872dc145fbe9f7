"""Time the reader-facing parts of generation on a synthetic archive: related briefings, feeds,
downloads and rendering every page, and report the largest page and the download sizes.

    python -m bench.readers --count 10000        # writes the archive into a temporary folder
    python -m bench.readers --root ARCHIVE       # an archive written by bench/synthetic.py

Each stage runs once, in this process, after the records were loaded (loading is measured by
bench/run.py). Times are wall-clock seconds on this machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from generator.archive.related import find_related
from generator.pages.data_files import data_files
from generator.pages.feeds import feed_files
from generator.pages.render import render_site
from generator.pipeline import check_archive, load_site_config
from generator.project import Project
from synthetic_archive import write_archive

T = TypeVar("T")


def timed(label: str, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    print(f"{label:<28} {time.perf_counter() - start:7.2f} s")
    return result


def measure(root: Path) -> None:
    project = Project.at(root)
    checked = timed("load and validate", lambda: check_archive(project))
    archive = checked.archive
    site = load_site_config(project).site
    print(f"{len(archive.records):,} published records, {len(archive.people):,} people")
    timed("related briefings", lambda: find_related(archive.records))
    feeds = timed("feeds", lambda: feed_files(archive, site))
    data = timed("downloads", lambda: data_files(archive, site))
    pages = timed("render every page", lambda: list(render_site(archive, "Synthetic intro.", site)))
    largest = max(pages, key=lambda page: len(page.text))
    print(f"{len(pages):,} pages; largest {len(largest.text.encode()) / 1e3:,.0f} kB ({largest.path})")
    print(f"feeds {sum(map(len, feeds.values())) / 1e6:.2f} MB in {len(feeds)} files")
    for path, data_bytes in data.items():
        print(f"{path} {len(data_bytes) / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="an existing synthetic archive")
    parser.add_argument("--count", type=int, default=10_000, help="records (default: %(default)s)")
    args = parser.parse_args()
    if args.root:
        measure(args.root)
        return
    with tempfile.TemporaryDirectory() as work:
        write_archive(Path(work), args.count)
        measure(Path(work))


if __name__ == "__main__":
    main()
