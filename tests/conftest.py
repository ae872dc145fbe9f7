"""Shared fixtures: temporary archives built from the real site_config and synthetic records."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.archive.model import Archive
from generator.cli.main import main
from generator.pipeline import generate
from generator.project import SITE_URL_VARIABLE, Project
from synthetic_archive import FIXTURES, REPO, copy_config, enable_search_parts, write_archive

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Sites are built at mkdocs.yml's placeholder address unless a test gives one.
os.environ.pop(SITE_URL_VARIABLE, None)


def record_text(body: str = "Synthetic test record body.\n", **fields: str) -> str:
    """A valid record (synthetic, for tests) with `fields` replacing or adding front-matter lines.

    Each value is the YAML text after `key:`; pass None-like "" to drop a field.
    """
    defaults: dict[str, str | None] = {
        "title": "Synthetic test briefing",
        "date": "2025-03-04",
        "themes": "[diplomacy]",
        "source": None,
        "summary": "A synthetic record used by the test suite.",
    }
    defaults.update(fields)
    if defaults["source"] is None:
        # A URL of its own per title and date, so that distinct records do not look like duplicates.
        words = "-".join(re.findall(r"[a-z0-9]+", str(defaults["title"]).lower()))
        url = f"https://example.org/test/{defaults['date']}/{words}"
        # With an archived copy (else `briefing check` warns), in three lines as before it had
        # one, so that the lines tests expect stay where they were: `url` on the third.
        archived = f"https://archive.example.org/web/{defaults['date']}/{url}"
        defaults["source"] = f"\n  {{name: Test Wire, archived: {archived},\n  url: {url}}}"
    lines = [
        f"{key}: {value}" if not value.startswith("\n") else f"{key}:{value}"
        for key, value in defaults.items()
        if value is not None and value != ""
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + textwrap.dedent(body)


BUILT_SITES = frozenset(
    {
        "built_fixture_site",
        "built_fixture_parts_site",
        "built_parts_site",
        "built_real_site",
        "built_handful_site",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads a built site is a `build` test, even when the build is shared."""
    for item in items:
        if BUILT_SITES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture
def make_archive(tmp_path: Path) -> Callable[..., Project]:
    """Make an archive folder with the real configuration and the given records.

    `records` maps a path under content/ (e.g. "2025/a.md") to its text.
    """

    def make(records: dict[str, str | bytes], root: Path | None = None) -> Project:
        root = root or tmp_path / "archive"
        root.mkdir(parents=True, exist_ok=True)
        copy_config(root)
        (root / "content").mkdir(exist_ok=True)
        for relative, text in records.items():
            path = root / "content" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return Project.at(root)

    return make


def found(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """`re.search` that fails the test, naming the pattern, when nothing matches."""
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found"
    return match


def fixture_records() -> dict[str, str]:
    """The synthetic records in tests/fixtures/records, keyed by their path under content/."""
    folder = FIXTURES / "records"
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}


def _built_site(
    factory: pytest.TempPathFactory, name: str, records: Path, people: Path, *, parts: bool = False
) -> Project:
    """An archive of `records` with this repository's configuration, built with `briefing build`
    (with the search index in parts when `parts`)."""
    root = factory.mktemp(name)
    copy_config(root, people)
    if parts:
        enable_search_parts(root)
    shutil.copytree(records, root / "content")
    assert main(["--root", str(root), "build"]) == 0
    return Project.at(root)


