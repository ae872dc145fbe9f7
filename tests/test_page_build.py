"""The page-by-page MkDocs build (publish/mkdocs_pages.py): the same bytes as MkDocs' own build.

Pages rendered in forked workers, and pages taken from the page cache, must give exactly the
site `mkdocs build` gives; a cached page must still fail the build when a link in it breaks;
each option of mkdocs.yml it reproduces gives MkDocs' own site, and any other runs MkDocs' build.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from conftest import fixture_records
from generator.files import Tree
from generator.pipeline import generate, load_site_config
from generator.project import Project
from generator.publish import mkdocs_pages, nav_section
from generator.publish.mkdocs import quiet_mkdocs_logging
from generator.publish.mkdocs_internals import LOGGER
from generator.publish.mkdocs_pages import COVERED, BuiltPages, build_site, uncovered_options
from generator.publish.page_cache import load_index
from site_compare import compare_sites
from synthetic_archive import write_archive


def _config(root: Path, docs: Path, site: Path, hooks: tuple[str, ...] = ()) -> MkDocsConfig:
    return load_config(
        str(root / "mkdocs.yml"), strict=True, docs_dir=str(docs), site_dir=str(site), hooks=list(hooks)
    )


def _build_site(config: MkDocsConfig, cache: Path) -> BuiltPages:
    """The page-by-page build into the config's site folder, as `briefing build` brings its spare
    site up to date: what is already in place stays, what is not made this time goes."""
    tree = Tree(Path(config.site_dir))
    built = build_site(config, cache, tree, lambda data, page: {"size": len(data)})
    tree.prune()
    return built


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
    _build_site(_config(synthetic.root, synthetic.docs, tmp_path / "cold"), cache)
    assert compare_sites(tmp_path / "mkdocs", tmp_path / "cold") == []
    pages = load_index(cache)
    assert len(pages) > 150  # every briefing page and every listing entered the cache
    # The audit's facts of every page came from its HTML as it was rendered.
    html = tmp_path / "cold" / "index.html"
    assert pages["index.md"].facts == {"size": html.stat().st_size}

    # One briefing's Markdown changes: only that page is rendered again; the site is still MkDocs'.
    edited = sorted((synthetic.docs / "briefings").glob("*.md"))[40]
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original.replace("## Cite this briefing", "Edited.\n\n## Cite this briefing"))
    try:
        _build_site(_config(synthetic.root, synthetic.docs, tmp_path / "warm"), cache)
        build(_config(synthetic.root, synthetic.docs, tmp_path / "mkdocs-edited", MKDOCS_HOOKS))
        assert compare_sites(tmp_path / "mkdocs-edited", tmp_path / "warm") == []
        # Brought up to date in place, the first site becomes the edited one too.
        _build_site(_config(synthetic.root, synthetic.docs, tmp_path / "cold"), cache)
        assert compare_sites(tmp_path / "mkdocs-edited", tmp_path / "cold") == []
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
        logging.getLogger(LOGGER).addHandler(self)
        return self

    def __exit__(self, *_: object) -> None:
        logging.getLogger(LOGGER).removeHandler(self)


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
    _build_site(_config(root, root / "docs", tmp_path / "one"), cache)
    (root / "docs" / "notes" / "b.md").unlink()  # a.md itself is unchanged: its key is the same
    with _Messages() as messages, pytest.raises(Abort):
        _build_site(_config(root, root / "docs", tmp_path / "two"), cache)
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
    _build_site(_config(root, root / "docs", tmp_path / "one"), cache)
    (root / "docs" / "notes" / "b.md").write_text("# B\n\n## Renamed\n\nText.\n", encoding="utf-8")
    with _Messages() as messages, pytest.raises(Abort):
        _build_site(_config(root, root / "docs", tmp_path / "two"), cache)
    assert messages.lines == [
        "Doc file 'notes/a.md' contains a link 'b.md#part', but the doc 'notes/b.md' "
        "does not contain an anchor '#part'."
    ]
    # Put the anchor back: the next build passes, and matches MkDocs' own.
    (root / "docs" / "notes" / "b.md").write_text("# B\n\n## Part\n\nText.\n", encoding="utf-8")
    _build_site(_config(root, root / "docs", tmp_path / "three"), cache)
    build(_config(root, root / "docs", tmp_path / "mkdocs", MKDOCS_HOOKS))
    assert compare_sites(tmp_path / "mkdocs", tmp_path / "three") == []
    shutil.rmtree(tmp_path / "two", ignore_errors=True)


# Each option of mkdocs.yml the page-by-page build reproduces (`COVERED`), set to something other
# than its default in a small Material site: (mkdocs.yml lines, extra docs files).
TINY = "site_name: Tiny\ntheme:\n  name: material\n  font: false\nplugins: []\n"
COVERED_CASES: dict[str, tuple[str, dict[str, str]]] = {
    "site_name": ("site_name: Another name\n", {}),
    "site_url": ("site_url: https://example.org/tiny/\n", {}),
    "site_description": ("site_description: A description of the tiny site.\n", {}),
    "site_author": ("site_author: A. Curator\n", {}),
    "copyright": ("copyright: Tiny's curators\n", {}),
    "repo_url": ("repo_url: https://github.com/example-org/tiny\n", {}),
    "repo_name": ("repo_url: https://git.example.org/tiny\nrepo_name: example-org/tiny\n", {}),
    "edit_uri": ("repo_url: https://git.example.org/tiny\nedit_uri: edit/main/docs/\n", {}),
    "edit_uri_template": (
        "repo_url: https://git.example.org/tiny\nedit_uri_template: 'src/main/docs/{path!q}'\n",
        {},
    ),
    "docs_dir": ("docs_dir: pages\n", {}),  # the build points it at another folder (see _covered_site)
    "site_dir": ("site_dir: public\n", {}),
    "use_directory_urls": ("use_directory_urls: false\n", {}),
    "nav": ("nav:\n  - Start: index.md\n  - Notes:\n      - notes/a.md\n      - notes/b.md\n", {}),
    "not_in_nav": ("nav:\n  - index.md\nnot_in_nav: |\n  /notes/\n", {}),
    "exclude_docs": ("exclude_docs: |\n  /drafts/\n", {"drafts/c.md": "# C\n\nNot published.\n"}),
    "draft_docs": ("draft_docs: |\n  /drafts/\n", {"drafts/c.md": "# C\n\nA draft.\n"}),
    "theme": (
        "theme:\n  name: material\n  font: false\n  language: de\n  features: [navigation.tabs]\n"
        "  palette:\n    primary: red\n",
        {},
    ),
    "extra": ("extra:\n  homepage: https://example.org/\n  generator: false\n", {}),
    "extra_css": ("extra_css: [tiny.css]\n", {"tiny.css": "body { color: #123; }\n"}),
    "extra_javascript": ("extra_javascript: [tiny.js]\n", {"tiny.js": "console.log('tiny');\n"}),
    "extra_templates": (
        "site_url: https://example.org/tiny/\nextra_templates: [robots.txt]\n",
        {"robots.txt": "User-agent: *\nSitemap: {{ config.site_url }}sitemap.xml\n"},
    ),
    "markdown_extensions": (
        "markdown_extensions:\n  - admonition\n  - attr_list\n",
        {"notes/box.md": "# Box\n\n!!! note\n    Inside.\n\nText {: .big }\n"},
    ),
    "mdx_configs": ("markdown_extensions:\n  - toc:\n      permalink: '#'\n", {}),
    "validation": (
        "validation:\n  links:\n    anchors: info\n",
        {"notes/d.md": "# D\n\nSee [B's part](b.md#nowhere).\n"},
    ),
    "strict": ("strict: false\n", {"notes/e.md": "# E\n\nSee [nothing](nothing.md).\n"}),
}
COVERED_PAGES = {
    "index.md": "# Home\n\nSee [a note](notes/a.md).\n",
    "notes/a.md": "# A\n\nSee [B](b.md#part).\n",
    "notes/b.md": "# B\n\n## Part\n\nText.\n",
    "images/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
}


def test_every_covered_option_has_a_parity_case() -> None:
    assert set(COVERED_CASES) == COVERED


def _covered_site(root: Path, option: str) -> tuple[Path, bool]:
    """A tiny site setting `option`, its docs folder, and whether the build is strict."""
    lines, extra_files = COVERED_CASES[option]
    folder = "pages" if option == "docs_dir" else "docs"
    for path, text in {**COVERED_PAGES, **extra_files}.items():
        (root / folder / path).parent.mkdir(parents=True, exist_ok=True)
        (root / folder / path).write_text(text, encoding="utf-8")
    base = TINY if option != "theme" else TINY.split("theme:")[0] + "plugins: []\n"
    (root / "mkdocs.yml").write_text(base + lines, encoding="utf-8")
    return root / folder, option != "strict"


@pytest.mark.parametrize("option", sorted(COVERED))
def test_the_page_by_page_build_equals_mkdocs_own_for_each_covered_option(
    option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735603200")
    root = tmp_path / "tiny"
    docs, strict = _covered_site(root, option)

    def config(site: Path) -> MkDocsConfig:
        return load_config(str(root / "mkdocs.yml"), strict=strict, docs_dir=str(docs), site_dir=str(site))

    by_pages = config(tmp_path / "pages")
    assert uncovered_options(by_pages) == []  # the page-by-page build, not the fallback
    _build_site(by_pages, tmp_path / "cache")
    build(config(tmp_path / "mkdocs"))
    assert compare_sites(tmp_path / "mkdocs", tmp_path / "pages") == []
    if option == "extra_templates":
        robots = (tmp_path / "pages" / "robots.txt").read_text(encoding="utf-8")
        assert robots == "User-agent: *\nSitemap: https://example.org/tiny/sitemap.xml"  # as Jinja ends it
        assert "{{ config.site_url }}" in (docs / "robots.txt").read_text(
            encoding="utf-8"
        )  # not written through


def test_an_option_or_hook_it_does_not_reproduce_runs_mkdocs_own_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hook of the site's own still runs: the build is then MkDocs' `build()`, plugins and all."""
    root = tmp_path / "tiny"
    _tiny_project(root, {"index.md": "# Home\n"})
    (root / "stamp.py").write_text(
        "def on_page_markdown(markdown, **kwargs):\n    return markdown + '\\n\\nStamped by a hook.\\n'\n",
        encoding="utf-8",
    )
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - stamp.py\n")
    loaded = load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    assert uncovered_options(loaded) == ["hooks"]
    built: list[MkDocsConfig] = []

    def recorded(config: MkDocsConfig) -> None:
        built.append(config)
        build(config)

    monkeypatch.setattr(mkdocs_pages, "build", recorded)
    _build_site(loaded, tmp_path / "cache")
    assert len(built) == 1
    assert "Stamped by a hook." in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_briefing_build_with_a_hook_of_the_site_s_own_is_searchable_and_audited(tmp_path: Path) -> None:
    """MkDocs' own `build()` in `briefing build`: the search index is still made (from the pages in
    the folder) and the audit passes; the hook ran on every page."""
    from generator.cli.main import main

    root = tmp_path / "archive"
    write_archive(root, 30)  # synthetic records (tests/synthetic_archive.py)
    (root / "stamp.py").write_text(
        "def on_page_markdown(markdown, **kwargs):\n    return markdown + '\\n\\nStamped by a hook.\\n'\n",
        encoding="utf-8",
    )
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("hooks:\n", "hooks:\n  - stamp.py\n", 1), encoding="utf-8"
    )
    assert uncovered_options(load_site_config(Project.at(root)).engine) == ["hooks"]
    assert main(["--root", str(root), "build"]) == 0
    site = root / "site"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    fragments = list((site / "pagefind" / "fragment").iterdir())
    assert len(fragments) >= 30  # every briefing, and the other searched pages
    briefings = sorted((site / "briefings").glob("*/index.html"))
    assert len(briefings) == 30
    assert all("Stamped by a hook." in page.read_text(encoding="utf-8") for page in briefings)


