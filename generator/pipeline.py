"""The one orchestrator: records → archive → pages → docs folder → HTML → published site.

Each phase is one function, run in this order by `briefing build` (the others run a prefix):

1. `check_outputs`: refuse output folders that overlap the sources, before writing anything.
   `mkdocs.yml` is loaded once, by the engine's adapter (`load_site_config`), and its settings
   passed down: the generator reads `SiteInfo`, the engine its own config.
2. `collect`: the theme vocabulary and every record, parsed and validated (cached between runs).
3. `check_archive`: the archive model, when every record is valid.
4. `site_files`: every file of the site, rendered from the archive: the docs folder's pages and
   assets for the engine, and the feeds, data and citation files published as they are.
5. `generate`: 2-4, then write them (only when nothing is broken).
6. `publish`: HTML by the engine into the spare site folder, the searched pages first (Pagefind
   indexes them meanwhile), the published files, sitemap dates, audit, then the atomic swap.

`briefing serve` runs `generate` and `publish_served` (HTML only) on every save.

Nothing is written unless every record is valid, so a broken archive is never published: a phase
that finds errors raises `Refused` with every problem.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.archive.model import Archive, build_archive
from generator.archive.related import Related, find_related, related_inputs
from generator.archive.urls import PAGE_FOLDER, briefing_page
from generator.files import (
    DOCS_FOLDER,
    Output,
    WriteReport,
    claim_folder,
    combined,
    link_atomically,
    refuse_overlap,
    remove_file,
    sync_folder,
    write_if_changed,
)
from generator.output_index import DOCS, FILES, OutputIndex, open_index
from generator.pages.citations import citation_files
from generator.pages.context_key import context_key
from generator.pages.data_files import data_files
from generator.pages.database import database_files
from generator.pages.entries import ListingEntries
from generator.pages.feeds import feed_files
from generator.pages.links import broken_links
from generator.pages.markdown_pages import Page, TemplatePage
from generator.pages.render import render_briefing_page, render_site
from generator.pages.site_info import SiteInfo, site_info
from generator.problems import InvalidRecord, Problem, Refused, errors
from generator.project import Project
from generator.publish.audit import AuditFailed, PageFacts, audit_site
from generator.publish.audit_cache import CACHE as AUDIT
from generator.publish.mkdocs import (
    BuildFailed,
    BuiltSite,
    EngineConfig,
    build_html,
    load_mkdocs_config,
    records_named_in_mkdocs_warnings,
    render_early,
    site_settings,
)
from generator.publish.page_keys import settings_key
from generator.publish.reproducible import rewrite_sitemap, source_date_epoch
from generator.publish.search_index import SearchIndex, SearchIndexFailed, is_searched, search_parts
from generator.publish.serve_search import FoundIndex, link_search_index
from generator.publish.swap import Manifest, check_site_folder, spare_tree
from generator.records.cache import RecordCache, open_cache
from generator.records.collect import Collected, collect_records
from generator.records.people import People, people_warnings, project_people
from generator.records.plausibility import date_warnings, duplicate_warnings
from generator.records.record import Record
from generator.records.themes import Theme, project_themes
from generator.state import code_fingerprint, load_state, save_state, signature
from generator.workers import in_background

# Renders generated pages from the archive, the home page's intro and the site's settings.
RenderPages = Callable[[Archive, str, SiteInfo], Iterable[Page | TemplatePage]]
FILES_FOLDER = "generated files published as they are (feeds, data, citations); rebuilt by every build"
# Builds HTML from the docs folder into the spare site, with the loaded config (MkDocs by default).
Engine = Callable[..., BuiltSite]


@dataclass(frozen=True)
class SiteConfig:
    """`mkdocs.yml`, loaded once by the engine: what the generator reads (`site`), the engine's own
    config for the HTML build (`engine`), and `key`, its loaded values (`!ENV` ones included,
    which the file's bytes do not show)."""

    site: SiteInfo
    engine: EngineConfig
    key: str


def load_site_config(
    project: Project, *, deploy: bool = False, strict: bool = True, **overrides: object
) -> SiteConfig:
    """Load `mkdocs.yml` with the engine's own loader, for building `project.docs` into
    `project.site`; Refused with one problem per wrong setting. `deploy`: a build to publish,
    which must not keep a placeholder address. `overrides` replace settings of the file."""
    claim_folder(project.docs, DOCS_FOLDER)  # MkDocs loads a config only with its docs folder
    config = load_mkdocs_config(project, strict=strict, **overrides)
    return SiteConfig(site_info(**site_settings(config), deploy=deploy), config, settings_key(config))


def with_record_problems(project: Project, refused: Refused) -> Refused:
    """A refusal of the settings, with every record's problems too: all problems in one run."""
    try:
        checked = check_archive(project)
    except Refused as records:
        return Refused([*refused.problems, *records.problems], records.records)
    return Refused([*refused.problems, *checked.problems], checked.files)


@dataclass
class Memory:
    """What a process that publishes again and again (`briefing serve`) keeps between runs, so
    that a run costs what changed: the records as parsed, related briefings, what it wrote last
    time, the engine's own state. Without one, every run reads all of that from build/cache/."""

    records: RecordCache | None = None
    related: tuple[str, Related] | None = None
    indexes: dict[str, OutputIndex] = field(default_factory=dict)
    engine: Any = None  # the engine adapter's (publish/mkdocs_pages.PageSite)
    trees: dict[int, Manifest] = field(default_factory=dict)  # the served folders', by folder
    search: FoundIndex = field(default_factory=FoundIndex)  # the built search index's files
    sitemap: dict[str, bytes] = field(default_factory=dict)  # the served sitemap, and from what
    # The last run's valid archive and site settings: what a save is compared with.
    archive: Archive | None = None
    site: SiteInfo | None = None
    # Each record's entry in the data files, by fingerprint, for the settings it was made with.
    data: tuple[str, dict[str, tuple[str, str]]] | None = None
    # What the last run left to do once its site is shown: the build state written to disk.
    later: list[Callable[[], None]] = field(default_factory=list)
    settling: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def settle(self) -> None:
        """Do what the last run left for later; before the next run (from any thread)."""
        with self.settling:
            while self.later:
                self.later.pop(0)()

    def data_for(self, settings: str | None) -> dict[str, tuple[str, str]]:
        if settings is None:  # settings that cannot be digested: nothing is remembered
            return {}
        if self.data is None or self.data[0] != settings:
            self.data = (settings, {})
        return self.data[1]

    def written(self, name: str) -> dict[str, str] | None:
        """What the last run wrote into the folder of the index `name`, as `written_keys` names it."""
        index = self.indexes.get(name)
        if index is None:
            return None
        fingerprint = index.key.removeprefix(f"{index.folder}:")
        return {path: f"{fingerprint}\0{key}" for path, (key, _signature) in index.stored.items()}

    def held(self, name: str) -> dict[str, object] | None:
        """Every file the folder of the index `name` holds after the last run, each with what
        names its bytes: its key, or for a file made without one (a feed, a data file; a few
        dozen), its signature."""
        index = self.indexes.get(name)
        written = self.written(name)
        if index is None or written is None:
            return None
        named: dict[str, object] = dict(written)
        for path in index.held - named.keys():
            named[path] = signature(index.folder / path, ctime=False)
        return named


@dataclass(frozen=True)
class Checked:
    """A valid archive and every problem found on the way (warnings only)."""

    archive: Archive
    problems: tuple[Problem, ...]
    files: int


@dataclass(frozen=True)
class Generated:
    checked: Checked
    report: WriteReport


def check_outputs(project: Project) -> None:
    """Raise UnsafeOutput when the docs or site folder overlaps the sources or is not ours."""
    refuse_overlap(project.docs, (project.content, project.site_config))
    refuse_overlap(project.files, (project.content, project.site_config, project.docs))
    check_site_folder(project)


def collect(
    project: Project, only: set[Path] | None = None, *, cached: bool = True, memory: Memory | None = None
) -> tuple[tuple[Theme, ...], Collected]:
    """The theme vocabulary and the records (just `only` when given); InvalidRecord for bad themes."""
    themes = project_themes(project)
    slugs = tuple(theme.slug for theme in themes)
    if not cached:
        return themes, collect_records(project.content, project.root, slugs, only)
    if memory is not None and memory.records is not None and memory.records.themes == slugs:
        cache = memory.records
        cache.again()
    else:
        cache = open_cache(project.cache, slugs)
        if memory is not None:
            memory.records = cache
    collected = collect_records(project.content, project.root, slugs, only, cache.loader())
    if only is None:  # a partial run saw only some records; saving it would drop the others
        if memory is not None:
            memory.later.append(cache.saving())
        else:
            cache.save()
    return themes, collected


def check_archive(
    project: Project,
    only: set[Path] | None = None,
    *,
    links: bool = True,
    today: dt.date | None = None,
    memory: Memory | None = None,
) -> Checked:
    """Validate the records; with `links`, also links between briefings (`generate` checks all).
    Raises Refused with every problem when any is an error.

    `today` (default: the real today) is the date no record's date may be after."""
    try:
        themes, collected = collect(project, only, memory=memory)
        people = project_people(project)
    except InvalidRecord as invalid:
        raise Refused(invalid.problems, 0) from None
    problems = tuple(sorted((*collected.problems, *across_records(collected.records, people, today))))
    if errors(problems):
        raise Refused(problems, collected.files)
    archive = build_archive(themes, collected.records, people)
    if links and only is None:
        # Links between briefings are checked here, cheaply; `generate` checks every link.
        pages = {briefing_page(record.id) for record in archive.records}
        linked = broken_links(archive.records, pages, scope=PAGE_FOLDER)
        if linked:
            raise Refused(sorted((*problems, *linked)), collected.files)
    return Checked(archive, problems, collected.files)


def across_records(records: Sequence[Record], people: People, today: dt.date | None = None) -> list[Problem]:
    """Warnings that need the people vocabulary, other records or today's date."""
    today = today or dt.date.today()
    found = people_warnings(records, people) + duplicate_warnings(records)
    for record in records:
        found += date_warnings(record, today)
    return found


@dataclass(frozen=True)
class SiteFiles:
    """Every file a build publishes: `docs`, the pages and assets the engine turns into HTML;
    `published`, the feeds, data and citation files that go into the site as they are (through
    the engine, 30,000 citation files at 10,000 records would only be listed and copied)."""

    docs: dict[str, bytes | Output]
    published: dict[str, bytes | Output]


def site_files(
    project: Project,
    archive: Archive,
    site: SiteInfo,
    pages: RenderPages | None = None,
    memory: Memory | None = None,
) -> SiteFiles:
    """Every file of the site: generated pages, hand-written pages and assets, and the files
    published as they are. With `pages` (a preview renders a few), those are the generated
    pages, without feeds, data or citation files. Pages and citation files come as Outputs with
    their keys, made only when the writer needs them.

    Raises InvalidRecord naming the hand-written file that has the path of another docs file:
    one of the two would silently replace the other.
    """
    intro = (project.site_config / "home.md").read_text(encoding="utf-8")
    docs: dict[str, bytes | Output]
    published: dict[str, bytes | Output] = {}
    if pages is not None:
        docs = {page.path: page.text.encode("utf-8") for page in pages(archive, intro, site)}
    else:
        # First: the Data page gives their sizes.
        known = (
            memory.data_for(context_key("data", {"site": site, "themes": archive.themes})) if memory else None
        )
        # The database takes a second at 10,000 records: made beside the pages' keys, which do
        # not need it (the Data page, last, gives its size).
        database = in_background(functools.partial(database_files, archive, site))
        data = data_files(archive, site, known)

        def sizes() -> dict[str, int]:
            return {path: len(content) for path, content in (data | database()).items()}

        related = _related(project, archive, memory)
        docs = {page.path: _output(page) for page in render_site(archive, intro, site, sizes, related)}
        published = {**feed_files(archive, site), **data, **database(), **citation_files(archive, site)}
    written: dict[str, Path] = {}  # docs path → the hand-written file it comes from
    problems: list[Problem] = []
    for docs_path, path in _hand_written(project):
        if docs_path in docs or docs_path in published:
            claimed = project.shown(written[docs_path]) if docs_path in written else "a generated file"
            message = f"this file would be published as {docs_path!r}, where {claimed} is already; rename it"
            problems.append(Problem(project.shown(path), 1, message))
            continue
        docs[docs_path] = path.read_bytes()
        written[docs_path] = path
    if problems:
        raise InvalidRecord(problems)
    return SiteFiles(docs, published)


def _related(project: Project, archive: Archive, memory: Memory | None = None) -> Related:
    """Related briefings, as the last run found them when what they depend on is unchanged (an
    edit of a summary or of notes), else found again and kept (build state `related`)."""
    key = related_inputs(archive.records)
    by_id = {record.id: record for record in archive.records}
    if memory is not None and memory.related is not None and memory.related[0] == key:
        return Related(
            {i: tuple(by_id[r.id] for r in others) for i, others in memory.related[1].by_id.items()}
        )
    related = _related_kept(project, archive, key, by_id)
    if memory is not None:
        memory.related = (key, related)
    return related


def _related_kept(project: Project, archive: Archive, key: str, by_id: dict[str, Record]) -> Related:
    kept = load_state(project.cache, "related", key)
    if isinstance(kept, dict) and kept.keys() == by_id.keys():
        try:
            return Related({i: tuple(by_id[other] for other in others) for i, others in kept.items()})
        except (KeyError, TypeError):
            pass
    related = find_related(archive.records)
    found = {i: [record.id for record in records] for i, records in related.by_id.items()}
    save_state(project.cache, "related", key, {i: found.get(i, []) for i in by_id})
    return related


def _output(page: Page | TemplatePage) -> Output:
    return Output(lambda: page.text.encode("utf-8"), page.key)


def _hand_written(project: Project) -> list[tuple[str, Path]]:
    """(docs path, file) of every hand-written page and asset, then the contributor guide."""
    found: list[tuple[str, Path]] = []
    for folder, prefix in ((project.site_config / "pages", ""), (project.site_config / "assets", "assets/")):
        found += [(prefix + path.relative_to(folder).as_posix(), path) for path in sorted(folder.rglob("*"))]
    # The contributor guide lives at the repository root, where GitHub shows it; the site has it too.
    guide = project.root / "CONTRIBUTING.md"
    if guide.is_file():
        found.append(("contributing.md", guide))
    return [(docs_path, path) for docs_path, path in found if path.is_file()]


def generate(
    project: Project,
    site: SiteInfo | None = None,
    memory: Memory | None = None,
    checked: Checked | None = None,
) -> Generated:
    """Check the records and write the docs folder and the published files; Refused (and nothing
    written) on any error.

    `site`: the site's settings, as `load_site_config` gives them (loaded here when not given).
    `memory`: what this process kept from its last run (`briefing serve`), and keeps this one's.
    `checked`: the records as `check_archive` just found them (checked here when not given)."""
    if memory is not None:
        memory.settle()  # the last run's state on disk before this run changes it
    if site is None:
        try:
            site = load_site_config(project).site
        except Refused as refused:
            raise with_record_problems(project, refused) from None
    if checked is None:
        checked = check_archive(project, links=False, memory=memory)  # every link is checked below
    try:
        files = site_files(project, checked.archive, site, memory=memory)
    except InvalidRecord as clash:
        raise _refused(checked, clash.problems) from None
    linked = broken_links(checked.archive.records, files.docs.keys())
    if linked:
        raise _refused(checked, linked)
    # Every page shows the themes (listing entries, links) and may show the site's settings: a
    # change to either makes every page's key void.
    settings = context_key("settings", {"site": site, "themes": checked.archive.themes})
    fingerprint = f"{code_fingerprint()}-{settings}"
    reports = []
    for folder, wanted, name, purpose in (
        (project.docs, files.docs, DOCS, DOCS_FOLDER),
        (project.files, files.published, FILES, FILES_FOLDER),
    ):
        index = memory.indexes.get(name) if memory is not None else None
        if index is None or index.key != f"{folder}:{fingerprint}":
            index = open_index(project.cache, name, folder, fingerprint)
        reports.append(sync_folder(folder, wanted, index, purpose))
        if memory is None:
            index.save()
        else:
            memory.later.append(index.saving())
            index.again()
            memory.indexes[name] = index
    if memory is not None:
        memory.archive, memory.site = checked.archive, site
    return Generated(checked, combined(reports))


# At most this many edited, added or removed records are shown before the whole site is built
# (a save is one).
SHOWN_EARLY = 8


def show_changed(project: Project, archive: Archive, config: SiteConfig, memory: Memory) -> list[str]:
    """Put the pages of the briefings edited or added since the last run (of `memory`) into the
    served site now, and take the pages of removed ones out, before the whole site is built
    again: their site paths, or none when the last run's site cannot take them alike (other
    settings or themes, more than a few changes, a page MkDocs warns about). Each page is the
    page the whole build then makes: the same function of the same archive, through the same
    engine. They are written by rename, as every file of a site is, and the served folder's
    manifest forgets them, so that the next build into that folder puts them right whatever
    it was. The listings and neighbours an added or removed briefing changes follow with the
    whole site, seconds later."""
    last, index = memory.archive, memory.indexes.get(DOCS)
    if last is None or index is None or memory.site != config.site or last.themes != archive.themes:
        return []
    before = {record.id: record for record in last.records}
    now = {record.id for record in archive.records}
    changed = [
        record
        for record in archive.records
        if record.id not in before or before[record.id].fingerprint != record.fingerprint
    ]
    removed = sorted(record_id for record_id in before if record_id not in now)
    if not (changed or removed) or len(changed) + len(removed) > SHOWN_EARLY:
        return []
    related = _related(project, archive, memory)
    entries = ListingEntries(archive.themes)
    pages = [render_briefing_page(archive, record, related, config.site, entries) for record in changed]
    for page in pages:
        write_if_changed(project.docs / page.path, page.text.encode("utf-8"))
        index.forget(page.path)  # written outside a sync: made and compared again by the next
    going = [briefing_page(record_id) for record_id in removed]
    early = render_early(project, config.engine, memory.engine, [page.path for page in pages], going)
    if early is None:
        return []
    served = served_folders(project).site
    manifest, _complete = memory.trees.get(served.stat().st_ino, ({}, False))
    for path, html in early.made.items():
        link_atomically(html, served / path)
        manifest[path] = None  # not what the manifest says: looked at by the next build into it
    for path in early.gone:
        remove_file(served, path)
        manifest[path] = None  # the next build into the folder removes what it still finds
    return sorted([*early.made, *early.gone])


def _refused(checked: Checked, problems: Sequence[Problem]) -> Refused:
    """Nothing written: the records' problems and these, in file order."""
    return Refused(sorted((*checked.problems, *problems)), checked.files)


def publish(project: Project, archive: Archive, config: SiteConfig, engine: Engine = build_html) -> Path:
    """Build the generated docs folder into HTML in the spare site folder, check it, and only
    then swap it in (publish/swap.py).

    Raises BuildFailed or AuditFailed, and the previous site stays as it was.
    """
    site_url = config.site.url
    # One index unless the site asks for parts: parts bound Pagefind's memory and re-index one
    # year after an edit, but cost readers more bytes (README, "The search index").
    parts = search_parts(archive) if config.site.search_parts == "year" else None
    with (
        source_date_epoch(archive) as epoch,
        records_named_in_mkdocs_warnings(archive.records),
        spare_tree(project) as tree,
    ):
        searching = SearchIndex(tree, project.cache / "search", parts)
        facts = PageFacts(archive, archive.drafts, site_url)
        # The searched pages go first: Pagefind indexes them while the other pages render.
        built = engine(project, config.engine, tree, facts, is_searched, searching.start)
        tree.link_folder(project.files)
        rewrite_sitemap(tree, archive, site_url, epoch)
        try:
            searching.finish()
        except SearchIndexFailed as error:
            raise BuildFailed(str(error)) from None
        tree.prune()
        audit = project.cache / AUDIT
        findings = audit_site(tree.folder, archive, archive.drafts, site_url, audit, built.pages.facts)
        if findings:
            raise AuditFailed(findings)
    return project.site


def served_folders(project: Project) -> Project:
    """Where `briefing serve` puts its site: beside the docs folder, never the published `site/`."""
    return dataclasses.replace(project, site=project.root / "build" / "serve")


def publish_served(
    project: Project,
    archive: Archive,
    config: SiteConfig,
    engine: Engine = build_html,
    memory: Memory | None = None,
) -> Path:
    """What `briefing serve` shows: the HTML of the generated docs folder, swapped in whole.

    The same engine and page cache as `publish`, so after a `briefing build` every page comes
    from the cache and after an edit only the pages it changed are rendered again. No search
    index and no audit: the served site searches the last build's index and says when that is
    older than the records. With `memory` (a serve's), what the last run made is known without
    looking at it again. Raises BuildFailed, and the served site stays as it was.
    """
    served = served_folders(project)
    with (
        source_date_epoch(archive) as epoch,
        records_named_in_mkdocs_warnings(archive.records),
        spare_tree(served, memory.trees if memory is not None else None) as tree,
    ):
        if memory is None:
            engine(project, config.engine, tree, _no_facts)
            tree.link_folder(project.files)
        else:
            written = memory.written(DOCS)
            built = engine(
                project, config.engine, tree, _no_facts, written=written, kept=memory.engine, save=False
            )
            memory.engine = built.pages.site
            if memory.engine is not None:  # None when MkDocs' own build ran (`uncovered_options`)
                memory.later.append(memory.engine.save)
            tree.link_folder(project.files, identities=memory.held(FILES))
        rewrite_sitemap(tree, archive, config.site.url, epoch, memory.sitemap if memory is not None else None)
        link_search_index(project, tree, memory.search if memory is not None else None)
        tree.prune()
    return served.site


def _no_facts(data: bytes, page: str) -> dict[str, object]:
    return {}
