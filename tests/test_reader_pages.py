"""Pages for readers: bounded theme and timeline pages with a page per year, people pages,
citation and related briefings, meta tags, the 404 page and the print stylesheet."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

import pytest

from conftest import fixture_records, found, record_text
from generator.archive.model import build_archive
from generator.archive.related import WINDOW, find_related
from generator.pages.paging import PER_PAGE
from generator.pipeline import generate
from generator.project import Project
from generator.records.load import parse_record
from generator.records.themes import Theme

THEMES = ("diplomacy", "air-defense", "drones", "defense-industry")
SITE = "https://briefing-archive.example.org/"
INTERCEPTORS = "2024-11-20-test-air-defense-deliveries"
TALKS = "2025-01-15-test-talks-round"
NONE = "\u2013"  # an en dash: the timeline's count of a month without briefings


def md(project: Project, path: str) -> str:
    return (project.docs / path).read_text(encoding="utf-8")


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def many_drone_records(count: int) -> dict[str, str]:
    """`count` synthetic drone records, one every ten days from 1 January 2023."""
    records = {}
    for n in range(count):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=10 * n)
        records[f"{day.isoformat()}-synthetic-{n:03d}.md"] = record_text(
            title=f"Synthetic drone briefing number {n:03d}", date=day.isoformat(), themes="[drones]"
        )
    return records


def briefings_part(person_page: str) -> str:
    """A person page's briefings, which follow their quotes."""
    return re.split(r"\n## (?:Briefings of|Latest in) ", person_page, maxsplit=1)[1]


def linked_ids(text: str) -> list[str]:
    """The briefings a page links to (not to a part of one), in order."""
    return re.findall(r'briefings/([a-z0-9-]+)/"', text)


def older(project: Project, path: str) -> str:
    """The docs path of the page the "Older" link of the page at `path` leads to, or ""."""
    found = re.search(
        r'<a class="pager-step" href="([^"]+)" rel="next"><span>Older</span> →</a>', md(project, path)
    )
    if not found:
        return ""
    address = posixpath.normpath(posixpath.join(path.removesuffix(".md") + "/", found.group(1)))
    return address + ".md"


def older_pages(project: Project, path: str) -> list[str]:
    """The Markdown of a listing's pages, from `path` on, following each page's "Older" link."""
    pages = []
    while path:
        pages.append(md(project, path))
        path = older(project, path)
    return pages


def test_theme_page_shows_the_newest_and_a_page_per_year_holds_every_record(make_archive) -> None:
    project = make_archive(many_drone_records(80))  # 2023-01-01 … 2025-03-01
    generate(project)
    theme = md(project, "themes/drones.md")
    newest = linked_ids(theme)
    assert len(newest) == PER_PAGE
    assert newest[0] == "2025-03-01-synthetic-079" and newest == sorted(newest, reverse=True)
    assert "80 briefings, newest first, 25 a page: this is page 1 of 4." in theme
    assert re.findall(
        r'<a href="../../themes/drones/(\d+)/">\1</a>&nbsp;<span class="listing-count">\((\d+)\)', theme
    ) == [
        ("2025", "6"),
        ("2024", "37"),
        ("2023", "37"),
    ]
    for year, count in ((2025, 6), (2024, 37), (2023, 37)):
        listed = [i for text in older_pages(project, f"themes/drones/{year}.md") for i in linked_ids(text)]
        assert len(listed) == count and all(found.startswith(str(year)) for found in listed)
        assert listed == sorted(listed, reverse=True)
    assert '<a href="../../feed-drones.xml">Atom feed</a>' in theme
    assert '<a href="../../feed-drones.json">JSON Feed</a>' in theme


def test_older_links_from_a_theme_page_reach_every_briefing_exactly_once(make_archive) -> None:
    project = make_archive(many_drone_records(80))
    generate(project)
    pages = older_pages(project, "themes/drones.md")
    seen = [found for text in pages for found in linked_ids(text)]
    assert len(pages) == 4
    assert len(seen) == 80 and len(set(seen)) == 80 and seen == sorted(seen, reverse=True)
    last = md(project, "themes/drones/page/4.md")
    assert '<a class="pager-step" href="../3/" rel="prev">← <span>Newer</span></a>' in last
    assert '<a class="pager-page" href="../../">1</a>' in last
    assert '<span class="pager-page" aria-current="page">4</span>' in last


