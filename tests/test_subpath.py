"""A site published under a sub-path, as GitHub Pages serves a project site (https://OWNER.github.io/REPO/).

The synthetic archive is built for `https://example-org.github.io/archive/` (BRIEFING_SITE_URL, as
the publish workflow sets it, with `--deploy`), served from a parent folder under `/archive/` on
localhost with the site's 404 page for a missing address, and read in Chromium: home, a theme, a
briefing, search results from the header box and the search page, the 404 page's links and a
feed's links all stay inside the site. Every absolute address the site publishes (canonical
links, sitemap, feeds, citations, meta tags, data files) starts with the site's address.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import VIEWPORTS, assert_fits_and_save, serve_folder
from generator.cli.main import main
from generator.project import Project
from synthetic_archive import write_archive

ADDRESS = "https://example-org.github.io/archive/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
COUNT = 60  # synthetic records: listings of several pages, search results to choose from
WIDTH = VIEWPORTS["desktop"]["width"]


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("subpath") / "repository"
    write_archive(root, COUNT)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("BRIEFING_SITE_URL", ADDRESS)
        assert main(["--root", str(root), "build", "--deploy"]) == 0
    return Project.at(root)


@pytest.fixture(scope="module")
def base(subpath_site: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site served at /archive/ of a local server, which answers a missing page with the
    site's 404 page, as GitHub Pages does."""
    parent = tmp_path_factory.mktemp("served")
    (parent / "archive").symlink_to(subpath_site.site, target_is_directory=True)
    with serve_folder(parent, not_found="archive/404.html") as url:
        yield f"{url}/archive/"


def briefings(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "data" / "briefings.json").read_text(encoding="utf-8"))["briefings"]


def text_files(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".bib", ".ris", ".csv", ".txt"):
            yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


@pytest.mark.build
def test_every_absolute_address_of_the_site_starts_with_its_address(subpath_site: Project) -> None:
    own = re.compile(r"https?://example-org\.github\.io[^\s\"'<>)\]]*")
    seen = 0
    for name, text in text_files(subpath_site.site):
        assert "briefing-archive.example.org" not in text, name  # the placeholder
        # A local fallback (the contributor guide may name the preview's address as text).
        assert not re.search(r'"https?://(127\.0\.0\.1|localhost)', text), name
        for address in own.findall(text):
            assert address.startswith(ADDRESS), (name, address)
            seen += 1
    assert seen > 20 * COUNT  # canonical links, sitemap, feeds, citations, data: all of them

    page = (subpath_site.site / "briefings" / briefings(subpath_site.site)[0]["id"] / "index.html").read_text(
        encoding="utf-8"
    )
    permalink = briefings(subpath_site.site)[0]["url"]
    assert permalink.startswith(f"{ADDRESS}briefings/")
    assert f'<link rel="canonical" href="{permalink}">' in page
    assert f'<meta name="citation_public_url" content="{permalink}">' in page
    assert f'<meta property="og:url" content="{permalink}">' in page
    assert permalink in re.sub(r"<[^>]+>", "", page)  # the copy-ready reference


@pytest.mark.build
def test_the_sitemap_lists_every_page_at_the_address_with_its_own_date(subpath_site: Project) -> None:
    tree = ET.parse(subpath_site.site / "sitemap.xml")
    entries = {
        url.findtext(f"{SITEMAP}loc", ""): url.findtext(f"{SITEMAP}lastmod")
        for url in tree.iter(f"{SITEMAP}url")
    }
    assert len(entries) > COUNT
    assert all(loc.startswith(ADDRESS) for loc in entries)
    assert entries[ADDRESS] is not None  # the home page
    for briefing in briefings(subpath_site.site):
        assert entries[briefing["url"]] == (briefing.get("updated") or briefing["date"]), briefing["id"]


@pytest.mark.build
def test_feeds_citations_and_data_files_link_at_the_address(subpath_site: Project) -> None:
    site = subpath_site.site
    feeds = sorted(site.glob("feed*.xml"))
    assert len(feeds) == 5  # the archive's and one per theme
    for feed in feeds:
        tree = ET.parse(feed)
        links = [link.get("href") for link in tree.iter(f"{ATOM}link")]
        assert links and all(str(link).startswith(ADDRESS) for link in links), feed.name
        assert all(
            str(entry.findtext(f"{ATOM}id")).startswith(ADDRESS) for entry in tree.iter(f"{ATOM}entry")
        )
    for feed in sorted(site.glob("feed*.json")):
        data = json.loads(feed.read_text(encoding="utf-8"))
        assert data["home_page_url"].startswith(ADDRESS) and data["feed_url"].startswith(ADDRESS)
        assert all(item["url"].startswith(f"{ADDRESS}briefings/") for item in data["items"]), feed.name

    for briefing in briefings(site):
        permalink, record_id = briefing["url"], briefing["id"]
        assert permalink == f"{ADDRESS}briefings/{record_id}/"
        bib = (site / "cite" / f"{record_id}.bib").read_text(encoding="utf-8")
        assert f"url = {{{permalink}}}" in bib
        assert f"UR  - {permalink}" in (site / "cite" / f"{record_id}.ris").read_text(encoding="utf-8")
        (csl,) = json.loads((site / "cite" / f"{record_id}.json").read_text(encoding="utf-8"))
        assert csl["URL"] == permalink
    data = json.loads((site / "data" / "briefings.json").read_text(encoding="utf-8"))
    assert data["url"] == ADDRESS
    rows = list(csv.DictReader(io.StringIO((site / "data" / "briefings.csv").read_text(encoding="utf-8"))))
    assert len(rows) == COUNT and all(row["url"].startswith(f"{ADDRESS}briefings/") for row in rows)


