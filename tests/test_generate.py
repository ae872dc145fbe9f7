"""The generated Markdown: themes, drafts, escaping, determinism and incremental writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import fixture_records, record_text
from generator.pipeline import check_archive, generate
from generator.problems import Refused
from generator.project import Project

INTERCEPTORS = "2024-11-20-test-air-defense-deliveries"
TALKS = "2025-01-15-test-talks-round"
SCRIPT = "2025-02-01-test-script-title"


def theme_pages(docs: Path, slug: str) -> str:
    """All Markdown of one theme: its page, and any per-year pages under themes/<slug>/."""
    pages = [docs / "themes" / f"{slug}.md", *sorted((docs / "themes" / slug).rglob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages if page.is_file())


def all_text(folder: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*")) if p.is_file()
    )


def test_record_is_on_each_of_its_theme_pages_with_that_themes_highlight(
    generated_fixture_archive: Project,
) -> None:
    project = generated_fixture_archive
    air = theme_pages(project.docs, "air-defense")
    industry = theme_pages(project.docs, "defense-industry")
    assert INTERCEPTORS in air and "AIRDEFENSE-HIGHLIGHT for the interceptor record" in air
    assert INTERCEPTORS in industry and "INDUSTRY-HIGHLIGHT for the interceptor record" in industry
    # Each theme page shows the part that concerns *that* theme, not the other's.
    assert "INDUSTRY-HIGHLIGHT" not in air and "AIRDEFENSE-HIGHLIGHT" not in industry
    for other in ("diplomacy", "drones"):
        assert INTERCEPTORS not in theme_pages(project.docs, other)


def test_theme_page_falls_back_to_the_summary(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    diplomacy = theme_pages(project.docs, "diplomacy")
    assert TALKS in diplomacy
    assert "Synthetic summary about a round of talks, with no highlight of its own." in diplomacy


def test_drafts_appear_nowhere(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    assert "DRAFTSECRET" not in all_text(project.docs)
    assert not (project.docs / "briefings" / "2025-03-10-test-draft.md").exists()


def test_briefing_page_has_every_part(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    page = (project.docs / "briefings" / f"{INTERCEPTORS}.md").read_text(encoding="utf-8")
    for part in (
        "# Test partners pledge interceptor missiles",
        "20 November 2024",
        '<a href="../../themes/air-defense/">Air defense</a>',
        '<a href="../../themes/defense-industry/">Defense industry</a>',
        '<a href="https://example.org/wire/interceptors">Test Wire</a>',
        '<a href="../../people/test-minister-alpha/">Test Minister Alpha</a>',
        "Synthetic summary about interceptor missiles for the tests.",
        "Synthetic quote about the skies quasarzebra.",
        "Synthetic body text mentioning the word plumbagoflux for search tests.",
        '<dt>Tags</dt><dd><a href="../../tags/interceptors/">interceptors</a></dd>',
    ):
        assert part in page, part


def test_front_matter_text_is_escaped_in_markdown(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    page = (project.docs / "briefings" / f"{SCRIPT}.md").read_text(encoding="utf-8")
    body = page.split("\n---\n", 1)[1]  # after the page's own YAML front-matter
    assert "<script>" not in body and "<img" not in body
    assert (
        "# &lt;script&gt;alert('title')&lt;/script&gt; Test \\*not emphasis\\* \\[not a link\\](https://example.org)"
        in page
    )


def test_neighbours_link_newer_and_older_on_the_same_theme(make_archive) -> None:
    project = make_archive(
        {
            "a.md": record_text(date="2025-01-01", title="First"),
            "b.md": record_text(date="2025-02-01", title="Second"),
            "c.md": record_text(date="2025-03-01", title="Third"),
        }
    )
    generate(project)
    middle = (project.docs / "briefings" / "b.md").read_text(encoding="utf-8")
    assert 'older: <a href="../../briefings/a/">First</a>' in middle
    assert 'newer: <a href="../../briefings/c/">Third</a>' in middle


def test_people_and_timeline_pages(generated_fixture_archive: Project) -> None:
    project = generated_fixture_archive
    person = (project.docs / "people" / "test-minister-alpha.md").read_text(encoding="utf-8")
    assert INTERCEPTORS in person and TALKS in person
    assert "Synthetic quote about the skies quasarzebra." in person
    assert "Test Envoy Beta" in (project.docs / "people" / "index.md").read_text(encoding="utf-8")
    timeline = (project.docs / "timeline.md").read_text(encoding="utf-8")
    if (project.docs / "timeline").is_dir():
        timeline += all_text(project.docs / "timeline")
    assert "2024" in timeline and "2025" in timeline


def test_same_content_gives_byte_identical_markdown(make_archive, tmp_path: Path) -> None:
    first = make_archive(fixture_records(), root=tmp_path / "one")
    second = make_archive(fixture_records(), root=tmp_path / "two")
    generate(first)
    generate(second)
    files = sorted(p.relative_to(first.docs) for p in first.docs.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second.docs) for p in second.docs.rglob("*") if p.is_file())
    for relative in files:
        assert (first.docs / relative).read_bytes() == (second.docs / relative).read_bytes(), relative


def test_regenerating_rewrites_only_what_changed(make_archive) -> None:
    project = make_archive(fixture_records())
    generate(project)
    stamps = {p: p.stat().st_mtime_ns for p in project.docs.rglob("*.md")}
    noop = generate(project).report
    assert noop is not None and noop.written == () and noop.removed == ()
    assert stamps == {p: p.stat().st_mtime_ns for p in project.docs.rglob("*.md")}

    record = project.content / f"{TALKS}.md"
    record.write_text(record.read_text().replace("Synthetic body about talks.", "Edited body."))
    edited = generate(project).report
    assert edited is not None
    # The notes are in the data downloads (the whole archive, the database and the record's theme
    # and year slices) and the Data page gives their sizes; the feeds carry no notes and stay as
    # they were, and so does the database's description.
    assert edited.written == (
        f"briefings/{TALKS}.md",
        "data.md",
        "data/briefings.csv",
        "data/briefings.db",
        "data/briefings.json",
        "data/themes/diplomacy.csv",
        "data/themes/diplomacy.json",
        "data/years/2025.csv",
        "data/years/2025.json",
    )


def test_invalid_archive_writes_nothing(make_archive) -> None:
    project = make_archive({"ok.md": record_text(), "bad.md": record_text(themes="[drone]")})
    with pytest.raises(Refused) as refused:
        generate(project)
    assert not any(project.docs.rglob("*.md"))
    assert [p.as_text() for p in refused.value.problems] == [
        "content/bad.md:4: 'themes[0]': unknown theme 'drone' (did you mean 'drones'?); "
        "themes are: diplomacy, air-defense, drones, defense-industry"
    ]


def test_problems_across_files_are_all_reported_including_duplicate_ids(make_archive) -> None:
    project = make_archive(
        {
            "2025/same-id.md": record_text(),
            "2024/same-id.md": record_text(date="2024-03-04"),
            "bad-date.md": record_text(date="2025-02-30"),
            "no-fm.md": "hello\n",
        }
    )
    with pytest.raises(Refused) as refused:
        check_archive(project)
    assert [p.as_text() for p in refused.value.problems] == [
        "content/2025/same-id.md:1: id 'same-id' is already used by content/2024/same-id.md; "
        "record ids (file names) must be unique across content/",
        "content/bad-date.md:3: 'date': 2025-02-30 is not a real date (day is out of range for month)",
        "content/no-fm.md:1: no front-matter: a record starts with a line '---', its YAML fields, "
        "then another '---' line",
    ]


def test_a_new_theme_is_one_entry_in_themes_yml(make_archive) -> None:
    project: Project = make_archive({"a.md": record_text(themes="[cyber]")})
    with (project.site_config / "themes.yml").open("a", encoding="utf-8") as themes:
        themes.write('cyber: {title: Cyber, icon: material/shield-lock, description: "Cyber defence."}\n')
    assert generate(project).report is not None
    assert 'href="../../briefings/a/"' in theme_pages(project.docs, "cyber")
    assert "themes/cyber.md" in (project.docs / "index.md").read_text(encoding="utf-8")
    assert os.path.exists(project.docs / "themes" / "cyber.md")


def test_emoji_shortcodes_in_front_matter_stay_text(make_archive) -> None:
    import markdown

    project = make_archive({"a.md": record_text(title="'Launch :rocket: at 10:30:00'")})
    generate(project)
    page = (project.docs / "briefings" / "a.md").read_text(encoding="utf-8")
    heading = next(line for line in page.split("\n---\n", 1)[1].splitlines() if line.startswith("# "))
    html = markdown.markdown(heading, extensions=["pymdownx.emoji", "attr_list"])
    assert html == '<h1 data-pagefind-ignore="index">Launch &#58;rocket: at 10&#58;30:00</h1>'


def test_a_hand_written_page_may_not_replace_a_generated_one(make_archive) -> None:
    """A page in site_config/pages/ at a generated page's path is an error at that file, not a swap."""
    project = make_archive(fixture_records())
    clash = project.site_config / "pages" / "themes" / "index.md"
    clash.parent.mkdir(parents=True)
    clash.write_text("# Synthetic hand-written themes page\n", encoding="utf-8")
    with pytest.raises(Refused) as refused:
        generate(project)
    assert [problem.as_text() for problem in refused.value.problems if problem.severity == "error"] == [
        "site_config/pages/themes/index.md:1: this file would be published as 'themes/index.md', "
        "where a generated file is already; rename it"
    ]
    assert not (project.docs / "themes" / "index.md").exists()
