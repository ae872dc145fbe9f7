"""What the MkDocs adapter uses of MkDocs beyond what MkDocs offers plugins, in one place: three
private functions of `mkdocs.commands.build` and the configuration's `_current_page` (the
page-by-page build, `mkdocs_pages.py`), and the live-reload server's versions of the site
(`live_reload.py`). (The build also reads a `Page`'s anchor bookkeeping, `present_anchor_ids`
and `links_to_anchors`, public attributes that `validate_anchor_links` reads; the version check
below covers them too.)

They are MkDocs 1.6.1's, read from its source, and ProperDocs 1.6.7's (the maintained fork,
README "The plan for May 2027"; `BRIEFING_ENGINE=properdocs`), which keeps them under the same
names with the same bodies (its build differs only in naming itself: the generator meta tag
and its loggers' names). A later version may rename or change any of them without notice, and a
build that half works would publish a subtly different site. So the installed version is
checked before a build starts, and any version other than the ones this module was written
against is refused in one line that says what to do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version

import mkdocs
from mkdocs.commands.build import _build_extra_template, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _timestamp
from mkdocs.structure.pages import Page

from generator.publish import ENGINE_VARIABLE

# The engine answering `import mkdocs`: "mkdocs", or "properdocs" under its import hook
# (publish/__init__.py). Its loggers are named after it ("properdocs.structure.pages").
ENGINE = mkdocs.__name__
LOGGER = ENGINE
# The versions whose private functions this module was read against, by engine; each is the one
# the locks install, and the page-by-page build is proved against that engine's own `build()` by
# tests/test_page_build.py (under ProperDocs by tests/test_properdocs.py).
WRITTEN_FOR = {"mkdocs": ("1.6.1",), "properdocs": ("1.6.7",)}
ENGINES = tuple(WRITTEN_FOR)  # what BRIEFING_ENGINE may name

populate_page = _populate_page  # a page's source read and converted, as MkDocs' build does
build_theme_template = _build_theme_template  # 404.html and sitemap.xml, from the theme
build_extra_template = _build_extra_template  # mkdocs.yml's extra_templates


class UnknownEngine(Exception):
    """The installed MkDocs is not one this module was written against."""


def check_engine() -> None:
    """Refuse an engine whose private functions this module has not been read against."""
    asked = os.environ.get(ENGINE_VARIABLE)
    if asked is not None and asked not in ENGINES:
        engines = " or ".join(ENGINES)
        raise UnknownEngine(f"{ENGINE_VARIABLE}={asked!r}: the engine is {engines} (default mkdocs)")
    try:
        installed = version(ENGINE)
    except PackageNotFoundError:
        installed = "none"
    written_for = WRITTEN_FOR.get(ENGINE, ())
    if installed not in written_for:
        raise UnknownEngine(
            f"{ENGINE} {installed} is installed, but the page-by-page build uses private parts of "
            f"{ENGINE} {' or '.join(written_for)} (generator/publish/mkdocs_internals.py); "
            "install the locked versions with `bash .ci/setup`, or read that module against the "
            f"new {ENGINE} and add its version there"
        )


@contextmanager
def current_page(config: MkDocsConfig, page: Page) -> Iterator[None]:
    """`page` as the one being built, as MkDocs' build marks it (Markdown extensions read it)."""
    config._current_page = page
    try:
        yield
    finally:
        config._current_page = None


# MkDocs' live-reload server (mkdocs.livereload, 1.6.1): open pages poll for the site's version
# (`_visible_epoch`), and it serves no page while a rebuild is under way (while that differs
# from `_wanted_epoch`, the version being built). Pages shown before a rebuild ends need both.


def reload_browsers(server: LiveReloadServer) -> None:
    """Let open pages reload now, and be served, though the rebuild goes on."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def another_version(server: LiveReloadServer) -> None:
    """Have open pages reload once more when the rebuild ends (they already hold this version)."""
    with server._epoch_cond:
        server._wanted_epoch = max(_timestamp(), server._visible_epoch + 1)
