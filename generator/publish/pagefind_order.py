"""Pagefind's filter files in a fixed order, so the same site always gives the same bytes.

Pagefind 1.5 writes the values of each filter, and the list of filters in its metadata file,
in hash-map order, which changes from run to run; the word index itself is stable. This
rewrites each filter file with its values sorted, names it by its content, and puts the
filters of the metadata file in name order under the new names. The files are gzip-compressed
CBOR after a `pagefind_dcd` signature; a filter file is `[name, [[value, [page, …]], …]]`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def _read(data: bytes, at: int) -> tuple[Any, int]:
    """The CBOR item at `at` (unsigned integers, text and arrays only) and where it ends."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    if major == 0:
        return value, at
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _read(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unexpected CBOR major type {major} in a Pagefind filter")


def _head(major: int, value: int) -> bytes:
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 24:
            return bytes([major << 5 | value])
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("number too large for CBOR")


def _write(item: Any) -> bytes:
    if isinstance(item, int):
        return _head(0, item)
    if isinstance(item, str):
        encoded = item.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    return _head(4, len(item)) + b"".join(_write(part) for part in item)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def order_filters(bundle: Path) -> None:
    """Rewrite the filter files and the metadata file of the Pagefind `bundle` folder in order."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        old_meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = gzip.decompress(old_meta.read_bytes())
        renamed: dict[str, tuple[str, str]] = {}  # filter name → (old hash, new hash)
        prefix = language["hash"].split("_")[0] + "_"
        for path in sorted((bundle / "filter").glob(f"{prefix}*.pf_filter")):
            name, values = _read(gzip.decompress(path.read_bytes())[len(SIGNATURE) :], 0)[0]
            ordered = SIGNATURE + _write([name, sorted([value, sorted(pages)] for value, pages in values)])
            new_hash = prefix + hashlib.sha256(ordered).hexdigest()[: len(path.stem) - len(prefix)]
            path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(_gzip(ordered))
            renamed[name] = (path.stem, new_hash)
        entries = {name: _write([name, old]) for name, (old, _) in renamed.items()}
        starts = sorted(meta.index(encoded) for encoded in entries.values())
        end = max(meta.index(encoded) + len(encoded) for encoded in entries.values())
        block = b"".join(_write([name, renamed[name][1]]) for name in sorted(renamed))
        if starts and end - starts[0] != len(block):
            raise ValueError("Pagefind's metadata file does not list its filters together")
        if starts:
            meta = meta[: starts[0]] + block + meta[end:]
        new_meta_hash = prefix + hashlib.sha256(meta).hexdigest()[: len(language["hash"]) - len(prefix)]
        old_meta.unlink()
        (bundle / f"pagefind.{new_meta_hash}.pf_meta").write_bytes(_gzip(meta))
        language["hash"] = new_meta_hash
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
