"""The one orchestrator: records → archive → pages → docs folder → HTML → published site.

Each phase is one function, run in this order by `briefing build` (the others run a prefix):

1. `check_outputs`: refuse output folders that overlap the sources, before writing anything.
2. `collect`: the theme vocabulary and every record, parsed and validated (cached between runs).
3. `check_archive`: the archive model, when every record is valid.
4. `site_files`: every file of the docs folder, rendered from the archive.
5. `generate`: 2-4, then write the docs folder (only when nothing is broken).
6. `publish`: HTML by the engine, sitemap dates, search index, audit, then the atomic swap.

`briefing serve` runs `generate` and `publish_served` (HTML only) on every save.

Nothing is written unless every record is valid, so a broken archive is never published.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.archive.model import Archive, build_archive
from generator.archive.urls import PAGE_FOLDER, briefing_page
from generator.files import WriteReport, refuse_overlap, sync_folder
from generator.pages.citations import citation_files
from generator.pages.data_files import data_files
from generator.pages.feeds import feed_files
from generator.pages.links import broken_links
from generator.pages.render import Page, render_site
from generator.pages.site_info import SiteInfo, read_site_info
from generator.problems import InvalidRecord, Problem, errors
from generator.project import Project
from generator.publish.audit import AuditFailed, audit_site
from generator.publish.mkdocs import BuildFailed, build_html, records_named_in_mkdocs_warnings
from generator.publish.reproducible import rewrite_sitemap, source_date_epoch
from generator.publish.search_index import SearchIndexFailed, index_site
from generator.publish.serve_search import link_search_index
from generator.publish.swap import check_site_folder, staged_site
from generator.records.cache import open_cache
from generator.records.collect import Collected, collect_records
from generator.records.people import People, people_warnings, project_people
from generator.records.plausibility import date_warnings, duplicate_warnings
from generator.records.record import Record
from generator.records.themes import Theme, project_themes

# Renders generated pages from the archive, the home page's intro and the site's settings.
RenderPages = Callable[[Archive, str, SiteInfo], Iterable[Page]]
# Builds HTML from the docs folder into the given folder and returns the site URL (MkDocs by default).
Engine = Callable[[Project, Path], str]


@dataclass(frozen=True)
class Checked:
    """Everything known after validation: the archive when it is valid, and every problem."""

    archive: Archive | None
    problems: tuple[Problem, ...]
    files: int


@dataclass(frozen=True)
class Generated:
    checked: Checked
    report: WriteReport | None  # None when nothing was written


def check_outputs(project: Project) -> None:
    """Raise UnsafeOutput when the docs or site folder overlaps the sources or is not ours."""
    refuse_overlap(project.docs, (project.content, project.site_config))
    check_site_folder(project)


def collect(
    project: Project, only: set[Path] | None = None, *, cached: bool = True
) -> tuple[tuple[Theme, ...], Collected]:
    """The theme vocabulary and the records (just `only` when given); InvalidRecord for bad themes."""
    themes = project_themes(project)
    slugs = tuple(theme.slug for theme in themes)
    if not cached:
        return themes, collect_records(project.content, project.root, slugs, only)
    cache = open_cache(project.root / "build" / "cache", slugs)
    collected = collect_records(project.content, project.root, slugs, only, cache.loader())
    if only is None:  # a partial run saw only some records; saving it would drop the others
        cache.save()
    return themes, collected


def check_archive(
    project: Project, only: set[Path] | None = None, *, links: bool = True, today: dt.date | None = None
) -> Checked:
    """Validate the records; with `links`, also links between briefings (`generate` checks all).

    `today` (default: the real today) is the date no record's date may be after."""
    try:
        themes, collected = collect(project, only)
        people = project_people(project)
    except InvalidRecord as invalid:
        return Checked(None, invalid.problems, 0)
    problems = tuple(sorted((*collected.problems, *across_records(collected.records, people, today))))
    if errors(problems):
        return Checked(None, problems, collected.files)
    archive = build_archive(themes, collected.records, people)
    if links and only is None:
        # Links between briefings are checked here, cheaply; `generate` checks every link.
        pages = {briefing_page(record.id) for record in archive.records}
        linked = broken_links(archive.records, pages, scope=PAGE_FOLDER)
        if linked:
            return Checked(None, tuple(sorted((*problems, *linked))), collected.files)
    return Checked(archive, problems, collected.files)


