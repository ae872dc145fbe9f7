"""The built HTML of the synthetic fixture archive: escaping, drafts, themes, search index."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator.project import Project

pytestmark = pytest.mark.build  # builds a whole site

INTERCEPTORS = "2024-11-20-test-air-defense-deliveries"
SCRIPT = "2025-02-01-test-script-title"


def html_of(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def theme_html(site: Path, slug: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((site / "themes" / slug).rglob("*.html")))


def test_script_in_front_matter_shows_as_text_and_never_runs(built_fixture_site: Project) -> None:
    site = built_fixture_site.site
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, html_file
        assert "<img src=x" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), (
            html_file
        )
        assert "<b>Wire</b>" not in html, html_file
    page = html_of(site, f"briefings/{SCRIPT}")
    assert (
        "&lt;script&gt;alert('title')&lt;/script&gt; Test *not emphasis* [not a link](https://example.org)"
        in page
    )
    assert "Test &lt;b&gt;Wire&lt;/b&gt;" in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<script>" not in title and "&lt;script&gt;" in title


def test_record_is_on_its_theme_pages_only(built_fixture_site: Project) -> None:
    site = built_fixture_site.site
    assert "AIRDEFENSE-HIGHLIGHT for the interceptor record" in theme_html(site, "air-defense")
    assert "INDUSTRY-HIGHLIGHT for the interceptor record" in theme_html(site, "defense-industry")
    for other in ("diplomacy", "drones"):
        assert INTERCEPTORS not in theme_html(site, other)


def test_draft_is_nowhere_in_the_site(built_fixture_site: Project) -> None:
    for path in built_fixture_site.site.rglob("*"):
        if path.is_file():
            assert b"DRAFTSECRET" not in path.read_bytes(), path


def search_pages(site: Path) -> dict[str, str]:
    """Every page in the Pagefind index (every part's bundle): its path, title and indexed text."""
    pages: dict[str, str] = {}
    for fragment in site.glob("pagefind/**/fragment/*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        entry = json.loads(data[data.index(b"{") :])  # after Pagefind's signature bytes
        pages[entry["url"].strip("/")] = entry["meta"]["title"] + " " + entry["content"]
    return pages


def test_search_index_holds_every_published_record_with_its_words(built_fixture_site: Project) -> None:
    site = built_fixture_site.site
    pages = search_pages(site)
    page = pages[f"briefings/{INTERCEPTORS}"]
    for word in (
        "interceptor missiles",
        "quasarzebra",
        "plumbagoflux",
        "Synthetic summary about interceptor",
    ):
        assert word in page, word
    assert not any("DRAFTSECRET" in text for text in pages.values())
    # Listings repeat every title; only the pages a reader looks for are indexed.
    assert {page.split("/")[0] for page in pages} <= {"briefings", "people", "about", "data"}
    # Material's single index file, which every reader downloaded whole, is gone.
    assert not (site / "search" / "search_index.json").exists()


def test_briefing_pages_stay_out_of_the_navigation(built_fixture_site: Project) -> None:
    home = html_of(built_fixture_site.site, "")
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0]
    assert "briefings/" not in nav
    for entry in ("Themes", "Timeline", "People", "About"):
        assert entry in nav


def test_tags_link_to_their_own_pages_and_the_index_counts_them(built_fixture_site: Project) -> None:
    page = html_of(built_fixture_site.site, f"briefings/{INTERCEPTORS}")
    assert 'href="../../tags/interceptors/"' in page
    tag = html_of(built_fixture_site.site, "tags/interceptors")
    assert INTERCEPTORS in tag and "20 November 2024" in tag
    index = html_of(built_fixture_site.site, "tags")
    assert 'href="interceptors/">interceptors</a>&nbsp;<span class="listing-count">(1)</span>' in index
