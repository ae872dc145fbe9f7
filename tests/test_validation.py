"""Every validation rule: the exact message and the line it points at."""

from __future__ import annotations

import pytest

from conftest import record_text
from generator.problems import InvalidRecord
from generator.records.load import parse_record

THEMES = ("diplomacy", "air-defense", "drones", "defense-industry")
ALL_THEMES = "themes are: diplomacy, air-defense, drones, defense-industry"


def problems_of(raw: bytes | str, record_id: str = "2025-03-04-test") -> list[str]:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    try:
        _, warnings = parse_record(data, "content/x.md", record_id, THEMES)
    except InvalidRecord as invalid:
        return [problem.as_text() for problem in invalid.problems]
    return [problem.as_text() for problem in warnings]


CASES = {
    "no front-matter": (
        "just a body\n",
        "content/x.md:1: no front-matter: a record starts with a line '---', its YAML fields, "
        "then another '---' line",
    ),
    "unclosed front-matter": (
        "---\ntitle: x\n",
        "content/x.md:1: front-matter is never closed: a record starts with a line '---', "
        "its YAML fields, then another '---' line",
    ),
    "yaml syntax error": (
        record_text(title="'unclosed"),
        "content/x.md:9: YAML syntax error: found unexpected end of stream "
        "(while scanning a quoted scalar that starts on line 2)",
    ),
    "yaml mapping error": (
        record_text(title="Talks: round two"),
        "content/x.md:2: YAML syntax error: mapping values are not allowed in this context",
    ),
    "not a mapping": (
        "---\n- a\n- b\n---\nbody\n",
        "content/x.md:1: front-matter must be a mapping of fields, not a list",
    ),
    "empty front-matter": (
        "---\n---\nbody\n",
        "content/x.md:1: front-matter must be a mapping of fields, not empty",
    ),
    "missing title": (record_text(title=""), "content/x.md:1: missing required field 'title'"),
    "missing summary": (record_text(summary=""), "content/x.md:1: missing required field 'summary'"),
    "missing source name": (
        record_text(source="\n  url: https://example.org/x"),
        "content/x.md:5: missing required field 'source.name'",
    ),
    "title is a list": (record_text(title="[a, b]"), "content/x.md:2: 'title' must be text, not a list"),
    "source is text": (
        record_text(source="UNN"),
        "content/x.md:5: 'source' must be a mapping, not text 'UNN'",
    ),
    "themes is text": (
        record_text(themes="drones"),
        "content/x.md:4: 'themes' must be a list, not text 'drones'",
    ),
    "date format": (
        record_text(date="2025-6-2"),
        "content/x.md:3: 'date' must be a date written YYYY-MM-DD, got '2025-6-2'",
    ),
    "impossible date": (
        record_text(date="2025-02-30"),
        "content/x.md:3: 'date': 2025-02-30 is not a real date (day is out of range for month)",
    ),
    "unknown theme": (
        record_text(themes="[diplomacy, drone]"),
        f"content/x.md:4: 'themes[1]': unknown theme 'drone' (did you mean 'drones'?); {ALL_THEMES}",
    ),
    "unknown theme in block list": (
        record_text(themes="\n  - diplomacy\n  - air-defence"),
        f"content/x.md:6: 'themes[1]': unknown theme 'air-defence' (did you mean 'air-defense'?); {ALL_THEMES}",
    ),
    "empty theme list": (record_text(themes="[]"), "content/x.md:4: 'themes' must not be empty"),
    "repeated theme": (
        record_text(themes="[drones, drones]"),
        "content/x.md:4: 'themes' must not list a theme twice",
    ),
    "javascript source url": (
        record_text(source="\n  name: X\n  url: javascript:alert(1)"),
        "content/x.md:7: 'source.url' must be an http:// or https:// address, got 'javascript:alert(1)'",
    ),
    "ftp source url": (
        record_text(source="\n  name: X\n  url: ftp://example.org/x"),
        "content/x.md:7: 'source.url' must be an http:// or https:// address, got 'ftp://example.org/x'",
    ),
    "unknown field": (
        record_text(sumary="x"),
        "content/x.md:9: unknown field 'sumary' (did you mean 'summary'?)",
    ),
    "duplicate key": (
        record_text().replace("date: 2025-03-04", "date: 2025-03-04\ndate: 2025-03-05"),
        "content/x.md:4: key 'date' appears twice (first at line 3)",
    ),
    "python tag": (
        record_text(title="!!python/object/apply:os.system ['true']"),
        "content/x.md:2: YAML tag '!!python/object/apply:os.system' is not allowed",
    ),
    "alias": (
        record_text(title="&a x", summary="*a"),
        "content/x.md:2: YAML anchors and aliases (& and *) are not allowed",
    ),
    "highlight for another theme": (
        record_text(highlights="\n  drones: x"),
        "content/x.md:10: highlight for 'drones', which is not in this record's themes",
    ),
    "highlight for unknown theme": (
        record_text(highlights="\n  dronez: x"),
        f"content/x.md:10: 'highlights.dronez': unknown theme 'dronez' (did you mean 'drones'?); {ALL_THEMES}",
    ),
    "quote without attribution": (
        record_text(quotes="\n  - text: hi"),
        "content/x.md:10: missing required field 'quotes[0].by'",
    ),
    "draft not boolean": (
        record_text(draft="maybe"),
        "content/x.md:9: 'draft' must be true or false, got 'maybe'",
    ),
    "bad tag": (
        record_text(tags="[Bad Tag]"),
        "content/x.md:9: 'tags[0]' must be a lowercase slug (letters, digits, single hyphens), got 'Bad Tag'",
    ),
    "updated before date": (
        record_text(updated="2025-01-01"),
        "content/x.md:9: 'updated' is earlier than 'date'",
    ),
    "not utf-8": (
        record_text(title="Caf\xe9").encode("latin-1"),
        "content/x.md:2: not UTF-8 text (byte 0xe9); save the file as UTF-8",
    ),
}


