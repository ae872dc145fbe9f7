"""`briefing serve`: a live preview on 127.0.0.1 that reloads when a record is edited."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import fixture_records
from generator.cli.main import _parser

TALKS = "2025-01-15-test-talks-round"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(root: Path, port: int, log: Path | None = None, *options: str) -> Iterator[str]:
    """`briefing serve` on `port` until the block ends; its output goes to `log` when given."""
    output = log.open("wb") if log is not None else subprocess.PIPE
    address = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), "serve", "--dev-addr", address, *options],
        stdout=output,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    said = process.stdout.read().decode() if process.stdout else log.read_text()  # type: ignore[union-attr]
                    pytest.fail(f"briefing serve did not start:\n{said}")
                time.sleep(0.2)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if log is not None:
            output.close()  # type: ignore[union-attr]


def test_serve_binds_to_loopback_by_default() -> None:
    assert _parser().parse_args(["serve"]).dev_addr == "127.0.0.1:8000"


@pytest.mark.browser
def test_editing_a_record_updates_the_open_page(make_archive, page) -> None:
    project = make_archive(fixture_records())
    with serving(project.root, free_port()) as base:
        page.goto(f"{base}/briefings/{TALKS}/")
        assert "Synthetic body about talks." in page.locator("article").inner_text()
        record = project.content / f"{TALKS}.md"
        record.write_text(
            record.read_text().replace("Synthetic body about talks.", "Edited LIVEPREVIEW body.")
        )
        # No reload from the test: the live-reload script in the page must do it.
        page.locator("article", has_text="Edited LIVEPREVIEW body.").wait_for(timeout=30_000)
    assert "LIVEPREVIEW" in record.read_text()  # the build never touches content/


@pytest.mark.browser
def test_serve_searches_the_built_index_and_says_when_it_is_older_than_the_records(
    make_archive, page
) -> None:
    from generator.cli.main import main

    project = make_archive(fixture_records())
    assert main(["--root", str(project.root), "build"]) == 0
    with serving(project.root, free_port()) as base:
        page.goto(f"{base}/search/?q=plumbagoflux")
        result = page.locator(".pagefind-ui__result-link").first
        result.wait_for(timeout=15_000)
        assert "interceptor" in result.inner_text().lower()
        assert page.locator(".search-page__stale").count() == 0
        assert page.console_errors == []
        page.goto("about:blank")  # before the server stops: its live-reload poll would fail
    record = project.content / f"{TALKS}.md"
    record.write_text(record.read_text() + "\nEdited after the build.\n")
    with serving(project.root, free_port()) as base:
        page.goto(f"{base}/search/?q=plumbagoflux")
        stale = page.locator(".search-page__stale")
        stale.wait_for(timeout=15_000)
        assert "1 record file(s) changed since" in stale.inner_text()
        assert "briefing build" in stale.inner_text()
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
        assert page.console_errors == []
        page.goto("about:blank")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


def test_a_broken_save_is_reported_at_its_line_and_the_last_good_site_stays_served(
    make_archive, tmp_path
) -> None:
    project = make_archive(fixture_records())
    record = project.content / f"{TALKS}.md"
    good = record.read_text()
    log = tmp_path / "serve.log"
    with serving(project.root, free_port(), log) as base:
        page_url = f"{base}/briefings/{TALKS}/"
        assert "Synthetic body about talks." in fetch(page_url)
        broken = good.replace("date: 2025-01-15", "date: 2025-02-30").replace(
            "Synthetic body about talks.", "BROKENSAVE body."
        )
        record.write_text(broken)
        wait_for(lambda: "was not rebuilt" in log.read_text(), "the broken save to be reported")
        said = log.read_text()
        line = broken.splitlines().index("date: 2025-02-30") + 1
        assert f"content/{TALKS}.md:{line}:" in said
        assert "Traceback" not in said
        assert "Synthetic body about talks." in fetch(page_url)  # the last good page, whole
        record.write_text(good.replace("Synthetic body about talks.", "FIXEDSAVE body."))
        wait_for(lambda: "FIXEDSAVE" in fetch(page_url), "the fixed save to be served")
    assert record.read_text().count("FIXEDSAVE") == 1  # serving never writes content/


@pytest.mark.parametrize("options", [(), ("--poll",)], ids=["notified", "polling"])
def test_each_save_rebuilds_once_and_reading_files_rebuilds_nothing(
    make_archive, tmp_path, options: tuple[str, ...]
) -> None:
    """Told of changes by the system (or polling with --poll), the server rebuilds once for an
    editor's atomic save (a new file renamed over the record) and not at all when files are
    opened and read, as its own rebuilds and a curator's tools do."""
    project = make_archive(fixture_records())
    record = project.content / f"{TALKS}.md"
    log = tmp_path / "serve.log"

    def rebuilds() -> int:
        return sum(line.startswith("Built ") for line in log.read_text().splitlines())

    with serving(project.root, free_port(), log, *options) as base:
        time.sleep(1.5)  # longer than a poll, and than a rebuild of this archive
        assert rebuilds() == 1
        for path in sorted(project.root.joinpath("content").rglob("*.md")):
            path.read_bytes()
        project.root.joinpath("site_config", "themes.yml").read_bytes()
        time.sleep(1.5)
        assert rebuilds() == 1, log.read_text()
        saved = record.with_name(record.name + ".tmp")
        saved.write_text(record.read_text().replace("Synthetic body about talks.", "ATOMICSAVE body."))
        os.replace(saved, record)
        wait_for(lambda: "ATOMICSAVE" in fetch(f"{base}/briefings/{TALKS}/"), "the atomic save to be served")
        time.sleep(1.5)
        assert rebuilds() == 2, log.read_text()


def test_serve_never_touches_the_published_site_and_serves_what_build_would_publish(
    make_archive, tmp_path
) -> None:
    from generator.cli.main import main

    project = make_archive(fixture_records())
    assert main(["--root", str(project.root), "build"]) == 0
    published = {path: path.read_bytes() for path in sorted(project.site.rglob("*")) if path.is_file()}
    record = project.content / f"{TALKS}.md"
    with serving(project.root, free_port(), tmp_path / "serve.log") as base:
        record.write_text(record.read_text().replace("Synthetic body about talks.", "SERVEDEDIT body."))
        served_url = f"{base}/briefings/{TALKS}/"
        wait_for(lambda: "SERVEDEDIT" in fetch(served_url), "the edit to be served")
    after = {path: path.read_bytes() for path in sorted(project.site.rglob("*")) if path.is_file()}
    assert after == published
    # The served pages are the pages a build of the edited archive publishes, byte for byte.
    assert main(["--root", str(project.root), "build"]) == 0
    served = project.root / "build" / "serve"
    for page in (f"briefings/{TALKS}/index.html", "index.html", "themes/diplomacy/index.html"):
        assert (served / page).read_bytes() == (project.site / page).read_bytes(), page


@pytest.mark.parametrize("command", ["serve", "preview"])
def test_a_dev_addr_without_a_port_is_refused_in_one_line(make_archive, capsys, command: str) -> None:
    from generator.cli.main import main

    project = make_archive(fixture_records())
    record = str(project.content / f"{TALKS}.md")
    extra = [record] if command == "preview" else []
    assert main(["--root", str(project.root), command, *extra, "--dev-addr", "localhost"]) == 2
    assert capsys.readouterr().err == "error: --dev-addr must be HOST:PORT, got 'localhost'\n"
    assert not (project.root / "build" / "serve").exists()
