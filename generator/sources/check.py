"""Every published record's source URL and archived copy, checked: what is gone, failing, timed
out or moved, and which sources have no archived copy, each at the line of the record that
gives the address.

The same address in several records is checked once. Addresses are taken host by host in turn,
a few at a time, so that the one-request-per-second-per-host pace holds up one host's queue,
not the whole run; what a run finds is remembered (`memory.py`) as it goes, so an interrupted
run keeps what it checked.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.problems import Problem
from generator.records.record import Record
from generator.sources.addresses import Resolve, Vet, allow_all, refusal, resolve
from generator.sources.fetch import Limits, Outcome, check_url
from generator.sources.memory import Memory
from generator.sources.pace import HostPace

WORKERS = 4  # requests at a time
SAVE_EVERY = 50  # results between two saves of the memory


@dataclass(frozen=True)
class Address:
    """A URL as one record gives it: its source (`archived` False) or its archived copy."""

    url: str
    path: str
    line: int
    archived: bool


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    url: str
    kind: str  # an Outcome's kind (never "ok"), or "no archived copy"
    what: str  # the words printed before the URL
    archived: bool = False
    status: int | None = None
    moved_to: str | None = None

    def as_text(self) -> str:
        return f"{self.path}:{self.line}: {self.what} {self.url}"

    def as_problem(self) -> Problem:
        return Problem(self.path, self.line, f"{self.what} {self.url}", "warning")


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    records: int
    addresses: int  # distinct URLs
    remembered: int  # of them, answered from the last week's results


def addresses_of(records: Iterable[Record]) -> list[Address]:
    found = []
    for record in records:
        source = record.meta.source
        if source.url:
            found.append(Address(source.url, record.path, record.line_of("source", "url"), False))
        if source.archived:
            found.append(Address(source.archived, record.path, record.line_of("source", "archived"), True))
    return found


def check_sources(
    records: Sequence[Record],
    limits: Limits,
    memory: Memory,
    *,
    allow_private: bool = False,
    pace: HostPace | None = None,
    vet: Vet | None = None,
    lookup: Resolve = resolve,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Check every address of `records`; `progress(done, total)` hears of each one checked."""
    addresses = addresses_of(records)
    urls = list(dict.fromkeys(address.url for address in addresses))
    outcomes: dict[str, Outcome] = {}
    for url in urls:
        if (known := memory.recall(url)) is not None:
            outcomes[url] = known
    pending = _host_by_host([url for url in urls if url not in outcomes])
    pace = pace or HostPace()
    vetting = vet or (allow_all if allow_private else refusal)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {pool.submit(check_url, url, limits, pace, vetting, lookup): url for url in pending}
        try:
            for done, future in enumerate(as_completed(futures), 1):
                url = futures[future]
                outcomes[url] = future.result()
                memory.keep(url, outcomes[url])
                if done % SAVE_EVERY == 0:
                    memory.save()
                if progress is not None:
                    progress(done, len(pending))
        finally:
            for future in futures:
                future.cancel()  # when interrupted: start nothing more
            memory.save()
    findings = [finding for a in addresses if (finding := _finding(a, outcomes[a.url])) is not None]
    findings += [
        Finding(
            r.path,
            r.line_of("source", "url"),
            str(r.meta.source.url),
            "no archived copy",
            "no archived copy of",
        )
        for r in records
        if r.meta.source.url and not r.meta.source.archived
    ]
    return Report(tuple(sorted(findings, key=_order)), len(records), len(urls), memory.remembered)


def _order(finding: Finding) -> tuple[str, int, str]:
    return (finding.path, finding.line, finding.what)


def _finding(address: Address, outcome: Outcome) -> Finding | None:
    if outcome.kind == "ok":
        return None
    if outcome.kind == "moved":
        what = f"moved permanently (now {outcome.moved_to})"
    elif outcome.kind == "refused":
        what = f"not checked: {outcome.detail} (--allow-private checks it)"
    else:
        what = f"{outcome.kind} ({outcome.detail})"
    if address.archived:
        what = "archived copy " + what
    return Finding(
        address.path,
        address.line,
        address.url,
        outcome.kind,
        what,
        address.archived,
        outcome.status,
        outcome.moved_to,
    )


def _host_by_host(urls: list[str]) -> list[str]:
    """`urls` reordered to take each host in turn: a, b, c, a, b, a …"""
    by_host: dict[str, list[str]] = collections.defaultdict(list)
    for url in urls:
        by_host[(urlsplit(url).hostname or "").lower()].append(url)
    rounds = itertools.zip_longest(*by_host.values())
    return [url for round_ in rounds for url in round_ if url is not None]


def summary(report: Report) -> str:
    """One line: how much was checked and how much of it is wrong."""
    counts = collections.Counter(finding.kind for finding in report.findings)
    words = {
        "gone": "gone",
        "failing": "failing",
        "timed out": "timed out",
        "moved": "moved",
        "refused": "not checked (private)",
        "no archived copy": "without an archived copy",
    }
    found = ", ".join(f"{counts[kind]} {word}" for kind, word in words.items() if counts[kind])
    remembered = f" ({report.remembered} as found within the last week)" if report.remembered else ""
    noun = "record" if report.records == 1 else "records"
    if not report.addresses:
        return f"{report.records} {noun}: no source address to check."
    # Counted by address; a finding is counted at each record that gives it, as it is printed.
    return (
        f"{report.records} {noun}, {report.addresses} address(es){remembered}: "
        f"{found or 'every one answered'}."
    )
