"""MkDocs' build, page by page: pages rendered on every core, and only those whose inputs changed.

Part of the MkDocs adapter (`publish/mkdocs.py` calls it). MkDocs' `build()` renders every page
in one process. Briefing pages are not in the nav and the site uses no plugins, so a page's HTML
depends only on its own Markdown, its path, the nav, the configuration, the theme's templates
and the engine's versions: this build reads the configuration, files and nav once, reads the nav
pages' titles and front matter (every page's nav shows them), then forks one worker per core to
render the pages, each with MkDocs' own functions (its private ones through
`mkdocs_internals.py`, which checks the installed version; the theme's `main.html`).
The generator's HTML blocks are set aside while Markdown converts a page (`html_blocks.py`).

**The page cache** (`publish/page_cache.py`) keys each page on exactly those inputs; a page
whose key is unchanged is not rendered again but hard-linked from the cache into the site.
**A cached page stays validated**: MkDocs validates links while it renders a page, so the cache
keeps what that validation looked at — every link target the page looked up (and what it
resolved to), its anchors and its links to other pages' anchors. A cached page is reused only
while every target it looked up still resolves to the same URL (otherwise it is rendered again,
and MkDocs warns about the broken link as it would in a full build), and MkDocs' own anchor check
(`Page.validate_anchor_links`) runs over every page, cached or not, after all are known. Only a
page that built without a single warning enters the cache, and under `--strict` any warning
fails the build, so a cached page is always one a full build would accept. The cache also keeps
what the post-build audit needs of each page (`audit.PageFacts`), computed as the page renders.

**The site** is a `files.Tree` brought up to date: a page already in place (the same cached
file) is left alone. The pages `first` picks are built and put in place first, then `when_first`
is told (with the pages' keys), so that the search index can start on them while the other pages
render.

**Only what it reproduces.** `COVERED` lists the options of `mkdocs.yml` this build reproduces,
each proved against MkDocs' own `build()` by `tests/test_page_build.py`. With any other option
set to other than its default, or with plugins or hooks (they may see every page, as Material's
tags plugin does) other than the nav-section highlight it reproduces, `build_site` runs MkDocs'
own `build()` instead.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.commands.build import build, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, file_sort_key, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.files import Tree, files_under
from generator.publish import nav_section
from generator.publish.html_blocks import set_aside
from generator.publish.mkdocs_internals import (
    LOGGER,
    build_extra_template,
    build_theme_template,
    check_engine,
    current_page,
    populate_page,
)
from generator.publish.nav_section import section_marked
from generator.publish.page_cache import CachedPage, html_file, load_index, save_index, store_html
from generator.publish.page_keys import inputs_key, page_key, settings_key
from generator.workers import in_chunks

CHUNK = 40  # pages per task handed to a worker: small enough to balance two cores
_HERE = Path(__file__).parent
# In every key: the code that renders a page's HTML.
_MODULES = tuple(
    _HERE / name
    for name in ("mkdocs_pages.py", "page_cache.py", "page_keys.py", "nav_section.py", "html_blocks.py")
)
Rendered = tuple[str, CachedPage, bool]  # docs path, its entry, whether MkDocs warned about it
LogLine = tuple[str, int, str]  # logger name, level, message
# What the audit needs of a built page, from its bytes and site path (`audit.PageFacts`).
PageFacts = Callable[[bytes, str], dict[str, Any]]
# The options of mkdocs.yml this build reproduces (each has a case in tests/test_page_build.py).
COVERED = frozenset(
    {
        "site_name", "site_url", "site_description", "site_author", "copyright",
        "repo_url", "repo_name", "edit_uri", "edit_uri_template",
        "docs_dir", "site_dir", "use_directory_urls", "nav", "not_in_nav", "exclude_docs", "draft_docs",
        "theme", "extra", "extra_css", "extra_javascript", "extra_templates",
        "markdown_extensions", "mdx_configs", "validation", "strict",
    }
)  # fmt: skip
# Options that do not shape what `mkdocs build` writes (serving, deploying, the file's own path).
NOT_BUILT = frozenset({"config_file_path", "dev_addr", "remote_branch", "remote_name", "watch"})
# Reproduced when they hold no plugin but the nav-section highlight (publish/nav_section.py).
PLUGINS = frozenset({"plugins", "hooks"})


@dataclass(frozen=True)
class BuiltPages:
    """What the build knows of the pages it put in the site: the audit's facts by site path, and
    what a process that builds again may start from next time."""

    facts: Mapping[str, Mapping[str, Any]]
    site: PageSite | None = None


@dataclass
class PageSite:
    """What the page-by-page build knows of a site between builds of one process (`briefing
    serve`): the loaded configuration, the files, the nav and its pages, the theme's compiled
    templates, and every page's cache entry. While the configuration and the list of docs files
    are the same, the next build starts from it and renders only the pages whose key changed."""

    config: MkDocsConfig
    settings: str  # what the configuration is made of (`_settings`)
    listing: frozenset[str]  # the docs folder's files
    files: Files
    env: Environment
    nav: Navigation
    documents: list[File]
    pages: list[Page]
    entries: dict[str, CachedPage]  # the last build's, by docs path
    cache: Path | None = None  # the page cache's folder
    # The theme's static templates as last built, with what they showed (`build_site`).
    templates: dict[str, tuple[object, dict[str, bytes]]] = field(default_factory=dict)
    # The last build's entries to keep on disk, when the caller saves them after showing the site.
    unsaved: dict[str, CachedPage] | None = None

    def save(self) -> None:
        """Write the page cache's index of the last build, if not written yet."""
        if self.unsaved is not None and self.cache is not None:
            save_index(self.cache, self.unsaved)
            self.unsaved = None


