"""The MkDocs adapter: `mkdocs.yml` loaded by MkDocs, and the docs folder built into HTML.

`load_mkdocs_config` reads `mkdocs.yml` with MkDocs' own loader (so `!ENV`, defaults and
validation are MkDocs'), once per build (`pipeline.load_site_config`): the generator gets the
plain values it needs from it (`site_settings`), and the HTML build the same loaded config. A
setting MkDocs finds wrong is refused in one line naming the key. The HTML build runs page by
page on every core (`publish/mkdocs_pages.py`, the other module of the adapter); the adapter
also keeps MkDocs' log quiet and tells MkDocs' link warnings about a briefing page at the
record's file and line. The private parts of MkDocs the page-by-page build uses are in
`publish/mkdocs_internals.py`, which checks the installed version; besides these three modules,
only the hook and the live-reload server import MkDocs.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Material prints a banner about MkDocs 2.0 on every build unless this is set before it loads.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.plugins import PluginCollection

from generator.archive.urls import PAGE_FOLDER
from generator.files import Tree
from generator.output_index import DOCS, written_keys
from generator.problems import Problem, Refused, Severity
from generator.project import CONFIG_FILE, SITE_URL_VARIABLE, Project
from generator.publish import nav_section
from generator.publish.mkdocs_internals import LOGGER, UnknownEngine
from generator.publish.mkdocs_pages import BuiltPages, EarlyPages, PageFacts, PageSite, build_site
from generator.publish.mkdocs_pages import render_early as render_pages_early
from generator.records.body_links import link_targets
from generator.records.record import Record

# The engine's loaded configuration, as the rest of the pipeline names it.
EngineConfig = MkDocsConfig
# The hook (`hooks:` in mkdocs.yml) runs the generator for plain `mkdocs build`; here the generator
# has run already, so of the hook only the nav-section highlight it passes on is kept.
_HOOK = Path(__file__).resolve().parent.parent / "hook.py"


class BuildFailed(Exception):
    """MkDocs reported warnings or errors; the message says how many."""


def load_mkdocs_config(project: Project, *, strict: bool = True, **overrides: Any) -> MkDocsConfig:
    """`mkdocs.yml` loaded by MkDocs, for building `project.docs` into `project.site`.

    `overrides` replace settings of the file (as `mkdocs build`'s options do). Raises Refused
    with one problem per setting MkDocs finds wrong."""
    with _config_problems() as problems:
        try:
            config = load_config(
                str(project.mkdocs_yml),
                strict=strict,
                docs_dir=str(project.docs),
                site_dir=str(project.site),
                **overrides,
            )
        except MkDocsException as error:  # Abort and ConfigurationError (a missing file, bad YAML)
            # Under strict, MkDocs' warnings about settings stopped the load: they are errors here.
            found = [dataclasses.replace(problem, severity="error") for problem in problems]
            raise Refused(found or [Problem(CONFIG_FILE, 0, " ".join(str(error).split()))]) from None
    _keep_only_nav_section_of_hook(config)
    return config


def site_settings(config: Any) -> dict[str, Any]:
    """What the generator reads of a loaded config (`load_mkdocs_config`'s, or the hook's), as
    `pages.site_info.site_info` takes it."""
    return {
        "url": config.site_url,
        "name": config.site_name,
        "description": config.site_description,
        "language": config.theme.get("language"),
        "extra": config.extra,
    }


class _ConfigMessages(logging.Handler):
    """MkDocs' "Config value 'key': message" lines, kept as problems instead of printed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(logging.WARNING)
        self.problems = problems
        self.warnings: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        found = re.match(r"Config value '([^']*)': (.*)", record.getMessage(), re.DOTALL)
        if not found:
            self.warnings.append(record)
            return
        key, message = found.groups()
        if key == "site_url" and os.environ.get(SITE_URL_VARIABLE) is not None:
            message += f" ({SITE_URL_VARIABLE}={os.environ[SITE_URL_VARIABLE]!r})"
        severity: Severity = "error" if record.levelno >= logging.ERROR else "warning"
        self.problems.append(Problem(CONFIG_FILE, 0, f"{key}: {' '.join(message.split())}", severity))


@contextmanager
def _config_problems() -> Iterator[list[Problem]]:
    """While MkDocs loads the config: its messages about settings as problems. Warnings that do
    not stop the load are logged again afterwards, as MkDocs would have."""
    logger = logging.getLogger(f"{LOGGER}.config")
    problems: list[Problem] = []
    handler = _ConfigMessages(problems)
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield problems
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    for problem in problems:
        logger.warning(problem.as_text())
    for record in handler.warnings:
        logger.handle(record)


def _keep_only_nav_section_of_hook(config: MkDocsConfig) -> None:
    """Take the generator's hook out of the plugins MkDocs would run, keeping its nav-section
    highlight (which the page-by-page build reproduces); any other plugin or hook stays."""
    plugins = PluginCollection()
    for name, plugin in config.plugins.items():
        plugins[name] = nav_section if _is_our_hook(plugin) else plugin  # type: ignore[assignment]
    config["plugins"] = plugins


def _is_our_hook(plugin: object) -> bool:
    file = getattr(plugin, "__file__", None)  # a hook is a module; a plugin has no file of its own
    return isinstance(file, str) and Path(file).resolve() == _HOOK


def quiet_mkdocs_logging(verbose: bool = False) -> None:
    """Show MkDocs warnings and errors (and INFO lines only when asked), once."""
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    if not any(getattr(handler, "_briefing", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler._briefing = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.propagate = False


@dataclass(frozen=True)
class BuiltSite:
    """What the engine made: the site's address and what it knows of the pages it put in place."""

    url: str  # the configured `site_url` ("" when there is none)
    pages: BuiltPages


def build_html(
    project: Project,
    config: MkDocsConfig,
    tree: Tree,
    facts: PageFacts,
    first: Callable[[str], bool] = lambda path: False,
    when_first: Callable[[Mapping[str, str] | None], None] = lambda keys: None,
    written: Mapping[str, str] | None = None,
    kept: PageSite | None = None,
    save: bool = True,
) -> BuiltSite:
    """`mkdocs build` of the already generated docs folder into `tree` (the config's own folder
    is replaced: each build has its spare site), on every core.

    Pages whose inputs are unchanged since the last build come from the page cache in
    `build/cache/html/` (`publish/mkdocs_pages.py`); the pages `first` picks are put in place
    first, and then `when_first` is called. `written` names the docs files by what the
    generator wrote there (read from its index when not given); `kept` is the last build of
    this process (`BuiltSite.pages.site`), and without `save` the caller writes its page cache's
    index (`PageSite.save`)."""
    config["site_dir"] = str(tree.folder)
    try:
        # What the generator wrote into the docs folder names each page's Markdown: not read again.
        if written is None:
            written = written_keys(project.cache, DOCS, project.docs)
        pages = build_site(
            config, project.cache / "html", tree, facts, first, when_first, written, kept, save
        )
    except (Abort, MkDocsException, UnknownEngine) as error:
        raise BuildFailed(str(error) or type(error).__name__) from None
    return BuiltSite(str(config.site_url or ""), pages)


def render_early(
    project: Project,
    config: MkDocsConfig,
    kept: PageSite | None,
    docs_paths: Sequence[str],
    going: Sequence[str] = (),
) -> EarlyPages | None:
    """The HTML of these docs pages, rendered now with this process's last build of the site
    (`kept`), before the whole site is built, and the site paths of the pages of `going`; None
    when that build cannot render them alike (`mkdocs_pages.render_early`)."""
    if kept is None:
        return None
    try:
        return render_pages_early(config, project.cache / "html", kept, docs_paths, going)
    except (Abort, MkDocsException, UnknownEngine):
        return None  # the build of the whole site says what is wrong


def build_relaxed_html(config: MkDocsConfig) -> None:
    """MkDocs' own build of a config loaded without --strict (a preview's partial site)."""
    build(config, dirty=False)


# MkDocs names the generated page ("Doc file 'briefings/<id>.md' contains a link …"); what it finds
# beyond `pages/links.py` (a missing anchor, say) is told at the record instead.
_MKDOCS_LINK = re.compile(
    rf"^Doc file '{PAGE_FOLDER}([a-z0-9]+(?:-[a-z0-9]+)*)\.md' "
    r"contains (?:a|an \w+(?: \w+)?) link (?:to )?'([^']*)'"
)


class RecordLocations(logging.Filter):
    """Prefix MkDocs' link warnings about a briefing page with its record's `path:line:`."""

    def __init__(self, records: Iterable[Record]) -> None:
        super().__init__()
        self._records = {record.id: record for record in records}

    def filter(self, entry: logging.LogRecord) -> bool:
        found = _MKDOCS_LINK.match(entry.getMessage())
        record = self._records.get(found.group(1)) if found else None
        if found and record is not None:
            offsets = [offset for offset, target in link_targets(record.body) if target == found.group(2)]
            line = record.line_at(offsets[0]) if offsets else record.body_line
            entry.msg, entry.args = f"{record.path}:{line}: {entry.getMessage()}", ()
        return True


@contextmanager
def records_named_in_mkdocs_warnings(records: Iterable[Record]) -> Iterator[None]:
    """While MkDocs builds, its link warnings about briefing pages name the record and line."""
    logger = logging.getLogger(f"{LOGGER}.structure.pages")
    located = RecordLocations(records)
    logger.addFilter(located)
    try:
        yield
    finally:
        logger.removeFilter(located)
