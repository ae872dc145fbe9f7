"""A failed or interrupted build leaves the previous site byte for byte; output folders are guarded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import record_text
from generator.cli.main import main
from generator.files import MARKER, Tree, UnsafeOutput
from generator.pipeline import check_outputs, generate, load_site_config, publish
from generator.project import Project
from generator.publish.mkdocs import BuiltSite, EngineConfig, build_html

pytestmark = pytest.mark.build  # builds a whole site

GOOD = {"2025/2025-03-04-synthetic-good.md": record_text(body="A synthetic published body.\n")}


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under `folder`, by relative path."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


def build(project: Project, *extra: str) -> int:
    return main(["--root", str(project.root), "build", *extra])


@pytest.fixture
def built(make_archive: Callable[..., Project]) -> tuple[Project, dict[str, bytes | None]]:
    project = make_archive(GOOD)
    assert build(project) == 0
    return project, snapshot(project.site)


def leftovers(project: Project) -> list[str]:
    """What is left beside the site but the spare site, which every build brings up to date."""
    return sorted(
        p.name
        for p in project.site.parent.iterdir()
        if p.name.startswith(".site-") and p.name != ".site-spare"
    )


def test_invalid_record_leaves_the_site(built: tuple[Project, dict[str, bytes | None]]) -> None:
    project, before = built
    (project.content / "2025/2025-03-05-synthetic-bad.md").write_text(record_text(date="2025-13-01"))
    assert build(project) == 1
    assert snapshot(project.site) == before


def test_mkdocs_strict_warning_leaves_the_site(
    built: tuple[Project, dict[str, bytes | None]], capsys: pytest.CaptureFixture[str]
) -> None:
    project, before = built
    broken = record_text(body="See [below](#no-such-anchor).\n")  # the check does not read anchors
    (project.content / "2025/2025-03-05-synthetic-broken-link.md").write_text(broken)
    assert build(project) == 1
    err = capsys.readouterr().err
    assert "Aborted with 1 warnings in strict mode" in err
    assert "MkDocs build failed" in err and "The previous site was left as it was." in err
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_audit_failure_leaves_the_site(
    built: tuple[Project, dict[str, bytes | None]], capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-written page with a raw HTML link to nowhere: MkDocs does not see it, the audit does."""
    project, before = built
    about = project.site_config / "pages/about.md"
    about.write_text(about.read_text() + '\n<a href="../no-such-page/">Broken</a>\n')
    assert build(project) == 1
    err = capsys.readouterr().err
    assert "audit: about/index.html: broken link to no-such-page/index.html" in err
    assert "failed its audit" in err
    assert snapshot(project.site) == before
    assert leftovers(project) == []


@pytest.mark.parametrize(
    "error", [RuntimeError("injected"), KeyboardInterrupt()], ids=["exception", "ctrl-c"]
)
def test_interrupted_build_leaves_the_site(
    built: tuple[Project, dict[str, bytes | None]], error: BaseException
) -> None:
    """The new site is fully built, then the build dies before the swap: nothing changes."""

    def build_then_fail(project: Project, config: EngineConfig, tree: Tree, *args: Any) -> BuiltSite:
        build_html(project, config, tree, *args)
        assert (tree.folder / "index.html").is_file()
        raise error

    project, before = built
    (project.content / "2025/2025-03-05-synthetic-new.md").write_text(record_text(title="Synthetic new one"))
    generated = generate(project)
    with pytest.raises(type(error), match="injected" if isinstance(error, RuntimeError) else None):
        publish(project, generated.checked.archive, load_site_config(project), engine=build_then_fail)
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_a_good_build_replaces_the_site_whole(built: tuple[Project, dict[str, bytes | None]]) -> None:
    project, before = built
    (project.content / "2025/2025-03-04-synthetic-good.md").unlink()
    (project.content / "2025/2025-03-05-synthetic-new.md").write_text(record_text(title="Synthetic new one"))
    assert build(project) == 0
    after = snapshot(project.site)
    assert "briefings/2025-03-05-synthetic-new/index.html" in after
    assert not any(path.startswith("briefings/2025-03-04-synthetic-good") for path in after)
    assert "briefings/2025-03-04-synthetic-good/index.html" in before
    assert leftovers(project) == []


def test_stale_staging_of_a_killed_build_is_removed(built: tuple[Project, dict[str, bytes | None]]) -> None:
    project, _ = built
    stale = project.site.with_name(".site-new-999999999")  # no such process
    stale.mkdir()
    (stale / MARKER).write_text("built site\n")
    (stale / "index.html").write_text("half a site")
    foreign = project.site.with_name(".site-new-999999998")  # not ours: no marker
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not ours")
    assert build(project) == 0
    assert not stale.exists()
    assert (foreign / "keep.txt").read_text() == "not ours"


def test_site_dir_content_is_refused(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_archive(GOOD)
    before = snapshot(project.content)
    assert build(project, "--site-dir", str(project.content)) == 1
    assert "refusing" in capsys.readouterr().err
    assert snapshot(project.content) == before


@pytest.mark.parametrize("where", ["foreign", "inside-content", "root", "site-config"])
def test_site_dir_that_is_not_ours_is_refused(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str], where: str
) -> None:
    project = make_archive(GOOD)
    foreign = project.root.parent / "somebody-elses"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("precious")
    target = {
        "foreign": foreign,
        "inside-content": project.content / "2025" / "site",
        "root": project.root,
        "site-config": project.site_config,
    }[where]
    before = snapshot(project.root.parent)
    assert build(project, "--site-dir", str(target)) == 1
    assert capsys.readouterr().err.startswith("error: ")
    assert snapshot(project.root.parent) == before