@pytest.mark.parametrize("raw, expected", CASES.values(), ids=CASES.keys())
def test_rule_gives_message_and_line(raw: str | bytes, expected: str) -> None:
    assert problems_of(raw) == [expected]


def test_bad_file_name() -> None:
    assert problems_of(record_text(), record_id="Bad Name") == [
        "content/x.md:1: bad file name 'Bad Name.md': use lowercase letters, digits and single hyphens, "
        "e.g. 2025-06-02-umerov-istanbul-positions.md"
    ]


def test_every_problem_of_a_record_is_reported_at_once() -> None:
    raw = record_text(title="[a]", date="2025-13-01", themes="[drone]")
    assert problems_of(raw, record_id="Bad_Id") == [
        "content/x.md:1: bad file name 'Bad_Id.md': use lowercase letters, digits and single hyphens, "
        "e.g. 2025-06-02-umerov-istanbul-positions.md",
        "content/x.md:2: 'title' must be text, not a list",
        "content/x.md:3: 'date': 2025-13-01 is not a real date (month must be in 1..12)",
        f"content/x.md:4: 'themes[0]': unknown theme 'drone' (did you mean 'drones'?); {ALL_THEMES}",
    ]


def test_missing_source_url_is_a_warning_not_an_error() -> None:
    assert problems_of(record_text(source="\n  name: UNN")) == [
        "content/x.md:5: warning: source has no 'url'; add the link when there is one"
    ]


def test_bom_and_crlf_are_fine() -> None:
    raw = ("\ufeff" + record_text(title="With BOM", body="Line one.\nLine two.\n")).replace("\n", "\r\n")
    record, warnings = parse_record(raw.encode("utf-8"), "content/x.md", "x", THEMES)
    assert warnings == []
    assert record.meta.title == "With BOM"
    assert record.body == "Line one.\nLine two.\n"


def test_yaml_1_1_surprises_stay_text() -> None:
    record, _ = parse_record(record_text(title="no", summary="1.10").encode(), "content/x.md", "x", THEMES)
    assert (record.meta.title, record.meta.summary) == ("no", "1.10")


def test_a_front_matter_key_named_content_is_just_an_unknown_field() -> None:
    # python-frontmatter's loads() raises TypeError on this key; our loader reports it.
    assert problems_of(record_text(content="x")) == ["content/x.md:9: unknown field 'content'"]


def test_lines_count_from_the_file_start_even_after_blank_lines_in_front_matter() -> None:
    raw = "---\n\n\ntitle: x\ndate: 2025-99-01\nthemes: [drones]\nsource: {name: X, url: https://x.org}\nsummary: s\n---\n"
    assert problems_of(raw) == [
        "content/x.md:5: 'date': 2025-99-01 is not a real date (month must be in 1..12)"
    ]


def test_emoji_shortcodes_and_remote_images_in_the_body_are_refused_with_their_lines() -> None:
    body = "Fine :material-drone: icon.\n\nA :rocket: launch.\n\n![map](https://maps.example.org/x.png)\n"
    assert problems_of(record_text(body=body)) == [
        "content/x.md:13: emoji shortcode ':rocket:' would load an image from another server; "
        "type the emoji itself instead",
        "content/x.md:15: image 'https://maps.example.org/x.png' would load from another server "
        "whenever the page is read; link to it instead: [description](address)",
    ]