def test_timeline_counts_per_month_and_a_page_per_year(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    timeline = md(project, "timeline.md")
    assert "| Month | Diplomacy | Air defense | Drones | Defense industry | All |" in timeline
    assert (
        f"| [November 2024](timeline/2024.md#november-2024) | {NONE} | [1](themes/air-defense/2024.md#november-2024)"
        f" | {NONE} | [1](themes/defense-industry/2024.md#november-2024) | **[1](timeline/2024.md#november-2024)** |"
    ) in timeline
    assert (
        "| [January 2025](timeline/2025.md#january-2025) | [1](themes/diplomacy/2025.md#january-2025)"
        f" | {NONE} | {NONE} | {NONE} "
        "| **[1](timeline/2025.md#january-2025)** |"
    ) in timeline
    assert linked_ids(timeline) == []  # the counts page stays small: briefings are on year pages
    assert (
        timeline.count('<div class="timeline-chart" ')
        == timeline.count('<svg class="timeline-chart__bars"')
        == 1
    )
    assert linked_ids(md(project, "timeline/2025.md")) == ["2025-02-01-test-script-title", TALKS]
    assert linked_ids(md(project, "timeline/2024.md")) == [INTERCEPTORS]


def test_person_page_lists_every_briefing_and_quote(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    alpha = md(project, "people/test-minister-alpha.md")
    assert linked_ids(briefings_part(alpha)) == [TALKS, INTERCEPTORS]
    assert "Named in 2 briefings, with 1 quote." in alpha
    assert "“Synthetic quote about the skies quasarzebra.”" in alpha
    beta = md(project, "people/test-envoy-beta.md")
    assert linked_ids(beta) == [TALKS] and "## Quotes" not in beta


def test_briefing_page_has_citation_related_updates_and_corrections(make_archive) -> None:
    corrected = record_text(
        title="Synthetic corrected briefing",
        date="2025-01-20",
        themes="[diplomacy]",
        people="[Test Envoy Beta]",
        updated="2025-01-22",
        corrections="\n  - date: 2025-01-23\n    text: Synthetic correction of a date.",
    )
    project = make_archive({**fixture_records(), "2025-01-20-synthetic-corrected.md": corrected})
    generate(project)
    page = md(project, "briefings/2025-01-20-synthetic-corrected.md")
    assert (
        '<time datetime="2025-01-20">20 January 2025</time> · updated '
        '<time datetime="2025-01-22">22 January 2025</time> · <a href="#corrections">1 correction</a>'
    ) in page
    assert (
        '## Corrections\n\n<ul class="corrections"><li><time datetime="2025-01-23">23 January 2025</time>: '
        "Synthetic correction of a date.</li></ul>"
    ) in page
    # The source, then its archived copy beside it.
    source = "https://example.org/test/2025-01-20/synthetic-corrected-briefing"
    assert (
        f'<dt>Source</dt><dd><a href="{source}">Test Wire</a> '
        f'(<a href="https://archive.example.org/web/2025-01-20/{source}">archived copy</a>)</dd>'
    ) in page
    citation = found(r"<pre><code>(.*?)</code></pre>", page).group(1)
    assert citation == (
        "Briefing Archive. “Synthetic corrected briefing.” 20 January 2025, updated 22 January 2025. "
        f"{SITE}briefings/2025-01-20-synthetic-corrected/. Original source: Test Wire, https://example.org/test/2025-01-20/synthetic-corrected-briefing"
        " (archived copy: https://archive.example.org/web/2025-01-20/https://example.org/test/2025-01-20/synthetic-corrected-briefing)."
        ' Accessed <span class="access-date">[date you read it]</span>.'
    )
    related = page.split("## Related briefings")[1].split("##")[0]
    # The talks record shares a theme and a person; the interceptor record shares nothing.
    assert linked_ids(related) == [TALKS]


def test_markup_in_a_record_stays_text_in_the_citation(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    page = md(project, "briefings/2025-02-01-test-script-title.md")
    citation = found(r"<pre><code>(.*?)</code></pre>", page).group(1)
    assert citation.startswith(
        "Briefing Archive. “&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; Test"
    )
    assert "Original source: Test &lt;b&gt;Wire&lt;/b&gt;." in citation


def load(records: dict[str, str]):
    loaded = [parse_record(text.encode(), name, name[:-3], THEMES)[0] for name, text in records.items()]
    themes = [Theme(slug, slug.title(), "material/star", "Synthetic.") for slug in THEMES]
    return build_archive(themes, loaded)


def test_related_ranks_shared_keys_then_closeness_in_date() -> None:
    archive = load(
        {
            "a.md": record_text(date="2025-03-01", tags="[rare-tag]", people="[Test P]"),
            "near.md": record_text(date="2025-03-02"),  # one theme shared, a day away
            "far.md": record_text(date="2024-01-01"),  # one theme shared, a year away
            "tagged.md": record_text(date="2020-01-01", tags="[rare-tag]"),  # theme and tag
            "both.md": record_text(date="2019-01-01", tags="[rare-tag]", people="[Test P]"),
            "other.md": record_text(date="2025-03-01", themes="[drones]"),  # nothing shared
        }
    )
    related = find_related(archive.records)
    by_id = {record.id: [r.id for r in related.of(record)] for record in archive.records}
    assert by_id["a"] == ["both", "tagged", "near", "far"]
    assert "other" not in by_id["a"] and by_id["other"] == []


def test_related_finds_a_rare_shared_tag_among_thousands_on_one_theme() -> None:
    records = {
        f"r{n:04d}.md": record_text(date=(dt.date(2020, 1, 1) + dt.timedelta(days=n)).isoformat())
        for n in range(10 * WINDOW + 400)
    }
    records["r0000.md"] = record_text(date="2020-01-01", tags="[rare-tag]")
    records["r0500.md"] = record_text(date="2021-05-15", tags="[rare-tag]")
    archive = load(records)
    related = find_related(archive.records, limit=5)
    ranked = [r.id for r in related.of(next(r for r in archive.records if r.id == "r0500"))]
    assert ranked[0] == "r0000"  # 500 days away, but the only record sharing a tag
    assert len(ranked) == 5 and all(r.meta.themes == ["diplomacy"] for r in archive.records)


def test_built_briefing_page_carries_citation_and_preview_meta(built_fixture_site: Project) -> None:
    page = html(built_fixture_site.site, f"briefings/{INTERCEPTORS}")
    head = page.split("</head>")[0]
    for tag in (
        '<meta name="citation_title" content="Test partners pledge interceptor missiles">',
        '<meta name="citation_publication_date" content="2024/11/20">',
        '<meta name="citation_publisher" content="Briefing Archive">',
        f'<meta name="citation_public_url" content="{SITE}briefings/{INTERCEPTORS}/">',
        '<meta property="og:title" content="Test partners pledge interceptor missiles">',
        f'<meta property="og:url" content="{SITE}briefings/{INTERCEPTORS}/">',
        '<meta name="twitter:card" content="summary">',
        '<link rel="alternate" type="application/atom+xml" title="Briefing Archive (Atom)" '
        'href="../../feed.xml">',
    ):
        assert tag in head, tag
    assert '<div class="admonition info citation" data-pagefind-ignore="all">' in page
    assert 'href="../../briefings/2025-01-15-test-talks-round/"' in page.split('id="related-briefings"')[1]


def test_built_script_record_meta_is_escaped_once(built_fixture_site: Project) -> None:
    head = html(built_fixture_site.site, "briefings/2025-02-01-test-script-title").split("</head>")[0]
    assert '<meta property="og:description" content="&lt;img src=x onerror=alert(1)&gt; Summary' in head
    assert "<img" not in head and "&amp;lt;" not in head


def test_built_theme_page_advertises_its_feeds(built_fixture_site: Project) -> None:
    page = html(built_fixture_site.site, "themes/drones")
    head = page.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" title="Drones (Atom)" ' in head
    assert 'href="../../feed-drones.json"' in head
    body = page.split("</head>")[1]
    assert 'href="../../feed-drones.xml"' in body
    assert (built_fixture_site.site / "feed-drones.xml").is_file()


def test_built_site_has_a_404_page_and_a_print_stylesheet(built_fixture_site: Project) -> None:
    site = built_fixture_site.site
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in missing and "Browse every briefing by date" in missing
    assert 'href="/assets/print.css"' in missing or "assets/print.css" in missing
    stylesheet = (site / "assets/print.css").read_text(encoding="utf-8")
    assert "@media print" in stylesheet and ".md-header" in stylesheet
    assert "assets/print.css" in html(site, f"briefings/{INTERCEPTORS}")


def test_a_person_in_many_briefings_gets_numbered_pages_and_a_page_per_year(make_archive) -> None:
    records = {}
    for n in range(120):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=10 * n)
        quote = (
            f"\n  - text: Synthetic quote number {n:03d}.\n    by: Test Person Many" if n % 10 == 0 else ""
        )
        records[f"{day.isoformat()}-synthetic-{n:03d}.md"] = record_text(
            title=f"Synthetic briefing {n:03d}", date=day.isoformat(), people="[Test Person Many]",
            **({"quotes": quote} if quote else {}),
        )  # fmt: skip
    project = make_archive(records)
    generate(project)
    page = md(project, "people/test-person-many.md")
    assert "Named in 120 briefings, with 12 quotes." in page
    assert len(linked_ids(briefings_part(page))) == PER_PAGE
    folder = project.docs / "people" / "test-person-many"
    numbered = sorted((folder / "page").glob("*.md"), key=lambda path: int(path.stem))
    assert [path.stem for path in numbered] == [
        "2",
        "3",
        "4",
        "5",
    ]  # 120 briefings: four pages of 25, one of 20
    every_page = [page, *(path.read_text(encoding="utf-8") for path in numbered)]
    listed = [i for text in every_page for i in linked_ids(briefings_part(text))]
    quotes = [q for text in every_page for q in re.findall(r"Synthetic quote number (\d+)", text)]
    assert listed == sorted((name[:-3] for name in records), reverse=True)  # newest first, each once
    assert sorted(quotes) == [f"{n:03d}" for n in range(0, 120, 10)]
    years = sorted(folder.glob("*.md"))
    assert [y.stem for y in years] == ["2023", "2024", "2025", "2026"]
    for year in years:
        assert f'<a href="../../people/test-person-many/{year.stem}/">{year.stem}</a>' in page
    listed, quotes = [], []
    for year in years:
        text = year.read_text(encoding="utf-8")
        listed += linked_ids(briefings_part(text))
        quotes += re.findall(r"Synthetic quote number (\d+)", text)
        for more in sorted((folder / year.stem / "page").glob("*.md")):
            extra = more.read_text(encoding="utf-8")
            listed += linked_ids(briefings_part(extra))
            quotes += re.findall(r"Synthetic quote number (\d+)", extra)
    assert sorted(listed) == sorted(name[:-3] for name in records)  # every briefing, once
    assert sorted(quotes) == [f"{n:03d}" for n in range(0, 120, 10)]  # every quote, once


def test_built_site_states_its_language_description_and_offers_both_palettes(
    built_fixture_site: Project,
) -> None:
    home = html(built_fixture_site.site, "")
    assert '<html lang="en"' in home
    assert '<meta name="description" content="A curated archive of briefings on Ukraine\'s defence' in home
    # Material's palette toggle: one input per scheme, light and dark.
    assert 'data-md-color-scheme="default"' in home and 'data-md-color-scheme="slate"' in home
    assert 'aria-label="Switch to dark mode"' in home and 'aria-label="Switch to light mode"' in home


SECTION_PAGES = ["", "themes", "timeline", "people", "tags"]


@pytest.mark.parametrize("volume", ["built_real_site", "built_handful_site", "built_synthetic_site"])
def test_section_and_listing_pages_say_the_same_things_the_same_way(request, volume: str) -> None:
    """The small things a reader notices from page to page, at one record, a handful and 400:
    every section page but home has a breadcrumb and takes the full width (no table of contents
    beside it); a theme and its years both say "Years:"; a year of the timeline is headed like a
    theme's year; a briefing's neighbours are "Older and newer, by theme"; no count contradicts
    itself ("1 briefings", "from 2025 to 2025", "1 briefing, newest first")."""
    site = request.getfixturevalue(volume).site
    for section in SECTION_PAGES:
        page = html(site, section)
        assert ('<nav class="breadcrumb"' in page) == (section != ""), section
        assert re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*\bhidden>', page), section
    theme = sorted((site / "themes").glob("*/index.html"))[0].parent
    year = sorted(p for p in theme.iterdir() if p.name.isdigit())[0]
    for page in (html(theme, ""), html(year, "")):
        assert '<span class="listing-label">Years:</span>' in page and "By year" not in page
    timeline_year = sorted(p for p in (site / "timeline").iterdir() if p.name.isdigit())[0]
    assert re.search(rf"<h1[^>]*>All briefings in {timeline_year.name}<", html(timeline_year, ""))
    assert re.search(rf"<h1[^>]*>[^<]+ in {year.name}<", html(year, ""))
    briefing = next((site / "briefings").iterdir())
    assert ">Older and newer, by theme<" in html(briefing, "")
    for page_file in site.rglob("index.html"):
        text = page_file.read_text(encoding="utf-8")
        assert not re.search(r"\bfrom (\d{4}) to \1\b", text), page_file
        assert not re.search(r"(?<![\d,])1 (briefings|quotes|tags|persons|people)\b", text), page_file
        assert not re.search(r"(?<![\d,])1 briefing[^.<]*, newest first", text), page_file
