"""Where a project's folders are. Paths default to the fixed layout under the repository root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    content: Path
    site_config: Path
    docs: Path  # generated Markdown; git ignores it
    site: Path  # the built HTML site
    mkdocs_yml: Path

    @classmethod
    def at(cls, root: Path, *, docs: Path | None = None, site: Path | None = None) -> Project:
        root = root.resolve()
        return cls(
            root=root,
            content=root / "content",
            site_config=root / "site_config",
            docs=(docs or root / "build" / "docs").resolve(),
            site=(site or root / "site").resolve(),
            mkdocs_yml=root / "mkdocs.yml",
        )

    def shown(self, path: Path) -> str:
        """`path` as messages show it: relative to the root when inside it."""
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding mkdocs.yml and content/."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    return start.resolve()
