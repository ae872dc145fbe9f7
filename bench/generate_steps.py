"""`briefing generate` after one change, against a cold generate: is the docs folder's cost
proportional to the change?

On an archive made by `bench/synthetic.py` (changed in place: use a scratch copy), it times
a cold generate (no docs folder, no page cache; the record cache warm, as the cost of parsing
is not this step's), no-op generates, generates after one record's summary is edited, after a
record is added and after one is deleted, each in its own process: wall and CPU seconds
(user + system, steadier on a shared machine), peak memory, and how many files were written.
With `--verify`, it then generates a copy of the changed archive from nothing and compares the
two docs folders byte for byte.

    .venv/bin/python -m bench.generate_steps /tmp/gen-10k --repeats 3 --verify
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
from pathlib import Path

from bench.measure import Run, run_once
from bench.publish_steps import CHANGES, _copy_sources
from site_compare import compare_sites

BRIEFING = [sys.executable, "-m", "generator"]


def generate(root: Path) -> Run:
    return run_once([*BRIEFING, "--root", str(root), "generate"], root)


def written(run: Run) -> int:
    found = re.search(r"(\d+) written", run.output)
    return int(found.group(1)) if found else -1


def summary(runs: list[Run]) -> dict[str, object]:
    return {
        "median_s": round(statistics.median(run.seconds for run in runs), 3),
        "median_cpu_s": round(statistics.median(run.cpu_seconds for run in runs), 3),
        "runs_s": [round(run.seconds, 3) for run in runs],
        "peak_rss_mib": round(max(run.peak_rss_mib for run in runs), 1),
        "written": [written(run) for run in runs],
    }


def bench(root: Path, repeats: int, cold_repeats: int, verify: bool) -> dict[str, object]:
    generate(root)  # the record cache warm, the docs folder there
    results: dict[str, object] = {"records": len(list((root / "content").rglob("*.md")))}
    cold = []
    for _ in range(cold_repeats):
        shutil.rmtree(root / "build" / "docs", ignore_errors=True)
        (root / "build" / "cache" / "docs.json").unlink(missing_ok=True)
        cold.append(generate(root))
    results["cold"] = summary(cold)
    generate(root)  # settles the files the cold run wrote too recently to trust (output_index.RACY_NS)
    results["noop"] = summary([generate(root) for _ in range(repeats)])
    for name in ("edit", "add", "delete"):
        runs = []
        for _ in range(repeats):
            CHANGES[name](root)
            runs.append(generate(root))
        results[name] = summary(runs)
    if verify:
        reference = root.parent / f"{root.name}-reference"
        _copy_sources(root, reference)
        generate(reference)
        differences = compare_sites(root / "build" / "docs", reference / "build" / "docs")
        results["identical_to_clean"] = not differences
        results["differences"] = differences[:20]
        shutil.rmtree(reference)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a synthetic archive (changed in place)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cold-repeats", type=int, default=1)
    parser.add_argument("--verify", action="store_true", help="compare with a clean generate at the end")
    args = parser.parse_args(argv)
    results = bench(args.root.resolve(), args.repeats, args.cold_repeats, args.verify)
    print(json.dumps(results, indent=2))
    out = Path(__file__).parent / "results" / f"generate-steps-{results['records']}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if results.get("identical_to_clean", True) else 1


if __name__ == "__main__":
    raise SystemExit(main())
