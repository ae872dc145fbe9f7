"""The page-by-page MkDocs build (publish/mkdocs_pages.py): the same bytes as MkDocs' own build.

Pages rendered in forked workers, and pages taken from the page cache, must give exactly the
site `mkdocs build` gives; and a cached page must still fail the build when a link in it breaks.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.pipeline import generate
from generator.project import Project
from generator.publish import nav_section
from generator.publish.mkdocs import quiet_mkdocs_logging
from generator.publish.mkdocs_pages import build_site
from generator.publish.page_cache import load_index
from site_compare import compare_sites
from synthetic_archive import write_archive


def _config(root: Path, docs: Path, site: Path, hooks: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return load_config(
        str(root / "mkdocs.yml"), strict=True, docs_dir=str(docs), site_dir=str(site), hooks=list(hooks)
    )


# MkDocs' own build, as `mkdocs build` runs it: with the hook that highlights each generated
# page's section in the nav, which the page-by-page build does itself.
MKDOCS_HOOKS = (nav_section.__file__,)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("pages") / "archive"
    write_archive(root, 150)  # synthetic records (tests/synthetic_archive.py)
    project = Project.at(root)
    assert generate(project).report is not None
    return project


def test_workers_and_cache_give_mkdocs_own_bytes(
    synthetic: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735603200")
    quiet_mkdocs_logging()
    build(_config(synthetic.root, synthetic.docs, tmp_path / "mkdocs", MKDOCS_HOOKS))
    cache = tmp_path / "cache"
    build_site(_config(synthetic.root, synthetic.docs, tmp_path / "cold"), cache)
    assert compare_sites(tmp_path / "mkdocs", tmp_path / "cold") == []
    pages = load_index(cache)
    assert len(pages) > 150  # every briefing page and every listing entered the cache

    # One briefing's Markdown changes: only that page is rendered again; the site is still MkDocs'.
    edited = sorted((synthetic.docs / "briefings").glob("*.md"))[40]
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original.replace("## Cite this briefing", "Edited.\n\n## Cite this briefing"))
    try:
        build_site(_config(synthetic.root, synthetic.docs, tmp_path / "warm"), cache)
        build(_config(synthetic.root, synthetic.docs, tmp_path / "mkdocs-edited", MKDOCS_HOOKS))
        assert compare_sites(tmp_path / "mkdocs-edited", tmp_path / "warm") == []
        after = load_index(cache)
        changed = sorted(path for path in pages if after[path].key != pages[path].key)
        assert changed == [f"briefings/{edited.name}"]
        warm_page = tmp_path / "warm" / "briefings" / edited.stem / "index.html"
        assert "Edited." in warm_page.read_text(encoding="utf-8")
        # An unchanged page is the cached file itself, hard-linked: never written in place.
        same = sorted((tmp_path / "warm" / "briefings").glob("*/index.html"))[0]
        assert same.stat().st_nlink >= 2
    finally:
        edited.write_text(original, encoding="utf-8")


class _Messages(logging.Handler):
    """MkDocs' log lines (its logger does not propagate to pytest's capture once quieted)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def __enter__(self) -> _Messages:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *_: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


def _tiny_project(root: Path, pages: dict[str, str]) -> None:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Tiny\ntheme:\n  name: material\n  font: false\nplugins: []\n"
        "nav:\n  - Home: index.md\nnot_in_nav: |\n  /notes/\n"
        "validation:\n  anchors: warn\n  unrecognized_links: warn\n",
        encoding="utf-8",
    )
    for path, text in pages.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")


def test_a_cached_page_fails_the_build_when_its_link_target_goes(tmp_path: Path) -> None:
    root = tmp_path / "tiny"
    notes = {f"notes/n{n}.md": f"# Note {n}\n\nText {n}.\n" for n in range(60)}  # enough for workers
    _tiny_project(root, {"index.md": "# Home\n", **notes, "notes/a.md": "# A\n\nSee [B](b.md).\n",
                         "notes/b.md": "# B\n\n## Part\n\nText.\n"})  # fmt: skip
    cache = tmp_path / "cache"
    build_site(_config(root, root / "docs", tmp_path / "one"), cache)
    (root / "docs" / "notes" / "b.md").unlink()  # a.md itself is unchanged: its key is the same
    with _Messages() as messages, pytest.raises(Abort):
        build_site(_config(root, root / "docs", tmp_path / "two"), cache)
    assert messages.lines == [
        "Doc file 'notes/a.md' contains a link 'b.md', but the target 'notes/b.md' is not found "
        "among documentation files."
    ]


def test_a_cached_page_fails_the_build_when_the_anchor_it_links_to_goes(tmp_path: Path) -> None:
    root = tmp_path / "tiny"
    notes = {f"notes/n{n}.md": f"# Note {n}\n\nText {n}.\n" for n in range(60)}
    _tiny_project(root, {"index.md": "# Home\n", **notes, "notes/a.md": "# A\n\nSee [B](b.md#part).\n",
                         "notes/b.md": "# B\n\n## Part\n\nText.\n"})  # fmt: skip
    cache = tmp_path / "cache"
    build_site(_config(root, root / "docs", tmp_path / "one"), cache)
    (root / "docs" / "notes" / "b.md").write_text("# B\n\n## Renamed\n\nText.\n", encoding="utf-8")
    with _Messages() as messages, pytest.raises(Abort):
        build_site(_config(root, root / "docs", tmp_path / "two"), cache)
    assert messages.lines == [
        "Doc file 'notes/a.md' contains a link 'b.md#part', but the doc 'notes/b.md' "
        "does not contain an anchor '#part'."
    ]
    # Put the anchor back: the next build passes, and matches MkDocs' own.
    (root / "docs" / "notes" / "b.md").write_text("# B\n\n## Part\n\nText.\n", encoding="utf-8")
    build_site(_config(root, root / "docs", tmp_path / "three"), cache)
    build(_config(root, root / "docs", tmp_path / "mkdocs", MKDOCS_HOOKS))
    assert compare_sites(tmp_path / "mkdocs", tmp_path / "three") == []
    shutil.rmtree(tmp_path / "two", ignore_errors=True)
