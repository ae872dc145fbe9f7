"""Where a project's folders are. Paths default to the fixed layout under the repository root."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"  # the site's settings, read by the engine's loader
# The environment variable mkdocs.yml takes the site's address from (`site_url: !ENV [...]`).
SITE_URL_VARIABLE = "BRIEFING_SITE_URL"


@dataclass(frozen=True)
class Project:
    root: Path
    content: Path
    site_config: Path
    docs: Path  # generated Markdown; git ignores it
    files: Path  # generated files published as they are (feeds, data, citations); git ignores it
    site: Path  # the built HTML site
    mkdocs_yml: Path
    cache: Path  # what builds keep between runs (generator/state.py); git ignores it

    @classmethod
    def at(cls, root: Path, *, docs: Path | None = None, site: Path | None = None) -> Project:
        root = root.resolve()
        return cls(
            root=root,
            content=root / "content",
            site_config=root / "site_config",
            docs=(docs or root / "build" / "docs").resolve(),
            files=((docs.parent / "files") if docs else root / "build" / "files").resolve(),
            site=(site or root / "site").resolve(),
            mkdocs_yml=root / CONFIG_FILE,
            cache=root / "build" / "cache",
        )

    def shown(self, path: Path) -> str:
        """`path` as messages show it: relative to the root when inside it."""
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding mkdocs.yml and content/."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / CONFIG_FILE).is_file() and (folder / "content").is_dir():
            return folder
    return start.resolve()


def briefing_command(argv0: str | None = None) -> str:
    """The `briefing` command as the user can type it here, for hints they copy and paste.

    The README's setup leaves it at `.venv/bin/briefing`, not on PATH, so a hint saying plain
    `briefing check` would fail for a newcomer: name the path they ran, relative when it is below
    the current folder, and plain `briefing` only when that is what PATH finds.
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    if argv0.endswith("__main__.py"):  # `python -m generator`
        return f"{_as_typed(sys.executable)} -m generator"
    if os.sep not in argv0:
        return "briefing"
    on_path = shutil.which("briefing")
    if on_path and Path(on_path).resolve() == Path(argv0).resolve():
        return "briefing"
    return _as_typed(argv0)


def _as_typed(path: str) -> str:
    relative = os.path.relpath(os.path.abspath(path))
    return relative if not relative.startswith("..") else os.path.abspath(path)
