"""The pipeline without the engine: records → validated archive → pages → docs folder.

Nothing is written unless every record is valid, so a broken archive is never published.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.archive.model import Archive, build_archive
from generator.files import WriteReport, sync_folder
from generator.pages.data_files import download_files
from generator.pages.feeds import feed_files
from generator.pages.links import PAGE_FOLDER, broken_links
from generator.pages.render import render_site
from generator.pages.site_info import read_site_info
from generator.problems import InvalidRecord, Problem, errors
from generator.project import Project
from generator.records.cache import open_cache
from generator.records.collect import collect_records
from generator.records.themes import load_themes


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


def check_archive(project: Project, only: set[Path] | None = None, *, links: bool = True) -> Checked:
    """Validate the records; with `links`, also links between briefings (`generate` checks all)."""
    try:
        themes = load_themes(
            project.site_config / "themes.yml", project.shown(project.site_config / "themes.yml")
        )
    except InvalidRecord as invalid:
        return Checked(None, invalid.problems, 0)
    slugs = tuple(theme.slug for theme in themes)
    cache = open_cache(project.root / "build" / "cache", slugs)
    collected = collect_records(project.content, project.root, slugs, only, cache.loader())
    if only is None:  # a partial run saw only some records; saving it would drop the others
        cache.save()
    if errors(collected.problems):
        return Checked(None, collected.problems, collected.files)
    archive = build_archive(themes, collected.records)
    if links and only is None:
        # Links between briefings are checked here, cheaply; `generate` checks every link.
        pages = {f"{PAGE_FOLDER}{record.id}.md" for record in archive.records}
        linked = broken_links(archive.records, pages, scope=PAGE_FOLDER)
        if linked:
            return Checked(None, tuple(sorted((*collected.problems, *linked))), collected.files)
    return Checked(archive, collected.problems, collected.files)


def site_files(project: Project, archive: Archive) -> dict[str, bytes]:
    """Every file of the docs folder: generated pages, then hand-written pages and assets."""
    intro = (project.site_config / "home.md").read_text(encoding="utf-8")
    site = read_site_info(project.mkdocs_yml)
    files = {page.path: page.text.encode("utf-8") for page in render_site(archive, intro, site)}
    # Feeds and data files sit in the docs folder, so MkDocs publishes them as static files.
    files |= feed_files(archive, site) | download_files(archive, site)
    for folder, prefix in ((project.site_config / "pages", ""), (project.site_config / "assets", "assets/")):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                files[prefix + path.relative_to(folder).as_posix()] = path.read_bytes()
    # The contributor guide lives at the repository root, where GitHub shows it; the site has it too.
    guide = project.root / "CONTRIBUTING.md"
    if guide.is_file():
        files["contributing.md"] = guide.read_bytes()
    return files


def generate(project: Project) -> Generated:
    checked = check_archive(project, links=False)  # every link is checked below
    if checked.archive is None:
        return Generated(checked, None)
    files = site_files(project, checked.archive)
    linked = broken_links(checked.archive.records, files.keys())
    if linked:
        return Generated(Checked(None, tuple(sorted((*checked.problems, *linked))), checked.files), None)
    return Generated(checked, sync_folder(project.docs, files))
