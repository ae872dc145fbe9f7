"""Two built sites compared file by file: the incremental build must equal a clean one."""

from __future__ import annotations

from pathlib import Path


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site: its path (with "/") and bytes, sorted by path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def compare_sites(first: Path, second: Path) -> list[str]:
    """Paths that are missing from one site or hold different bytes (`diff -r`, as a list)."""

    def files(site: Path) -> set[str]:
        return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}

    one, other = files(first), files(second)
    differing = sorted(one ^ other)
    differing += [
        path for path in sorted(one & other) if (first / path).read_bytes() != (second / path).read_bytes()
    ]
    return differing