def local(address: str, base: str) -> str:
    """The local address of a page of the site published at ADDRESS."""
    assert address.startswith(ADDRESS), address
    return base + address.removeprefix(ADDRESS)


def links_stay_inside(page: Any, base: str) -> int:
    """Every link of the open page that leads into this server leads into the site and opens."""
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href.split('#')[0])")
    origin = base.removesuffix("archive/")
    inside = sorted({href for href in hrefs if href.startswith(origin)})
    for href in inside:
        assert href.startswith(base), f"{page.url} links outside the site: {href}"
        response = page.request.get(href)
        assert response.status == 200, f"{page.url} links to {href}: {response.status}"
    return len(inside)


def open_first_result_of_the_search_box(page: Any, base: str, query: str) -> None:
    """Type `query` into the header's search box and open its first briefing."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    result = page.locator(".md-search-result a[href*='briefings/']").first
    result.wait_for(state="visible", timeout=15_000)
    result.click()
    page.wait_for_url(re.compile(re.escape(base) + r"briefings/[a-z0-9-]+/"))


@pytest.mark.browser
def test_home_a_theme_and_a_briefing_under_the_sub_path(page: Any, base: str) -> None:
    response = page.goto(base)
    assert response is not None and response.status == 200
    assert links_stay_inside(page, base) > 20
    assert_fits_and_save(page, WIDTH, "subpath-home")
    page.locator("nav.md-nav--primary a", has_text="Themes").first.click()
    page.wait_for_url(f"{base}themes/")
    page.locator("article a", has_text="Drones").first.click()
    page.wait_for_url(f"{base}themes/drones/")
    assert links_stay_inside(page, base) > 25  # a page of a theme's listing
    assert_fits_and_save(page, WIDTH, "subpath-theme")
    page.locator("article a[href*='briefings/']").first.click()
    page.wait_for_url(re.compile(re.escape(base) + r"briefings/[a-z0-9-]+/$"))
    assert "Synthetic briefing" in page.locator("article h1").inner_text()
    assert links_stay_inside(page, base) > 5  # its themes, neighbours, citation files
    assert_fits_and_save(page, WIDTH, "subpath-briefing")


@pytest.mark.browser
def test_search_results_open_from_the_header_box_and_the_search_page(page: Any, base: str) -> None:
    page.goto(f"{base}timeline/")
    open_first_result_of_the_search_box(page, base, "interceptor")
    assert "interceptor" in page.locator("article").inner_text().lower()

    page.goto(f"{base}search/?q=interceptor")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=15_000)
    href = first.get_attribute("href")
    assert href is not None and href.startswith("/archive/briefings/"), href
    first.click()
    page.wait_for_url(re.compile(re.escape(base) + r"briefings/[a-z0-9-]+/"))
    assert page.locator("article h1").inner_text().startswith("Synthetic briefing")
    assert page.console_errors == []


@pytest.mark.browser
def test_the_404_page_at_any_depth_links_into_the_site(page: Any, base: str) -> None:
    failed: list[str] = []
    page.on("response", lambda answer: failed.append(answer.url) if answer.status >= 400 else None)
    missing = f"{base}briefings/no-such-briefing/or/deeper/"
    response = page.goto(missing)
    assert response is not None and response.status == 404
    assert failed == [missing]  # the page itself; its styles, scripts and icons all load
    page.console_errors.remove(
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    )
    assert "Page not found" in page.locator("article").inner_text()
    article_links = page.locator("article a[href]").evaluate_all("links => links.map(a => a.href)")
    assert sorted(article_links) == [base, f"{base}themes/", f"{base}timeline/"]
    assert links_stay_inside(page, base) > 5  # the nav too
    assert_fits_and_save(page, WIDTH, "subpath-404")
    page.locator("article a", has_text="by theme").click()
    page.wait_for_url(f"{base}themes/")
    page.goto(missing)
    open_first_result_of_the_search_box(page, base, "interceptor")  # it works from here too


@pytest.mark.browser
def test_a_feed_s_links_open_the_briefings_it_lists(page: Any, base: str) -> None:
    feed = ET.fromstring(page.request.get(f"{base}feed-drones.xml").body())
    entries = list(feed.iter(f"{ATOM}entry"))
    assert entries
    for entry in entries[:5]:
        link = entry.find(f"{ATOM}link")
        assert link is not None
        response = page.goto(local(str(link.get("href")), base))
        assert response is not None and response.status == 200
        assert page.locator("article h1").inner_text().removesuffix("¶") == entry.findtext(f"{ATOM}title")
    home = feed.find(f"{ATOM}link[@rel='alternate']")
    assert home is not None and page.request.get(local(str(home.get("href")), base)).status == 200
    assert page.console_errors == []