def build_site(
    config: MkDocsConfig,
    cache: Path,
    tree: Tree,
    facts: PageFacts,
    first: Callable[[str], bool] = lambda path: False,
    when_first: Callable[[Mapping[str, str] | None], None] = lambda keys: None,
    written: Mapping[str, str] | None = None,
    kept: PageSite | None = None,
    save: bool = True,
) -> BuiltPages:
    """Bring `tree` (the folder `config.site_dir`) up to date with the site `mkdocs build` would
    make, reusing `cache`'s pages; the pages whose site path `first` picks go first. `written`
    names docs files by what the generator wrote there (`output_index.written_keys`): their
    keys need not read them. `kept`: this process's last build of the site (`BuiltPages.site`).
    Without `save`, the page cache's index is written by the caller (`PageSite.save`), once
    the site is shown."""
    written = written or {}
    if uncovered := uncovered_options(config):
        logging.getLogger(__name__).info(f"MkDocs' own build: {', '.join(uncovered)} set in mkdocs.yml")
        build(config)  # it empties the folder first (but our hidden marker) and writes it whole
        for path in files_under(tree.folder):
            tree.keep(path)
        when_first(None)  # every page is in place: the search index reads them from the folder
        return BuiltPages({})
    check_engine()  # the private parts of MkDocs used below are the ones read
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger(LOGGER).addHandler(counter)
    try:
        site, fresh_site = _site(config, cache, kept)
        config, files, nav, pages = site.config, site.files, site.nav, site.pages
        config["site_dir"] = str(tree.folder)  # this build's folder, whichever config is kept
        _read_nav_pages(nav, config, files)
        inputs = inputs_key(config, nav, _MODULES)
        previous = site.entries
        built: dict[str, CachedPage] = {}
        render: list[Page] = []
        keys = {
            page.file.src_uri: page_key(inputs, page.file, written.get(page.file.src_uri)) for page in pages
        }
        for page in pages:
            key = keys[page.file.src_uri]
            entry = previous.get(page.file.src_uri)
            # The same files as last time in this process: every link resolves as it did.
            if entry is not None and entry.key == key and (not fresh_site or _resolves_alike(entry, files)):
                built[page.file.src_uri] = entry
            else:
                render.append(page)
        job = _Job(config, files, site.documents, nav, site.env, cache, keys, facts)
        fresh: list[Rendered] = []
        for batch in _batches(pages, render, first):
            done = _render_all(job, batch.render)
            fresh += done
            batch_entries = {**{u: built[u] for u in batch.cached}, **{u: e for u, e, _ in done}}
            for uri, entry in sorted(batch_entries.items()):
                tree.link(html_file(cache, entry.key), files.src_uris[uri].dest_uri, entry.key)
            if batch.first:  # the pages' keys name them for the search index
                when_first({files.src_uris[uri].dest_uri: entry.key for uri, entry in batch_entries.items()})
        built |= {uri: entry for uri, entry, warned in fresh if not warned}
        _link_static_files(files, tree, config.extra_templates)
        # The theme's own pages (404.html, sitemap.xml) show the nav's titles and every page's
        # address and the build date: the same as last time in this process unless those changed.
        shown = (os.environ.get("SOURCE_DATE_EPOCH"), tuple(page.title for page in nav.pages))
        for template in config.theme.static_templates:
            made = site.templates.get(template)
            if not fresh_site and made is not None and made[0] == shown:
                for name, data in made[1].items():
                    tree.write(name, data)
                continue
            build_theme_template(template, site.env, files, config, nav)
            names = [template, "sitemap.xml.gz"] if template == "sitemap.xml" else [template]
            for name in names:  # the gzipped sitemap is written beside it
                tree.keep(name)
            files_made = {name: tree.folder / name for name in names}
            made_now = {name: file.read_bytes() for name, file in files_made.items() if file.is_file()}
            site.templates[template] = (shown, made_now)
        for template in config.extra_templates:
            build_extra_template(template, files, config, nav)
        every = {**built, **{uri: entry for uri, entry, _ in fresh}}
        _validate_anchors(pages, every, files, config)
        if config.strict and (counts := counter.get_counts()):
            found = ", ".join(f"{n} {level.lower()}s" for level, n in counts)
            raise Abort(f"Aborted with {found} in strict mode!")
        site.entries, site.cache, site.unsaved = every, cache, built
        if save:
            site.save()
        return BuiltPages({files.src_uris[uri].dest_uri: entry.facts for uri, entry in every.items()}, site)
    finally:
        logging.getLogger(LOGGER).removeHandler(counter)


