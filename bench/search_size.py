"""Sizes of built files: the largest page, and the search files a site ships."""

from __future__ import annotations

import gzip
from pathlib import Path


def largest_file(folder: Path, suffix: str) -> dict[str, object]:
    """The biggest `suffix` file under `folder`: its path and size in bytes."""
    sizes = [(path.stat().st_size, path) for path in folder.rglob(f"*{suffix}")]
    if not sizes:
        return {"path": None, "bytes": 0}
    size, path = max(sizes)
    return {"path": path.relative_to(folder).as_posix(), "bytes": size}


def search_files(site: Path) -> dict[str, object]:
    """Material's one-file lunr index and Pagefind's folder, whichever the site has."""
    found: dict[str, object] = {}
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():
        data = lunr.read_bytes()
        found["lunr_index"] = {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, mtime=0))}
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        files = [path for path in pagefind.rglob("*") if path.is_file()]
        found["pagefind"] = {"files": len(files), "bytes": sum(path.stat().st_size for path in files)}
    return found
