"""How long after a save `briefing serve` shows the change in an open browser page.

    python -m bench.serve_time                     # 1,000 and 10,000 records, medians of 3
    python -m bench.serve_time --sizes 10000 --runs 5
    python -m bench.serve_time --archive /tmp/b10k # an archive already written (and built)

For each size it writes a deterministic synthetic archive (bench/synthetic.py), starts
`briefing serve` on a free port of 127.0.0.1 and waits for its first build (timed too: with
nothing built yet it renders every page), opens a briefing in headless Chromium, then, `--runs`
times, edits that record's summary and times how long until the open page shows the new text
(the server shows an edited briefing's page before it rebuilds the rest of the site), and until
the server says the whole site is rebuilt; the next save comes a few seconds after that, as a
curator's would. The page is reloaded by the live-reload script MkDocs' server injects, as a
reader's would be; the bench never reloads it. Then it adds a record (timed until its page is
served), deletes it (until its page is gone) and saves a broken record (until the server reports
the file and line), each once. Prints the first build, each run and the median; writes JSON to
bench/results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from synthetic_archive import write_archive

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated archive sizes")
    parser.add_argument("--archive", type=Path, help="measure this archive instead of writing one")
    parser.add_argument("--runs", type=int, default=3, help="saves to time; the median is shown")
    parser.add_argument("--out", type=Path, help="where the JSON goes (default: bench/results/)")
    args = parser.parse_args()
    results: dict[str, dict[str, object]] = {}
    if args.archive is not None:
        results[str(args.archive)] = measure(args.archive.resolve(), args.runs)
    else:
        for size in (int(size) for size in args.sizes.split(",")):
            with tempfile.TemporaryDirectory(prefix="serve-bench-") as folder:
                root = Path(folder) / "archive"
                write_archive(root, size)
                results[str(size)] = measure(root, args.runs)
    _save(results, args.out)


def measure(root: Path, runs: int) -> dict[str, object]:
    records = sorted((root / "content").rglob("*.md"))
    record = records[len(records) // 2]
    original = record.read_text(encoding="utf-8")
    port = _free_port()
    log = root / "build" / "serve-bench.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "--root",
                str(root),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait_until_up(base, server, log)
            first = time.perf_counter() - started
            saves, whole = _time_saves(base, record, original, runs, log)
            changes = _time_changes(base, root, record, original, log)
        finally:
            os.killpg(server.pid, signal.SIGINT)
            server.wait(timeout=60)
            record.write_text(original, encoding="utf-8")
    built = [line for line in log.read_text().splitlines() if line.startswith("Built ")]
    print(f"{len(records):,} records ({root}); editing {record.relative_to(root).as_posix()}")
    print(f"  first build and start    {first:7.2f} s")
    for run, (seconds, rebuilt) in enumerate(zip(saves, whole, strict=True), 1):
        print(f"  save {run} shown after      {seconds:7.2f} s   (whole site rebuilt after {rebuilt:6.2f} s)")
    median, median_whole = statistics.median(saves), statistics.median(whole)
    print(f"  median save shown after  {median:7.2f} s   (whole site {median_whole:6.2f} s)")
    for change, seconds in changes.items():
        print(f"  {change:<24} {seconds:7.2f} s")
    print("  the server said: " + " | ".join(built))
    return {
        **changes,
        "records": len(records),
        "first_build_s": first,
        "saves_s": saves,
        "whole_site_s": whole,
        "server_said": built,
    }


def _rebuilds(log: Path) -> int:
    return sum(line.startswith("Built ") for line in log.read_text().splitlines())


def _time_saves(
    base: str, record: Path, original: str, runs: int, log: Path
) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    page_url = base + "briefings/" + record.stem + "/"
    seconds: list[float] = []
    whole: list[float] = []  # until the server said the whole site was rebuilt
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
            page.goto(page_url)
            for run in range(1, runs + 1):
                marker = f"Servedit{run}x{time.monotonic_ns()}"
                edited = re.sub(r"\nsummary: (\"?)", rf"\nsummary: \g<1>{marker} ", original, count=1)
                assert edited != original, f"{record}: no summary line to edit"
                built = _rebuilds(log)
                saved = time.perf_counter()
                record.write_text(edited, encoding="utf-8")
                page.get_by_text(marker).first.wait_for(timeout=600_000)
                seconds.append(time.perf_counter() - saved)
                # A curator's next save comes seconds later: after the whole site is rebuilt and
                # the server has written its build state (`serve.SETTLE_AFTER`, then a moment).
                while _rebuilds(log) == built:
                    time.sleep(0.1)
                whole.append(time.perf_counter() - saved)
                time.sleep(3)
        finally:
            browser.close()
    return seconds, whole


def _time_changes(base: str, root: Path, record: Path, original: str, log: Path) -> dict[str, float]:
    """An added record until its page is served, its deletion until the page is gone, and a broken
    save until the server names its file and line (the served site stays as it was)."""
    added = record.with_name(record.stem + "-added.md")
    address = base + "briefings/" + added.stem + "/"
    marker = f"Serveadd{time.monotonic_ns()}"
    text = re.sub(r"^title: (\"?)", rf"title: \g<1>{marker} ", original, count=1, flags=re.MULTILINE)
    changes: dict[str, float] = {}
    try:
        built = _rebuilds(log)
        saved = time.perf_counter()
        added.write_text(text, encoding="utf-8")
        _wait_for(lambda: marker in _served(address))
        changes["added record shown"] = time.perf_counter() - saved
        _wait_for(lambda: _rebuilds(log) > built)
        time.sleep(3)
        built = _rebuilds(log)
        saved = time.perf_counter()
        added.unlink()
        _wait_for(lambda: _served(address) == "")
        changes["deleted record gone"] = time.perf_counter() - saved
        _wait_for(lambda: _rebuilds(log) > built)
        time.sleep(3)
        broken = re.sub(r"^themes: .*$", "themes: [dron]", original, count=1, flags=re.MULTILINE)
        where = f"{record.relative_to(root).as_posix()}:"
        reported = log.read_text().count(where)
        saved = time.perf_counter()
        record.write_text(broken, encoding="utf-8")
        _wait_for(lambda: log.read_text().count(where) > reported)
        changes["broken save reported"] = time.perf_counter() - saved
    finally:
        added.unlink(missing_ok=True)
        record.write_text(original, encoding="utf-8")
    return changes


def _served(address: str) -> str:
    """The page at `address`, or "" when the server has none."""
    try:
        with urllib.request.urlopen(address, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError:
        return ""


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 600
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the server did not answer within 10 minutes")
        time.sleep(0.05)


def _wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    while True:
        try:
            with urllib.request.urlopen(base, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"briefing serve stopped:\n{log.read_text()}") from None
            time.sleep(0.5)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _save(results: dict[str, dict[str, object]], out: Path | None) -> None:
    if out is None:
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"serve-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    data = {"machine": {"python": platform.python_version(), "system": platform.platform()}, "sizes": results}
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
