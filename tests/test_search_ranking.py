"""Search ranks a record whose title or summary holds the words above records that only mention
them in their notes, however often: Pagefind weighs the page title (its h1) and the summary."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import record_text, serve_folder
from generator.cli.main import main
from generator.project import Project

pytestmark = pytest.mark.browser

MANY = "zephyrquill " * 12


def _archive(make_archive: Callable[..., Project]) -> Project:
    records = {
        "2025/title-match.md": record_text(title="Synthetic zephyrquill talks", date="2025-01-02"),
        "2025/summary-match.md": record_text(
            title="Synthetic second briefing", summary="The zephyrquill programme grows.", date="2025-01-03"
        ),
    }
    for n in range(3):
        records[f"2025/notes-match-{n}.md"] = record_text(
            body=f"Synthetic notes that repeat a word. {MANY}\n\nMore: {MANY}\n",
            title=f"Synthetic notes briefing {n}",
            date=f"2025-02-0{n + 1}",
        )
    project = make_archive(records)
    assert main(["--root", str(project.root), "build"]) == 0
    return project


def test_title_and_summary_matches_rank_first(make_archive: Callable[..., Project], page) -> None:
    project = _archive(make_archive)
    with serve_folder(project.site) as base:
        page.goto(f"{base}/")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("zephyrquill", delay=20)
        items = page.locator(".md-search-result__item")
        items.nth(4).wait_for(state="visible", timeout=10_000)
        links = [items.nth(i).locator("a").get_attribute("href") for i in range(items.count())]
        assert len(links) == 5
        assert "briefings/title-match/" in links[0]
        assert "briefings/summary-match/" in links[1]
        assert page.locator(".md-search-result__meta").inner_text() == "5 matching documents"
        # The words found are marked in the excerpt, as text: nothing from a record becomes markup.
        assert items.nth(2).locator("mark").first.inner_text().lower() == "zephyrquill"
        page.keyboard.press("Escape")
        assert not page.locator("#__search").is_checked()
        assert page.console_errors == []
