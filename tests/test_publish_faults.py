"""I/O faults on the publish path: one line, exit 1, the site as it was; the next build is right.

Each fault is injected where the new publish path writes (the page cache, the staging site, the
sitemap, the audit's cache, the swap) or reads (a docs file that vanished), by a monkeypatched writer that raises `OSError` at
its Nth call. The fault is then removed and the next `briefing build` must give the same bytes as
a clean build of the same archive.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import get_files

from generator import files
from generator.cli.main import main
from generator.files import Tree, link_into, write_atomically
from generator.project import Project
from generator.publish import audit_cache, mkdocs_pages, page_cache, search_bundles, swap
from generator.state import save_state
from site_compare import compare_sites
from synthetic_archive import edit_summary, write_archive


def _build(root: Path) -> int:
    return main(["--root", str(root), "build"])


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("faults") / "archive"
    write_archive(root, 90)  # synthetic records (tests/synthetic_archive.py)
    assert _build(root) == 0
    return root


@pytest.fixture
def archive(built_once: Path, tmp_path: Path) -> Project:
    """A copy of the built archive (site, caches and all), with one record's summary edited."""
    root = tmp_path / "archive"
    shutil.copytree(built_once, root, symlinks=True)
    for _ in range(3):
        edit_summary(root)  # the same record three times: its page and listings render again
    return Project.at(root)


def _fails_at(call: int, fault: OSError, real: Callable[..., Any]) -> Callable[..., Any]:
    calls = 0

    def writer(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls >= call:
            raise fault
        return real(*args, **kwargs)

    return writer


def _site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def _vanishing_docs_file(real: Callable[..., Any]) -> Callable[..., Any]:
    def listed_then_gone(config: Any) -> Any:
        files = real(config)
        Path(config.docs_dir, "about.md").unlink()
        return files

    return listed_then_gone


FAULTS = {
    "disk full in the page cache": (
        page_cache, "write_atomically", lambda: _fails_at(2, OSError(errno.ENOSPC, "No space left on device", "build/cache/html/pages/x.html"), write_atomically),
        "error: build/cache/html/pages/x.html: No space left on device.",
    ),
    "permission denied in the spare site": (
        files, "link_into", lambda: _fails_at(30, PermissionError(errno.EACCES, "Permission denied", ".site-spare/briefings/x/index.html"), link_into),
        "error: .site-spare/briefings/x/index.html: Permission denied.",
    ),
    "disk full in the search index's cache": (
        search_bundles, "link_into", lambda: _fails_at(40, OSError(errno.ENOSPC, "No space left on device", "build/cache/search/x/site/briefings/y/index.html"), link_into),
        "error: build/cache/search/x/site/briefings/y/index.html: No space left on device.",
    ),
    "a read-only folder at the swap": (
        swap, "_swap_in", lambda: _fails_at(1, OSError(errno.EROFS, "Read-only file system", "site"), swap._swap_in),
        "error: site: Read-only file system.",
    ),
    "disk full in the audit's cache": (
        audit_cache, "save_state", lambda: _fails_at(1, OSError(errno.ENOSPC, "No space left on device", "build/cache/audit.json"), save_state),
        "error: build/cache/audit.json: No space left on device.",
    ),
    "a read-only folder for the sitemap": (
        Tree, "write", lambda: _fails_at(1, OSError(errno.EROFS, "Read-only file system", ".site-spare/sitemap.xml"), Tree.write),
        "error: .site-spare/sitemap.xml: Read-only file system.",
    ),
    "a docs file that vanished": (
        mkdocs_pages, "get_files", lambda: _vanishing_docs_file(get_files),
        "about.md: No such file or directory.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_an_io_fault_is_one_line_and_the_next_build_is_right(
    fault: str,
    archive: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    module, name, make_writer, expected = FAULTS[fault]
    before = _site_files(archive.site)
    capsys.readouterr()
    with monkeypatch.context() as patched:
        patched.setattr(module, name, make_writer())
        assert _build(archive.root) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert expected in lines[0] and lines[0].startswith("error: ")
    assert lines[0].endswith("Nothing was published; the site was left as it was.")
    assert "Traceback" not in err
    assert _site_files(archive.site) == before
    # Nothing is left beside the site but the spare site, which the next build brings up to date.
    assert [p.name for p in archive.site.parent.iterdir() if p.name.startswith(".site-")] in (
        [],
        [".site-spare"],
    )

    # The fault is gone: the next build publishes the edit, byte for byte a clean build's site.
    assert _build(archive.root) == 0
    clean = tmp_path / "clean"
    for folder in ("content", "site_config"):
        shutil.copytree(archive.root / folder, clean / folder)
    for file in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(archive.root / file, clean / file)
    assert _build(clean) == 0
    assert compare_sites(archive.site, clean / "site") == []
    assert "Edited. Edited. Edited." in (archive.site / "data" / "briefings.json").read_text(encoding="utf-8")
