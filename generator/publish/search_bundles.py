"""One Pagefind bundle per part of the site, each built only when its pages changed.

Pagefind holds its whole index in memory (about 160 KB per page: 1.8 GB at 10,000 records)
and re-indexes every page on every run. Split into parts (a part per year of briefings, and
one for the other pages), the largest part bounds the memory, and after an edit only the parts
whose pages changed are indexed again; the browser merges the bundles (`mergeIndex`).

A bundle is kept in `build/cache/search/<key>/`, where the key hashes everything Pagefind
reads: its version, its options, and each page's path and bytes. A bundle folder is complete
once renamed there and is never modified afterwards: the staging site hard-links its files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.files import Tree, link_into
from generator.publish.pagefind_order import order_filters

# The page's article only: not the navigation, header or footer that every page repeats, nor
# the "¶" permalinks beside headings, nor the page's title (its h1): Pagefind still takes that
# as the result's title and searches it as metadata, and an excerpt then starts in the text.
OPTIONS = (
    "--root-selector", "article.md-content__inner",
    "--exclude-selectors", ".headerlink, .md-source-file, h1",
    "--force-language", "en",
)  # fmt: skip
# What the browser needs of a merged bundle: the first bundle's script and wasm serve them all.
INDEX_FILES = ("pagefind-entry.json", ".pf_meta")
INDEX_FOLDERS = ("index", "filter", "fragment")


class BundleFailed(Exception):
    pass


@dataclass(frozen=True)
class Part:
    """Pages indexed together: `name` is the bundle's folder under pagefind/ ("" for the first)."""

    name: str
    pages: tuple[str, ...]  # site-relative paths of HTML files, sorted


def bundle_key(site: Path, part: Part, known: Mapping[str, str] | None = None) -> str:
    """A hash of everything Pagefind reads for `part`: the same key, the same bundle bytes. A
    page is named by its key in `known` (the page cache's: a digest of all it is made from)
    when given, else by a hash of its bytes."""
    digest = hashlib.sha256()
    digest.update(f"{_pagefind_version()}\0{OPTIONS}\0{part.name}\0".encode())
    for page in part.pages:
        identity = known.get(page) if known is not None else None
        if identity is None:
            identity = hashlib.sha256((site / page).read_bytes()).hexdigest()
        digest.update(f"{page}\0{identity}\0".encode())
    return digest.hexdigest()[:32]


def build_bundle(site: Path, part: Part, cache: Path, key: str) -> Path:
    """The bundle of `part` in `cache`: reused when its key is there, else indexed now."""
    done = cache / key
    if (done / "pagefind-entry.json").is_file():
        return done
    work = cache / f"tmp-{os.getpid()}-{key}"
    shutil.rmtree(work, ignore_errors=True)
    try:
        pages, output = work / "site", work / "bundle"
        for page in part.pages:  # only the part's pages, at their own paths: the URLs stay right
            link_into(site / page, str(pages / page))
        _run_pagefind(pages, output)
        order_filters(output)  # Pagefind writes filters in hash-map order: same site, other bytes
        if part.name:
            _keep_index_only(output)
        shutil.rmtree(done, ignore_errors=True)  # an incomplete folder left by a killed build
        output.rename(done)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return done


def link_bundle(bundle: Path, tree: Tree, under: str) -> None:
    """Hard-link every file of `bundle` into `tree` under `under` (never written through). A
    bundle indexed again after an edit names nearly all its files by their content, as before
    (Pagefind's fragments and chunks: 10,380 of 10,381 at 10,000 records), so a file whose bytes
    are already there is left in place rather than linked anew."""
    tree.link_folder(bundle, under, same_bytes=True)


def prune(cache: Path, keep: Sequence[str]) -> None:
    """Remove the bundles this build did not use (and leftovers of killed builds)."""
    if not cache.is_dir():
        return
    for entry in cache.iterdir():
        if entry.name not in keep and not entry.name.startswith(f"tmp-{os.getpid()}-"):
            shutil.rmtree(entry, ignore_errors=True)


def _run_pagefind(pages: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output)]
    done = subprocess.run([*command, *OPTIONS, "--silent"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BundleFailed(f"pagefind exited with {done.returncode}: {(done.stderr or done.stdout).strip()}")


def _keep_index_only(output: Path) -> None:
    for item in output.iterdir():
        if item.is_file() and not item.name.endswith(INDEX_FILES):
            item.unlink()
        elif item.is_dir() and item.name not in INDEX_FOLDERS:
            shutil.rmtree(item)


def _pagefind_version() -> str:
    from importlib.metadata import version

    return version("pagefind")
