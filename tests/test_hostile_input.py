"""Hostile records get one exact `path:line: message` each, and nothing they hold runs on the site."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from hostile_records import (
    BODY_VECTORS,
    CASES,
    FRONT_MATTER_VECTORS,
    HEAD,
    NAME,
    SHOWN,
    Hostile,
    _record,
    remove_tree,
)

from generator.cli.main import main
from generator.problems import InvalidRecord
from generator.project import Project
from generator.records.load import MAX_FILE_BYTES, parse_record

THEMES = ("diplomacy", "air-defense", "drones", "defense-industry")


def check_output(project: Project, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--root", str(project.root), "check"])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_file_gets_exact_messages(
    case: Hostile, make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_archive({})
    case.make(project.content)
    try:
        code, lines = check_output(project, capsys)
    finally:
        remove_tree(project.content)  # pytest's own clean-up would recurse past the deep-folders case
    assert code == 1
    assert lines[:-1] == list(case.expected)
    errors = len(case.expected)
    assert re.fullmatch(rf"\d+ records? checked: {errors} error\(s\), 0 warning\(s\)\.", lines[-1])


@pytest.mark.parametrize("name", sorted(BODY_VECTORS))
def test_markup_in_the_body_is_rejected_with_its_line(
    name: str, make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    body, expected = BODY_VECTORS[name]
    project = make_archive({})
    _record(body=body)(project.content)
    code, lines = check_output(project, capsys)
    assert code == 1
    assert lines == [expected, "1 record checked: 1 error(s), 0 warning(s)."]


def test_a_rejected_body_builds_nothing(make_archive: Callable[..., Project]) -> None:
    project = make_archive({})
    _record(body=BODY_VECTORS["script"][0])(project.content)
    assert main(["--root", str(project.root), "build"]) == 1
    assert not project.site.exists()


@pytest.mark.build
def test_markup_in_code_is_shown_not_rejected(make_archive: Callable[..., Project]) -> None:
    body = "Write `<script>` in backticks, and &lt;b&gt; as entities; <https://example.org/> is a link.\n"
    project = make_archive({})
    _record(body=body)(project.content)
    assert main(["--root", str(project.root), "build"]) == 0
    page = (project.site / "briefings/2025-03-04-synthetic-hostile/index.html").read_text()
    assert "<code>&lt;script&gt;</code>" in page
    assert '<a href="https://example.org/">https://example.org/</a>' in page


# Vectors the audit must catch on the built page if the check ever let them through. An HTML
# comment and `<javascript:…>` (an unknown element to a browser) run nothing, and MkDocs' strict
# link check already stops `java&#09;script:` as an unrecognised relative link.
UNBUILT = {"comment", "javascript-autolink", "obfuscated-link"}
BUILT_VECTORS = sorted(set(BODY_VECTORS) - UNBUILT)


@pytest.mark.build
def test_audit_catches_body_markup_that_slipped_past_the_check(
    make_archive: Callable[..., Project], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Defence in depth: with the body check switched off, the audit of the built HTML fails the build."""
    monkeypatch.setattr("generator.records.load.check_body", lambda text, shown, line: [])
    records = {
        f"2025/2025-03-04-synthetic-{name}.md": _body_record(BODY_VECTORS[name][0]) for name in BUILT_VECTORS
    }
    project = make_archive(records)
    project.site.mkdir()
    (project.site / ".briefing-generated").write_text("previous site\n")
    assert main(["--root", str(project.root), "build"]) == 1
    err = capsys.readouterr().err
    for name in BUILT_VECTORS:
        assert re.search(rf"audit: briefings/2025-03-04-synthetic-{name}/index.html: unsafe markup: ", err), (
            name
        )
    assert "The previous site was left as it was." in err
    assert sorted(p.name for p in project.site.iterdir()) == [".briefing-generated"]


def _body_record(body: str) -> str:
    return HEAD + "---\n\n" + body


class _Elements(HTMLParser):
    """Every element and attribute of a page, read independently of the generator's own scanner."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


@pytest.mark.build
def test_front_matter_markup_is_text_on_every_built_page(make_archive: Callable[..., Project]) -> None:
    project = make_archive({NAME: FRONT_MATTER_VECTORS})
    assert main(["--root", str(project.root), "build"]) == 0
    pages = sorted(project.site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        parsed = _Elements()
        parsed.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parsed.elements:
            assert tag not in ("iframe", "object", "embed"), page
            assert not [name for name in attrs if name.startswith("on")], (page, tag, attrs)
            for name in ("href", "src", "srcdoc", "action"):
                value = re.sub(r"[\x00-\x20]", "", attrs.get(name, "")).lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (page, tag, attrs)
            if tag == "script":
                assert set(attrs) <= {"src", "id", "type"}, (page, attrs)
        assert "alert" not in "".join(parsed.script_text), page
    briefing = (project.site / "briefings/2025-03-04-synthetic-hostile/index.html").read_text()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", briefing, re.S)
    assert heading is not None
    shown = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1)))
    assert shown == "<script>alert('title')</script> <iframe src=x></iframe> FMTITLE¶"


def test_parse_record_refuses_oversized_bytes_before_parsing() -> None:
    with pytest.raises(InvalidRecord) as raised:
        parse_record(b"-" * (MAX_FILE_BYTES + 1), SHOWN, "x", THEMES)
    assert [p.as_text() for p in raised.value.problems] == [
        f"{SHOWN}:1: file is {MAX_FILE_BYTES + 1:,} bytes; a record may be at most {MAX_FILE_BYTES:,}"
    ]


def test_many_problems_are_capped_with_a_count() -> None:
    front = "".join(f"unknown{n}: x\n" for n in range(30))
    raw = "---\ntitle: t\ndate: 2025-01-01\nthemes: [diplomacy]\nsource:\n  name: W\nsummary: s\n" + front
    with pytest.raises(InvalidRecord) as raised:
        parse_record((raw + "---\n").encode(), SHOWN, "x", THEMES)
    problems = raised.value.problems
    assert len(problems) == 20
    assert problems[-1].as_text() == f"{SHOWN}:27: … and 11 more problems"


def test_a_file_that_is_not_markdown_is_not_silently_skipped(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_archive({"2025/2025-03-04-synthetic.markdown": HEAD + "---\n\nBody.\n"})
    code, lines = check_output(project, capsys)
    assert code == 0
    assert lines == [
        "content/2025/2025-03-04-synthetic.markdown:1: warning: not a record (records are *.md files); "
        "it is ignored",
        "0 records checked: 0 error(s), 1 warning(s).",
    ]