def across_records(records: Sequence[Record], people: People, today: dt.date | None = None) -> list[Problem]:
    """Warnings that need the people vocabulary, other records or today's date."""
    today = today or dt.date.today()
    found = people_warnings(records, people) + duplicate_warnings(records)
    for record in records:
        found += date_warnings(record, today)
    return found


def site_files(project: Project, archive: Archive, pages: RenderPages | None = None) -> dict[str, bytes]:
    """Every file of the docs folder: generated pages, then hand-written pages and assets. With
    `pages` (a preview renders a few), those are the generated pages, without feeds or data files.

    Raises InvalidRecord naming the hand-written file that has the path of another docs file:
    one of the two would silently replace the other.
    """
    intro = (project.site_config / "home.md").read_text(encoding="utf-8")
    site = read_site_info(project.mkdocs_yml)
    if pages is not None:
        files = {page.path: page.text.encode("utf-8") for page in pages(archive, intro, site)}
    else:
        data = data_files(archive, site)  # first: the Data page gives their sizes
        sizes = {path: len(content) for path, content in data.items()}
        files = {page.path: page.text.encode("utf-8") for page in render_site(archive, intro, site, sizes)}
        # Feeds and data files sit in the docs folder, so MkDocs publishes them as static files.
        files |= feed_files(archive, site) | data | citation_files(archive, site)
    written: dict[str, Path] = {}  # docs path → the hand-written file it comes from
    problems: list[Problem] = []
    for docs_path, path in _hand_written(project):
        if docs_path in files:
            claimed = project.shown(written[docs_path]) if docs_path in written else "a generated page"
            message = f"this file would be published as {docs_path!r}, where {claimed} is already; rename it"
            problems.append(Problem(project.shown(path), 1, message))
            continue
        files[docs_path] = path.read_bytes()
        written[docs_path] = path
    if problems:
        raise InvalidRecord(problems)
    return files


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


def generate(project: Project) -> Generated:
    checked = check_archive(project, links=False)  # every link is checked below
    if checked.archive is None:
        return Generated(checked, None)
    try:
        files = site_files(project, checked.archive)
    except InvalidRecord as clash:
        return _refused(checked, clash.problems)
    linked = broken_links(checked.archive.records, files.keys())
    if linked:
        return _refused(checked, linked)
    return Generated(checked, sync_folder(project.docs, files))


def _refused(checked: Checked, problems: Sequence[Problem]) -> Generated:
    """Nothing written: the records' problems and these, in file order."""
    return Generated(Checked(None, tuple(sorted((*checked.problems, *problems))), checked.files), None)


def publish(project: Project, archive: Archive, engine: Engine = build_html) -> Path:
    """Build the generated docs folder into HTML beside `site/`, check it, and only then swap it in.

    Raises BuildFailed or AuditFailed, and the previous site stays as it was.
    """
    with (
        source_date_epoch(archive) as epoch,
        records_named_in_mkdocs_warnings(archive.records),
        staged_site(project) as staging,
    ):
        site_url = engine(project, staging)
        rewrite_sitemap(staging, archive, site_url, epoch)
        try:
            index_site(staging)
        except SearchIndexFailed as error:
            raise BuildFailed(str(error)) from None
        findings = audit_site(staging, archive, archive.drafts, site_url)
        if findings:
            raise AuditFailed(findings)
    return project.site


def served_folders(project: Project) -> Project:
    """Where `briefing serve` puts its site: beside the docs folder, never the published `site/`."""
    return dataclasses.replace(project, site=project.root / "build" / "serve")


def publish_served(project: Project, archive: Archive, engine: Engine = build_html) -> Path:
    """What `briefing serve` shows: the HTML of the generated docs folder, swapped in whole.

    The same engine and page cache as `publish`, so after a `briefing build` every page comes
    from the cache and after an edit only the pages it changed are rendered again. No search
    index and no audit: at 10,000 records Pagefind alone takes half a minute, so the served
    site searches the last build's index and says when that is older than the records.
    Raises BuildFailed, and the served site stays as it was.
    """
    served = served_folders(project)
    with (
        source_date_epoch(archive),
        records_named_in_mkdocs_warnings(archive.records),
        staged_site(served, in_background=True) as staging,
    ):
        engine(project, staging)
        link_search_index(project, staging)
    return served.site
