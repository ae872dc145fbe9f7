"""How long `briefing preview --no-serve` takes for one record of large synthetic archives.

    python -m bench.preview_time                          # 1,000 and 10,000 records, medians of 3
    python -m bench.preview_time --sizes 10000 --runs 5

For each size, writes a deterministic synthetic archive (bench/synthetic.py) into a temporary
folder, then times, each as a separate process: previewing one record with nothing built yet (the
run also fills the record cache), the same preview again, the preview after an edit of that
record (what a contributor does between saves), and `briefing check` of the whole archive for
comparison. The preview renders the record's pages from the whole archive (its theme, year and
person pages, related briefings and neighbours). Prints a table and writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from bench.measure import Step, repeat
from synthetic_archive import write_archive

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated archive sizes (default: %(default)s)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per step; the median is shown")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {size: measure(size, args.runs) for size in sizes}
    _save(results)


def measure(count: int, runs: int) -> dict[str, Step]:
    briefing = [sys.executable, "-m", "generator"]
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as folder:
        root = Path(folder) / "archive"
        write_archive(root, count)
        record = sorted((root / "content").rglob("*.md"))[count // 2]
        original = record.read_text(encoding="utf-8")
        preview = [*briefing, "preview", "--no-serve", str(record)]
        edits = iter(range(1, 1_000))

        def clean() -> None:
            shutil.rmtree(root / "build", ignore_errors=True)

        def edit() -> None:
            edited = original.replace("\n---\n", f"\n---\nEdit {next(edits)}.\n", 1)
            record.write_text(edited, encoding="utf-8")

        steps = {
            "preview, nothing built yet": repeat(preview, root, runs, before=clean),
            "preview again": repeat(preview, root, runs),
            "preview after an edit": repeat(preview, root, runs, before=edit),
            "check of the whole archive": repeat([*briefing, "check"], root, runs),
        }
    print(f"{count:,} synthetic records; previewing {record.relative_to(root).as_posix()}")
    for name, step in steps.items():
        print(f"  {name:<30} {step.seconds:6.2f} s  (peak {step.peak_rss_mib:.0f} MiB)")
    return steps


def _save(results: dict[int, dict[str, Step]]) -> None:
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"preview-{'-'.join(str(size) for size in results)}-{stamp}.json"
    sizes = {
        str(size): {name: step.as_json() for name, step in steps.items()} for size, steps in results.items()
    }
    data = {"machine": {"python": platform.python_version(), "system": platform.platform()}, "sizes": sizes}
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
