"""Property-based tests (Hypothesis): valid records survive the whole pipeline; junk never crashes it."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import cache
from html.parser import HTMLParser
from typing import Any

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from conftest import REPO
from generator.archive.model import build_archive
from generator.archive.related import find_related
from generator.pages.dates import long_date
from generator.pages.entries import ListingEntries
from generator.pages.render import render_briefing_page
from generator.pages.site_info import SiteInfo
from generator.pipeline import load_site_config
from generator.problems import InvalidRecord
from generator.project import Project
from generator.records.load import parse_record
from generator.records.themes import Theme, load_themes

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def themes() -> tuple[Theme, ...]:
    return load_themes(REPO / "site_config/themes.yml", "site_config/themes.yml")


@cache
def to_html() -> markdown.Markdown:
    """Python-Markdown with the site's own extensions, as MkDocs would configure it."""
    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


@cache
def site_info() -> SiteInfo:
    return load_site_config(Project.at(REPO)).site


def flat(text: str) -> str:
    return " ".join(text.split())


# Text a curator might type in any language: no control characters, not only spaces.
plain_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=60
).filter(lambda value: value.strip() != "")
name = plain_text.filter(lambda value: len(value.strip()) <= 200)
url = st.builds(
    lambda host, path: f"https://{host}.example.org/{path}",
    st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9._~/-]{0,30}", fullmatch=True),
)


@st.composite
def records(draw: Any) -> dict[str, Any]:
    text = st.one_of(plain_text, markup_text)
    slugs = [theme.slug for theme in themes()]
    chosen = draw(st.lists(st.sampled_from(slugs), min_size=1, max_size=len(slugs), unique=True))
    return {
        "title": draw(text),
        "date": draw(st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))).isoformat(),
        "themes": chosen,
        "source": {"name": draw(name), **({"url": draw(url)} if draw(st.booleans()) else {})},
        "summary": draw(text),
        "people": draw(st.lists(name, max_size=3, unique_by=lambda value: value.strip())),
        "quotes": [
            {"text": draw(text), "by": draw(name)} for _ in range(draw(st.integers(min_value=0, max_value=2)))
        ],
    }


def record_file(fields: dict[str, Any]) -> bytes:
    # JSON is YAML: every string goes in double quotes with escapes, whatever it holds.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return ("---\n" + "\n".join(lines) + "\n---\n\nA synthetic body.\n").encode("utf-8")


class _Page(HTMLParser):
    """The text of a page's h1 and body, and its link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.heading: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_heading = self._in_heading or tag == "h1"
        self.hrefs += [value or "" for key, value in attrs if key == "href"]

    def handle_endtag(self, tag: str) -> None:
        self._in_heading = self._in_heading and tag != "h1"

    def handle_data(self, data: str) -> None:
        (self.heading if self._in_heading else self.text).append(data)


@FAST
@given(records())
def test_a_valid_record_round_trips_to_its_page(fields: dict[str, Any]) -> None:
    record, _warnings = parse_record(
        record_file(fields), "content/x.md", "2025-01-01-synthetic", tuple(theme.slug for theme in themes())
    )
    assert record.meta.title == fields["title"].strip()
    assert record.meta.date.isoformat() == fields["date"]
    assert record.meta.themes == fields["themes"]
    assert record.meta.source.url == fields["source"].get("url")
    assert record.meta.people == [person.strip() for person in fields["people"]]

    archive = build_archive(themes(), [record])
    site = site_info()
    page = render_briefing_page(
        archive, record, find_related(archive.records), site, ListingEntries(archive.themes)
    )
    body, meta = get_data(page.text)
    assert html.unescape(meta["title"]) == flat(fields["title"])  # HTML-escaped for Material
    converter = to_html()
    converter.reset()
    parsed = _Page()
    parsed.feed(converter.convert(body))
    heading = flat("".join(parsed.heading)).removesuffix("¶").strip()
    assert heading == flat(fields["title"])
    shown = flat(" ".join(parsed.text))
    assert long_date(record.meta.date) in shown
    for value in [fields["summary"], fields["source"]["name"], *fields["people"]]:
        assert flat(value) in shown
    for quote in fields["quotes"]:
        assert flat(quote["text"]) in shown and flat(quote["by"]) in shown
    for slug in fields["themes"]:
        assert archive.theme(slug).title in shown
    if "url" in fields["source"]:
        assert fields["source"]["url"] in [html.unescape(href) for href in parsed.hrefs]


THEME_SLUGS = ("diplomacy", "air-defense", "drones", "defense-industry")


def _accepts_or_refuses(raw: bytes) -> None:
    try:
        parse_record(raw, "content/x.md", "x", THEME_SLUGS)
    except InvalidRecord as invalid:
        assert invalid.problems
        for problem in invalid.problems:
            assert re.fullmatch(r"content/x\.md:\d+: .+", problem.as_text(), re.S), problem


@FAST
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_are_accepted_or_refused_cleanly(raw: bytes) -> None:
    _accepts_or_refuses(raw)


@FAST
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_as_front_matter(raw: bytes) -> None:
    _accepts_or_refuses(b"---\n" + raw + b"\n---\nbody\n")


yaml_scalar = st.one_of(
    plain_text, st.sampled_from(["", "~", "no", "1.10", "2025-02-30", "&a", "*a", "!!str x"])
)
yaml_value = st.recursive(
    yaml_scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@FAST
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "title",
                "date",
                "themes",
                "source",
                "summary",
                "people",
                "quotes",
                "highlights",
                "updated",
                "draft",
                "tags",
                "x",
            ]
        ),
        yaml_value,
    )
)
def test_arbitrary_yaml_fields_are_accepted_or_refused_cleanly(fields: dict[str, Any]) -> None:
    _accepts_or_refuses(record_file(fields))


MARKUP_PIECES = (
    "<", ">", "</", "script", "img", "iframe", "svg", "a", " ", "onerror=", "onload", "=", "x", "alert(1)",
    "`", "``", "[", "]", "(", ")", "](", "]: ", "javascript:", "JaVaScRiPt:", "data:", "vbscript:",
    "&#106;", "&#x6a;", "&colon;", "&#58;", "&#9;", "{:", "{", "}", ".c", "#i", "\n", "\n\n", "    ", "\t",
    "!", "![", ":", '"', "'", "/", "&", "*", "-", "1. ", "> ", "<!--", "-->", "\\", "mailto:", "https://e.org",
    "href", "src", "<https://e.org>", "<a@b.c>", "?",
)  # fmt: skip


# Front-matter text made of the same pieces: it must come out as exactly that text.
markup_text = (
    st.lists(st.sampled_from(MARKUP_PIECES), min_size=1, max_size=30)
    .map("".join)
    .filter(lambda value: value.strip() != "" and len(value) <= 300)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKUP_PIECES), max_size=40).map("".join))
def test_a_body_the_check_accepts_renders_to_safe_html(body: str) -> None:
    """No body that passes `check_body` becomes a script, handler, frame or unsafe link in HTML."""
    from generator.publish.html_scan import scan_page
    from generator.records.body_policy import check_body

    if check_body(body, "content/x.md", 1):
        return
    converter = to_html()
    converter.reset()
    rendered = converter.convert(body)
    assert scan_page(f"<article>{rendered}</article>", "briefings/x/index.html").unsafe == (), rendered