def _site(config: MkDocsConfig, cache: Path, kept: PageSite | None) -> tuple[PageSite, bool]:
    """`kept` while the configuration and the docs folder's files are the same, else the site
    read afresh (and whether it was)."""
    settings = _settings(config)
    listing = frozenset(files_under(Path(config.docs_dir)))  # 15,000 at 10,000 records
    if kept is not None and kept.settings == settings and kept.listing == listing:
        return _retargeted(kept, config.site_dir), False
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    nav = get_navigation(files, config)
    # Listed once: MkDocs' `documentation_pages()` walks every file of the site, and each
    # page's template context holds the list.
    documents = list(files.documentation_pages())
    pages = [_page_of(file, config) for file in documents]
    env.bytecode_cache = FileSystemBytecodeCache(str(_folder(cache / "templates")))
    env.get_template("main.html")  # compiled once, before the workers fork
    return PageSite(config, settings, listing, files, env, nav, documents, pages, load_index(cache)), True


def _retargeted(kept: PageSite, site_dir: str) -> PageSite:
    """`kept`, its files writing into `site_dir` (serve builds into two folders in turn)."""
    if any(file.dest_dir != site_dir for file in kept.files):
        for file in kept.files:  # MkDocs' files name their destination under the site folder
            file.dest_dir = site_dir
            file.__dict__.pop("abs_dest_path", None)  # a cached property of MkDocs' File
    return kept


def _settings(config: MkDocsConfig) -> str:
    """What the loaded configuration is made of: mkdocs.yml, its loaded values (`!ENV` ones
    too) and the theme's own templates in the site's folder (packages go by their versions)."""
    digest = hashlib.sha256(Path(config.config_file_path).read_bytes())
    digest.update(settings_key(config).encode())
    for folder in config.theme.dirs:
        if "site-packages" not in Path(folder).parts and "dist-packages" not in Path(folder).parts:
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file():
                    info = path.stat()
                    digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\n".encode())
    return digest.hexdigest()


def uncovered_options(config: MkDocsConfig) -> list[str]:
    """The options set in `config` that this build does not reproduce (none: it may build)."""
    found = [
        name
        for name, option in config._schema
        if name not in COVERED | NOT_BUILT | PLUGINS and config[name] != option.default
    ]
    if any(plugin is not nav_section for plugin in config.plugins.values()):
        found.append("plugins" if any(name not in config.hooks for name in config.plugins) else "hooks")
    return found


@dataclass(frozen=True)
class _Batch:
    first: bool
    render: list[Page]
    cached: list[str]  # docs paths of the batch's pages taken from the cache


def _batches(pages: list[Page], render: list[Page], first: Callable[[str], bool]) -> list[_Batch]:
    """The pages `first` picks (to render, and cached), then the others."""
    rendered = {page.file.src_uri for page in render}
    batches = []
    for wanted in (True, False):
        mine = [page for page in pages if first(page.file.dest_uri) == wanted]
        batches.append(
            _Batch(
                wanted,
                [page for page in mine if page.file.src_uri in rendered],
                [page.file.src_uri for page in mine if page.file.src_uri not in rendered],
            )
        )
    return batches


