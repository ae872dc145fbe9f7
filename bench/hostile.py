"""Run every hostile record (tests/hostile_records.py) through `briefing check` in a fresh process.

Prints a Markdown table: the input, what the tool said, wall time and peak memory (max RSS of
that child process, from wait4). Usage: .venv/bin/python bench/hostile.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from hostile_records import BODY_VECTORS, CASES, HEAD, NAME, _record, remove_tree  # noqa: E402

BRIEFING = REPO / ".venv" / "bin" / "briefing"


def measure(make: Callable[[Path], None]) -> tuple[str, float, float]:
    """(first line printed, seconds, peak MiB) for `briefing check` on an archive made by `make`."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        root = Path(folder)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "site_config", root / "site_config")
        shutil.copy(REPO / "CONTRIBUTING.md", root / "CONTRIBUTING.md")  # published as contributing.md
        (root / "content").mkdir()
        make(root / "content")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        child = subprocess.Popen(
            [str(BRIEFING), "--root", str(root), "check"], stdout=subprocess.PIPE, text=True, env=env
        )
        out = child.stdout.read() if child.stdout else ""
        _pid, _status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = 0  # already reaped by wait4
        remove_tree(root / "content")  # TemporaryDirectory's clean-up would recurse past deep folders
        return out.splitlines()[0] if out else "(nothing)", seconds, usage.ru_maxrss / 1024


def main() -> None:
    rows: list[tuple[str, Callable[[Path], None]]] = [
        ("baseline: one valid record", _write_valid),
        *((f"{case.name}: {case.what}", case.make) for case in CASES),
        *((f"body-{name}", _record(body=body)) for name, (body, _) in BODY_VECTORS.items()),
    ]
    print("| input | what `briefing check` said | time | peak RSS |")
    print("| --- | --- | ---: | ---: |")
    for label, make in rows:
        said, seconds, mib = measure(make)
        said = said.replace("|", "\\|")
        print(f"| {label} | `{said[:150]}` | {seconds:.2f} s | {mib:.0f} MiB |")


def _write_valid(content: Path) -> None:
    path = content / NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + "---\n\nA synthetic valid body.\n", encoding="utf-8")


if __name__ == "__main__":
    main()
