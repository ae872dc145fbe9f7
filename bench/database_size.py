"""The SQLite database at scale: how big data/briefings.db is and how long it takes to build, next
to briefings.json, for a synthetic archive (bench/synthetic.py) of each size asked for.

    python -m bench.database_size [--sizes 1000,10000] [--repeats 3] [--out FILE.json]

Only the records are loaded and the database built, in this process (no site, no MkDocs); the
time is the median of `--repeats` builds of the same archive, which must give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generator.pages.data_files import briefings_json
from generator.pages.database import archive_database
from generator.pipeline import check_archive, load_site_config
from generator.project import Project
from synthetic_archive import write_archive


def measure(count: int, repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"bench-db-{count}-") as folder:
        root = Path(folder)
        write_archive(root, count)
        project = Project.at(root)
        archive, site = check_archive(project).archive, load_site_config(project).site
        seconds, built = [], set()
        for _ in range(repeats):
            started = time.perf_counter()
            data = archive_database(archive, site)
            seconds.append(time.perf_counter() - started)
            built.add(data)
        assert len(built) == 1, "two builds of the same archive gave different bytes"
        return {
            "records": len(archive.records),
            "database_bytes": len(data),
            "json_bytes": len(briefings_json(archive, site)),
            "build_s": round(statistics.median(seconds), 3),
            "runs_s": [round(s, 3) for s in seconds],
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="record counts (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="builds per size (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    results = [measure(int(size), args.repeats) for size in args.sizes.split(",") if size]
    print(f"{'records':>8} {'database':>12} {'briefings.json':>15} {'build (median)':>15}")
    for row in results:
        print(
            f"{row['records']:>8,} {row['database_bytes'] / 1e6:>9.1f} MB {row['json_bytes'] / 1e6:>12.1f} MB"
            f" {row['build_s']:>13.2f} s"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