def _link_static_files(files: Files, tree: Tree, templates: Iterable[str]) -> None:
    """MkDocs' `copy_static_files`, by hard link where it can: the docs folder is written by rename
    only (`files.sync_folder`), so a linked file is never changed under the site that shares it.
    Extra templates are copied: their rendering is written over the copy in place."""
    rendered = set(templates)
    for file in files:
        if file.is_documentation_page() or not file.inclusion.is_included():
            continue
        if file.abs_src_path is not None and file.generated_by is None and file.src_uri not in rendered:
            tree.link(file.abs_src_path, file.dest_uri)
        else:
            # Copied, never written through what an earlier build linked at that path.
            Path(file.abs_dest_path).unlink(missing_ok=True)
            file.copy_file()
            tree.keep(file.dest_uri)


def _read_nav_pages(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    """Give the nav's pages the title and front matter every page's nav shows, before the fork.

    A title the nav names, or the front matter's, needs only the source; a title from the
    page's first heading needs the page rendered.
    """
    for page in nav.pages:
        page.file.content_bytes  # noqa: B018 (a vanished file raises here, before MkDocs logs it too)
        page.read_source(config)
        if "title" not in page.__dict__ and "title" not in page.meta:
            populate_page(page, config, files)


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _page_of(file: File, config: MkDocsConfig) -> Page:
    return file.page if file.page is not None else Page(None, file, config)


def _resolves_alike(entry: CachedPage, files: Files) -> bool:
    """Every link target the cached page looked up still resolves to the same URL (or still not)."""
    by_path = files.src_uris
    for path, url in entry.lookups.items():
        target = by_path.get(path)
        if (target.url if target is not None else None) != url:
            return False
    return True


@dataclass(frozen=True)
class _Job:
    """Everything a worker needs to render pages, fixed before the workers fork."""

    config: MkDocsConfig
    files: Files
    documents: list[File]
    nav: Navigation
    env: Environment  # the theme's
    cache: Path
    keys: Mapping[str, str]  # each page's key, by docs path
    facts: PageFacts

    def __call__(self, chunk: Sequence[str]) -> tuple[list[Rendered], list[LogLine]]:
        """Render the pages at these docs paths; what MkDocs logged meanwhile, to log again."""
        captured = _Captured()
        logger = logging.getLogger(LOGGER)
        handlers = list(logger.handlers)
        for handler in handlers:
            logger.removeHandler(handler)
        logger.addHandler(captured)
        try:
            return [_render_page(self, self._page(uri)) for uri in chunk], captured.entries
        finally:
            logger.removeHandler(captured)
            for handler in handlers:
                logger.addHandler(handler)

    def _page(self, uri: str) -> Page:
        page = self.files.src_uris[uri].page
        assert page is not None, f"{uri} is a page of the nav"  # every docs .md file is
        return page


def _render_all(job: _Job, pages: list[Page]) -> list[Rendered]:
    """Render `pages` (in forked workers when there are enough); (docs path, entry, warned) each."""
    results: list[Rendered] = []
    for done, warnings in in_chunks(job, [page.file.src_uri for page in pages], CHUNK):
        for name, level, message in warnings:  # counted (and shown) by this process's handlers
            logging.getLogger(name).log(level, message)
        results += done
    return results


class _Captured(logging.Handler):
    """Log records a worker keeps to hand back to the build that forked it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.entries: list[LogLine] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.entries.append((record.name, record.levelno, record.getMessage()))


def _render_page(job: _Job, page: Page) -> Rendered:
    """Render one page into the cache; its entry, and whether MkDocs warned about it."""
    config = job.config
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger(LOGGER).addHandler(counter)
    recorder = _LookupRecorder(job.files)
    try:
        with current_page(config, page):
            # `populate_page` without plugin events (there are none) and without logging an
            # OSError (a full disk is told in one line by the command, not also by MkDocs' log).
            page.read_source(config)
            # Markdown converts only what is Markdown; the generator's HTML blocks wait aside.
            aside = set_aside(page.markdown or "")
            page.markdown = aside.markdown
            page.render(config, recorder)  # type: ignore[arg-type]
            page.content = aside.restore(page.content or "")
            page.present_anchor_ids = (page.present_anchor_ids or set()) | aside.anchors()
        html = _html(job, page).encode("utf-8", errors="xmlcharrefreplace")
    except OSError:
        raise
    except Exception as error:
        failed = f"Error reading page '{page.file.src_uri}': {error}"
        logging.getLogger(f"{LOGGER}.commands.build").error(failed)
        raise
    finally:
        logging.getLogger(LOGGER).removeHandler(counter)
    key = job.keys[page.file.src_uri]
    store_html(job.cache, key, html)
    entry = CachedPage(
        key,
        recorder.lookups,
        tuple(sorted(page.present_anchor_ids or ())),
        {target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()},
        job.facts(html, page.file.dest_uri),
    )
    # A worker renders thousands: keep only what it returns, and the title, which every page's nav
    # shows (without its Markdown, a title taken from the first heading would be None).
    page.title = page.title
    page.markdown = page.content = None
    page.toc = []  # type: ignore[assignment]
    return page.file.src_uri, entry, bool(counter.get_counts())


def _html(job: _Job, page: Page) -> str:
    """The page through the theme's template, as MkDocs' `_build_page` renders it."""
    config, nav = job.config, job.nav
    page.active = True
    try:
        with current_page(config, page):
            context = get_context(nav, job.documents, config, page)
            with section_marked(page, nav):
                return str(job.env.get_template(page.meta.get("template", "main.html")).render(context))
    finally:
        page.active = False


class _LookupRecorder:
    """The site's files, noting every path a page's links look up and the URL it resolved to."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: dict[str, str | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        found = self._files.get_file_from_path(path)
        self.lookups[PurePath(path).as_posix()] = found.url if found is not None else None
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._files)


