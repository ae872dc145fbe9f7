"""The page cache's keys: what a page's HTML depends on besides its own Markdown and path.

Kept apart from the MkDocs adapter so that it reads as a list of inputs; it takes MkDocs'
config and nav as values and imports nothing of MkDocs.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


def inputs_key(config: Any, nav: Any, modules: Iterable[Path]) -> str:
    """What every page's HTML depends on besides its own Markdown and path."""
    digest = hashlib.sha256()
    for part in engine_versions():
        digest.update(part.encode() + b"\0")
    for module in modules:
        digest.update(module.read_bytes())
    digest.update(Path(config.config_file_path).read_bytes())
    digest.update(settings_key(config).encode())
    for folder in config.theme.dirs:
        if not _inside_installed_package(Path(folder)):  # packages are covered by their versions
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file():
                    digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    for page in nav.pages:
        meta = json.dumps(page.meta, sort_keys=True, default=str)
        digest.update(f"{page.file.src_uri}\0{page.url}\0{page.title}\0{meta}\0".encode())
    digest.update(repr([(item.title, getattr(item, "url", None)) for item in nav.items]).encode())
    return digest.hexdigest()


def settings_key(config: Any) -> str:
    """The loaded configuration's plain values (text, numbers, lists and mappings of them) but
    where its files are (the output folder, the docs folder, the file's own path: a moved or
    restored project builds the same pages): among them those mkdocs.yml takes from the
    environment (`!ENV`, such as `site_url`, which every page's canonical link shows), which the
    file's bytes do not show."""
    plain = {name: _plain(value) for name, value in config.items() if name not in _WHERE}
    return json.dumps({name: value for name, value in plain.items() if value is not _OTHER}, sort_keys=True)


_OTHER = object()  # a value that is not plain data (a theme, a plugin, a function)
_WHERE = frozenset({"site_dir", "docs_dir", "config_file_path"})


def _plain(value: object) -> object:
    """`value` as JSON-ready data, or _OTHER."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        items = [_plain(item) for item in value]
        return _OTHER if _OTHER in items else items
    if isinstance(value, Mapping):
        pairs = {str(key): _plain(item) for key, item in value.items()}
        return _OTHER if _OTHER in pairs.values() else pairs
    return _OTHER


def engine_versions() -> list[str]:
    """Python and every installed distribution: MkDocs, Material, Markdown and its extensions."""
    installed = {
        (dist.metadata["Name"] or "").lower(): dist.version for dist in importlib.metadata.distributions()
    }
    return [sys.version, *(f"{name}=={version}" for name, version in sorted(installed.items()))]


def _inside_installed_package(folder: Path) -> bool:
    return any(part in ("site-packages", "dist-packages") for part in folder.resolve().parts)


def page_key(inputs: str, file: Any, written: str | None = None) -> str:
    """The key of a page's HTML: the inputs, its path and address, and its Markdown, named by
    `written` (what the generator recorded it wrote there, `output_index.written_keys`) or else
    by its bytes, read."""
    digest = hashlib.sha256(f"{inputs}\0{file.src_uri}\0{file.url}\0".encode())
    if written is not None:
        digest.update(b"written\0" + written.encode())
    else:
        digest.update(b"bytes\0" + file.content_bytes)
    return digest.hexdigest()