@pytest.fixture(scope="session")
def generated_fixture_archive(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The synthetic fixture archive (tests/fixtures/records) with its docs folder generated, once.

    For tests that only read the generated Markdown; a test that edits files makes its own archive.
    """
    root = tmp_path_factory.mktemp("fixture-docs")
    copy_config(root)
    shutil.copytree(FIXTURES / "records", root / "content")
    project = Project.at(root)
    assert generate(project).report is not None
    return project


@pytest.fixture(scope="session")
def built_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The synthetic fixture archive (tests/fixtures/records), built once."""
    return _built_site(tmp_path_factory, "fixture-site", FIXTURES / "records", FIXTURES / "people.yml")


# Hundreds of records, as readers will soon see: 400 name 200 people (bench/synthetic.py).
SYNTHETIC_COUNT = 400
HANDFUL = 5


@pytest.fixture(scope="session")
def built_synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A synthetic archive of SYNTHETIC_COUNT records (bench/synthetic.py; every record says it
    is synthetic), every 20th with an approximate date, built once with `briefing build`."""
    return _synthetic_site(tmp_path_factory, "synthetic-site", parts=False)


@pytest.fixture(scope="session")
def built_handful_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A synthetic archive of HANDFUL records spread over five years, built once: what a
    reader sees between the single real record and hundreds."""
    root = tmp_path_factory.mktemp("handful-site")
    write_archive(root, HANDFUL)  # with the synthetic people vocabulary
    assert main(["--root", str(root), "build"]) == 0
    return Project.at(root)


@pytest.fixture(scope="session")
def built_parts_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The same synthetic archive, built with the search index in parts (`search_parts: year`)."""
    return _synthetic_site(tmp_path_factory, "synthetic-parts-site", parts=True)


@pytest.fixture(scope="session")
def built_fixture_parts_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fixture archive built with the search index in parts."""
    return _built_site(
        tmp_path_factory, "fixture-parts-site", FIXTURES / "records", FIXTURES / "people.yml", parts=True
    )


def _synthetic_site(factory: pytest.TempPathFactory, name: str, *, parts: bool) -> Project:
    root = factory.mktemp(name)
    write_archive(root, SYNTHETIC_COUNT)  # with the synthetic people vocabulary
    if parts:
        enable_search_parts(root)
    for number, path in enumerate(sorted((root / "content").rglob("*.md"))):
        if number % 20 == 0:
            text = path.read_text(encoding="utf-8")
            note = 'date_note: "Synthetic: an approximate date, for the tests."\n'
            path.write_text(text.replace("\nthemes:", "\n" + note + "themes:", 1), encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    return Project.at(root)


@pytest.fixture(scope="session")
def archive_10000(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """The synthetic archive at 10,000 records (tests/synthetic_archive.py), checked but not
    built: its pages are rendered where a test needs them, shown in the place of a built page's
    part."""
    from generator.pipeline import check_archive

    root = tmp_path_factory.mktemp("archive-10000")
    write_archive(root, 10_000)  # with this repository's configuration
    archive = check_archive(Project.at(root), links=False).archive
    assert archive is not None and len(archive.records) == 10_000
    return archive


@pytest.fixture(scope="session")
def built_real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real archive (content/ of this repository), built once into a temporary folder."""
    return _built_site(tmp_path_factory, "real-site", REPO / "content", REPO / "site_config" / "people.yml")


@contextlib.contextmanager
def serve_folder(folder: Path, not_found: str | None = None) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1 (an ephemeral port); yields the base URL. With
    `not_found` (a file's path in `folder`), a missing page gets that file with status 404, as
    GitHub Pages serves a site's 404.html."""
    handler = functools.partial(_QuietHandler, directory=str(folder), not_found=not_found)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, not_found: str | None = None, **kwargs: Any) -> None:
        self.not_found = not_found
        super().__init__(*args, **kwargs)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory, self.not_found) if self.not_found else None
        if code != 404 or page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright; requests leaving 127.0.0.1 are refused."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    assert executable, "Chromium is needed for the browser tests (.ci/test installs it)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Where the browser tests save their screenshots: test-artifacts/ of the repository, or
# BRIEFING_SCREENSHOTS.
SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", REPO / "test-artifacts" / "screenshots"))


def assert_fits_and_save(page: Any, width: int, name: str, *, full_page: bool = True) -> Path:
    """The open page is no wider than the screen (no sideways scrolling on a phone), logged no
    error, and is saved as SCREENSHOTS/`name`.png for a person to look at."""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=full_page)
    assert target.stat().st_size > 10_000
    assert page.console_errors == []
    return target


def local_only(route: Any) -> None:
    if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def open_in_place(page: Any, address: str, html: str) -> None:
    """Open `address` with `html` served in the place of the built page there: a built page with
    one part swapped for what a larger archive would put there."""
    page.route(address, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page.goto(address)
    page.wait_for_load_state("networkidle")


@contextlib.contextmanager
def reader_page(browser: Any, viewport: str, scheme: str = "light") -> Iterator[Any]:
    """A page as a reader on `viewport` ("desktop" or "phone", a touch screen) sees it in the
    light or dark `scheme`, errors recorded in `page.console_errors`, nothing fetched from
    outside 127.0.0.1."""
    phone = viewport == "phone"
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], is_mobile=phone, has_touch=phone, color_scheme=scheme
    )
    context.route("**/*", local_only)
    opened = context.new_page()
    opened.console_errors = []
    opened.on("console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: opened.console_errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def viewport_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page in the viewport named by the test's `viewport` parameter, errors recorded."""
    with reader_page(browser, request.node.callspec.params["viewport"]) as opened:
        yield opened


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh desktop browser page that records console errors in `page.console_errors`."""
    with reader_page(browser, "desktop") as opened:
        yield opened


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from what the generator writes now (review it with git diff)",
    )