def _validate_anchors(
    pages: list[Page], entries: dict[str, CachedPage], files: Files, config: MkDocsConfig
) -> None:
    """MkDocs' own anchor check over every page, with what each page's build (or cache) recorded."""
    by_path = files.src_uris
    for page in pages:
        entry = entries.get(page.file.src_uri)
        if entry is not None:
            page.present_anchor_ids = set(entry.anchors)
            page.links_to_anchors = {
                by_path[uri]: links for uri, links in entry.links_to_anchors.items() if uri in by_path
            }
    for page in pages:
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)


@dataclass(frozen=True)
class EarlyPages:
    """Pages put right in a served site before the whole site is built again."""

    made: dict[str, str]  # site path: the cached HTML file to link there
    gone: tuple[str, ...]  # site paths of pages whose docs file is going


def render_early(
    config: MkDocsConfig,
    cache: Path,
    kept: PageSite,
    docs_paths: Sequence[str],
    going: Sequence[str] = (),
) -> EarlyPages | None:
    """These pages rendered now, here, into the page cache, with `kept` (the last build of this
    process), before the whole site is built again; and the site paths of the pages of `going`
    (docs files the next generate removes). A docs file written since `kept` was built (a new
    briefing's page) is rendered as the whole build will render it: as one more file of `kept`,
    not in the nav (briefings never are). None when `kept` is not the site `config` makes of the
    docs folder now (other settings, other files than these new ones), or when MkDocs warned
    about one of the pages (the build of the whole site will say why)."""
    check_engine()
    listing = frozenset(files_under(Path(config.docs_dir)))
    added = listing - kept.listing
    if kept.settings != _settings(config) or kept.listing - listing or not added <= set(docs_paths):
        return None
    if any(path not in kept.files.src_uris for path in going):
        return None
    site = _retargeted(kept, config.site_dir)
    files, documents = _with_new_pages(site, sorted(added))
    pages = [file.page for path in docs_paths if (file := files.src_uris.get(path)) is not None]
    if len(pages) != len(docs_paths) or any(page is None for page in pages):
        return None
    shown = [page for page in pages if page is not None]
    inputs = inputs_key(site.config, site.nav, _MODULES)
    keys = {page.file.src_uri: page_key(inputs, page.file, None) for page in shown}
    job = _Job(site.config, files, documents, site.nav, site.env, cache, keys, lambda html, path: {})
    rendered, _logged = job([page.file.src_uri for page in shown])  # logged again by the whole build
    if any(warned for _uri, _entry, warned in rendered):
        return None
    made = {files.src_uris[uri].dest_uri: html_file(cache, entry.key) for uri, entry, _ in rendered}
    return EarlyPages(made, tuple(sorted(site.files.src_uris[path].dest_uri for path in going)))


def _with_new_pages(site: PageSite, paths: Sequence[str]) -> tuple[Files, list[File]]:
    """The site's files and documentation pages with these new docs files, each a page outside
    the nav, made as `get_files` and `get_navigation` make them; `site` itself is left as it is
    (the whole build reads the docs folder afresh)."""
    if not paths:
        return site.files, site.documents
    config = site.config
    new = [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in paths]
    set_exclusions(new, config)
    for file in new:
        Page(None, file, config)  # sets `file.page`, as `get_navigation` does for pages outside it
    documents = sorted([*site.documents, *new], key=file_sort_key)
    return Files([*site.files, *new]), documents


def _no_facts(html: bytes, path: str) -> dict[str, Any]:
    return {}  # a page shown early is built again with the whole site, and audited then
