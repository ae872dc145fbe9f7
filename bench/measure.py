"""Run one command as a separate process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mib: float  # the process and the children it waited for (Linux ru_maxrss is in KiB)
    cpu_seconds: float = 0.0  # user + system: steadier than wall time on a machine shared with others
    output: str = ""


@dataclass(frozen=True)
class Step:
    """Repeated runs of one step; the median is what the table shows."""

    runs: tuple[Run, ...]

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_rss_mib(self) -> float:
        return max(run.peak_rss_mib for run in self.runs)

    def as_json(self) -> dict[str, object]:
        return {
            "median_s": round(self.seconds, 4),
            "runs_s": [round(run.seconds, 4) for run in self.runs],
            "peak_rss_mib": round(self.peak_rss_mib, 1),
        }


class CommandFailed(Exception):
    pass


def run_once(command: Sequence[str], cwd: Path) -> Run:
    """Run `command` to completion; its rusage comes from wait4, so it is this process alone."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    output = process.stdout.read()  # drain first so a chatty child never blocks on a full pipe
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise CommandFailed(f"{' '.join(command)} exited with {process.returncode}:\n{output[-4000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, output)


def repeat(command: Sequence[str], cwd: Path, times: int, before: Callable[[], object] | None = None) -> Step:
    """Run `command` `times` times, calling `before` (e.g. to clean up) ahead of each run."""
    runs = []
    for _ in range(times):
        if before is not None:
            before()
        runs.append(run_once(command, cwd))
    return Step(tuple(runs))


def snapshot(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its mtime in nanoseconds."""
    found: dict[str, int] = {}
    for current, _subfolders, names in os.walk(folder):
        for name in names:
            path = Path(current, name)
            found[path.relative_to(folder).as_posix()] = path.stat().st_mtime_ns
    return found


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Files added, removed or rewritten between two snapshots."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
