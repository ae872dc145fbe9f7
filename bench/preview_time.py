"""How long `briefing preview --no-serve` takes for one record of a large synthetic archive.

    python -m bench.preview_time                  # 5,000 records, medians of 3 runs
    python -m bench.preview_time --count 10000 --runs 5

Writes a deterministic synthetic archive (bench/synthetic.py) into a temporary folder, then times,
each as a separate process: previewing one new record (the first run also fills the record
cache), the same preview again, and `briefing check` of the whole archive for comparison.
Prints a small table and writes JSON to bench/results/.
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
from bench.synthetic import write_archive

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="records in the archive (default: 5000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per step; the median is shown")
    args = parser.parse_args()
    briefing = [sys.executable, "-m", "generator"]
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as folder:
        root = Path(folder) / "archive"
        write_archive(root, args.count)
        record = sorted((root / "content").rglob("*.md"))[args.count // 2]
        preview = [*briefing, "preview", "--no-serve", str(record)]

        def clean() -> None:
            shutil.rmtree(root / "build", ignore_errors=True)

        steps = {
            "preview, nothing built yet": repeat(preview, root, args.runs, before=clean),
            "preview again": repeat(preview, root, args.runs),
            "check of the whole archive": repeat([*briefing, "check"], root, args.runs),
        }
    print(f"{args.count:,} synthetic records; previewing {record.relative_to(root).as_posix()}")
    for name, step in steps.items():
        print(f"  {name:<30} {step.seconds:6.2f} s  (peak {step.peak_rss_mib:.0f} MiB)")
    _save(args.count, steps)


def _save(count: int, steps: dict[str, Step]) -> None:
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"preview-{count}-{stamp}.json"
    data = {
        "records": count,
        "machine": {"python": platform.python_version(), "system": platform.platform()},
        "steps": {name: step.as_json() for name, step in steps.items()},
    }
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