def test_docs_folder_pointed_at_content_is_refused(make_archive: Callable[..., Project]) -> None:
    project = make_archive(GOOD)
    before = snapshot(project.content)
    aimed = Project.at(project.root, docs=project.content)
    with pytest.raises(UnsafeOutput, match="was not created by the briefing generator"):
        generate(aimed)
    assert snapshot(project.content) == before


def test_docs_folder_inside_content_is_refused_by_build(make_archive: Callable[..., Project]) -> None:
    project = make_archive(GOOD)
    before = snapshot(project.content)
    inside = Project.at(project.root, docs=project.content / "generated")
    with pytest.raises(UnsafeOutput, match="overlaps"):
        check_outputs(inside)
    assert snapshot(project.content) == before


def test_preview_binds_to_loopback_by_default() -> None:
    """`briefing serve` is covered in test_serve.py; `briefing preview` serves too."""
    from generator.cli.main import _parser

    assert _parser().parse_args(["preview", "content/x.md"]).dev_addr == "127.0.0.1:8000"


def test_ctrl_c_during_a_build_exits_130_and_leaves_the_site(
    built: tuple[Project, dict[str, bytes | None]],
) -> None:
    """A real `briefing build` process, sent SIGINT once its new site is being built.

    On a busy machine the signal can come too late, when the build has already finished: then the
    new site must be whole, and the attempt is made again with more pages to build.
    """
    project, before = built
    for attempt in range(4):
        for day in range(1, 29):  # enough pages that MkDocs is still building when the signal comes
            name = f"2025/2025-04-{day:02d}-synthetic-interrupted-{attempt}-{day}.md"
            text = record_text(title=f"Synthetic interrupted {attempt} {day}", date=f"2025-04-{day:02d}")
            (project.content / name).write_text(text)
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project.root), "build"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # A shell's background job starts with SIGINT ignored, and so would this child: give it
            # the default, as a build run from a terminal has.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        # Signalled once the spare site has the first new page: the engine is placing pages.
        placed = project.site.with_name(".site-spare") / (
            f"briefings/2025-04-01-synthetic-interrupted-{attempt}-1/index.html"
        )
        deadline = time.monotonic() + 60
        while not placed.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err
        assert leftovers(project) == []
        if process.returncode == 130:
            assert snapshot(project.site) == before
            return
        assert process.returncode == 0, err  # finished before the signal: the new site is whole
        assert f"briefings/2025-04-01-synthetic-interrupted-{attempt}-1/index.html" in snapshot(project.site)
        before = snapshot(project.site)
    raise AssertionError("no attempt was interrupted while building")


def test_published_files_are_shared_with_the_generated_ones_but_never_written_through(
    built: tuple[Project, dict[str, bytes | None]],
) -> None:
    """Feeds and data files reach the site by hard link; `generate` replaces them by rename, so
    an edit changes the generated feed and leaves the published one as it was."""
    project, before = built
    feed, docs_feed = project.site / "feed.xml", project.files / "feed.xml"
    assert feed.stat().st_ino == docs_feed.stat().st_ino
    (project.content / "2025/2025-03-05-synthetic-new.md").write_text(record_text(title="Synthetic new one"))
    assert generate(project).report is not None
    assert b"Synthetic new one" in docs_feed.read_bytes()
    assert snapshot(project.site) == before
    assert build(project) == 0
    assert b"Synthetic new one" in feed.read_bytes()


def test_every_published_file_is_readable_as_the_umask_allows(built_fixture_site: Project) -> None:
    # Pages come from the page cache and the sitemap is written by rename: files made by
    # mkstemp are private unless given the mode an ordinary write would give them, and a web
    # server running as another user could then serve nothing.
    umask = os.umask(0o022)
    os.umask(umask)
    files = [path for path in built_fixture_site.site.rglob("*") if path.is_file()]
    assert len(files) > 50
    wrong = [path for path in files if path.stat().st_mode & 0o666 != 0o666 & ~umask]
    assert wrong == []


def test_a_file_with_the_same_bytes_stays_and_any_other_is_linked_anew(tmp_path: Path) -> None:
    """A search bundle indexed again holds mostly the same files anew (`link_same_bytes`): one
    already in the spare site with the same bytes stays as it is; one with other bytes of the
    same size, or none, is linked from the new bundle; what the bundle no longer has goes."""
    bundle, site = tmp_path / "bundle", tmp_path / "site"
    for folder in (bundle, site):
        (folder / "fragment").mkdir(parents=True)
    for name, old, new in [("a.pf", b"same", b"same"), ("b.pf", b"old!", b"new!"), ("c.pf", None, b"c")]:
        (bundle / "fragment" / name).write_bytes(new)
        if old is not None:
            (site / "fragment" / name).write_bytes(old)
    (site / "fragment" / "gone.pf").write_bytes(b"gone")
    before = {name: (site / "fragment" / name).stat().st_ino for name in ("a.pf", "b.pf")}
    tree = Tree(site)
    tree.link_folder(bundle, same_bytes=True)
    tree.prune()
    after = {path.name: path for path in (site / "fragment").iterdir()}
    assert sorted(after) == ["a.pf", "b.pf", "c.pf"]
    assert after["a.pf"].stat().st_ino == before["a.pf"]  # left in place
    for name in ("b.pf", "c.pf"):  # the bundle's own file, hard-linked
        assert after[name].stat().st_ino == (bundle / "fragment" / name).stat().st_ino
    assert {name: path.read_bytes() for name, path in after.items()} == {
        name: (bundle / "fragment" / name).read_bytes() for name in after
    }
    assert tree.changed == 2