def test_the_archive_s_own_settings_take_the_page_by_page_build(make_archive: Callable[..., Project]) -> None:
    """Its hook becomes the nav-section highlight that the page-by-page build does itself."""
    config = load_site_config(make_archive({})).engine
    assert list(config.plugins.values()) == [nav_section]
    assert uncovered_options(config) == []


def test_an_mkdocs_other_than_the_one_its_private_parts_were_read_from_is_refused(
    make_archive: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page-by-page build uses private functions of MkDocs 1.6.1 (or ProperDocs 1.6.7,
    mkdocs_internals.py): another version is refused before anything is built, in one line
    saying what to do, and the published site stays as it was."""
    from generator.cli.main import main
    from generator.publish import mkdocs_internals

    project = make_archive(fixture_records())
    talks = project.content / "2025-01-15-test-talks-round.md"
    assert main(["--root", str(project.root), "build"]) == 0
    published = {path: path.read_bytes() for path in sorted(project.site.rglob("*")) if path.is_file()}
    talks.write_text(talks.read_text().replace("Synthetic body about talks.", "Changed body."))
    monkeypatch.setattr(mkdocs_internals, "version", lambda name: "1.7.0")
    capsys.readouterr()
    assert main(["--root", str(project.root), "build"]) == 1
    said = capsys.readouterr()
    assert f"{mkdocs_internals.ENGINE} 1.7.0 is installed" in said.err
    assert "generator/publish/mkdocs_internals.py" in said.err
    assert "Traceback" not in said.out + said.err
    after = {path: path.read_bytes() for path in sorted(project.site.rglob("*")) if path.is_file()}
    assert after == published
