"""Internal links in record bodies: broken ones are errors at the record's file and line."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from conftest import record_text
from generator.cli.main import main
from generator.project import Project
from generator.publish.mkdocs_internals import LOGGER

pytestmark = pytest.mark.build  # builds a whole site

OTHER = "2025/2025-03-05-test-other.md"
LINKING = "2025/2025-03-04-test-linking.md"
BODY_FIRST_LINE = 11  # record_text puts a blank line after the closing '---' (line 9)


def archive_with(make_archive: Callable[..., Project], body: str, **extra: str) -> Project:
    records = {
        OTHER: record_text(title="Test other briefing", date="2025-03-05"),
        LINKING: record_text(body=body),
    }
    records.update(extra)
    return make_archive(records)


def run(project: Project, *args: str) -> int:
    return main(["--root", str(project.root), *args])


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("../briefings/nope.md", "link to '../briefings/nope.md': there is no published briefing 'nope'"),
        (
            "2025-03-05-test-othr.md",
            "link to '2025-03-05-test-othr.md': there is no published briefing '2025-03-05-test-othr' "
            "(did you mean '2025-03-05-test-other'?)",
        ),
        (
            "../2025/2025-03-05-test-other.md",
            "link to '../2025/2025-03-05-test-other.md': link to another briefing by its id, "
            "'2025-03-05-test-other.md'",
        ),
        ("/briefings/x/", "link to '/briefings/x/' is absolute; link to the page's Markdown file relative to "
         "this record's page, e.g. '../themes/drones.md' or 'other-record-id.md'"),
        ("../../../etc/passwd", "link to '../../../etc/passwd' leads outside the site"),
    ],
)  # fmt: skip
def test_check_reports_broken_links_between_briefings(
    make_archive: Callable[..., Project], capsys, link: str, message: str
) -> None:
    project = archive_with(make_archive, f"First paragraph.\n\nSee [this]({link}) for more.\n")
    assert run(project, "check") == 1
    line = BODY_FIRST_LINE + 2
    assert capsys.readouterr().out == (
        f"content/{LINKING}:{line}: {message}\n2 records checked: 1 error(s), 0 warning(s).\n"
    )


def test_build_reports_links_to_missing_pages_of_any_kind(
    make_archive: Callable[..., Project], capsys
) -> None:
    body = "See [drones](../themes/drones/).\n\n[about]: ../about/\n\nAnd [the about page][about].\n"
    project = archive_with(make_archive, body)
    assert run(project, "check") == 0  # check judges links between briefings only, cheaply
    capsys.readouterr()
    assert run(project, "build") == 1
    out, err = capsys.readouterr()
    assert out == (
        f"content/{LINKING}:{BODY_FIRST_LINE}: link to '../themes/drones/': link to the page's Markdown "
        "file, '../themes/drones.md'\n"
        f"content/{LINKING}:{BODY_FIRST_LINE + 2}: link to '../about/': link to the page's Markdown "
        "file, '../about.md'\n"
        "2 records checked: 2 error(s), 0 warning(s).\n"
    )
    assert err == "Nothing was built: fix the errors above first.\n"
    assert not project.site.exists()


def test_a_link_to_a_draft_is_broken(make_archive: Callable[..., Project], capsys) -> None:
    draft = record_text(title="Test draft", date="2025-03-06", draft="true")
    project = archive_with(make_archive, "See [the draft](2025-03-06-test-draft.md).\n", **{
        "2025/2025-03-06-test-draft.md": draft
    })  # fmt: skip
    assert run(project, "check", "--format", "github") == 1
    assert capsys.readouterr().out == (
        f"::error file=content/{LINKING},line={BODY_FIRST_LINE}::link to '2025-03-06-test-draft.md': "
        "there is no published briefing '2025-03-06-test-draft' (did you mean '2025-03-05-test-other'?)\n"
    )


def test_what_is_not_an_internal_link_is_left_alone(make_archive: Callable[..., Project]) -> None:
    body = (
        "External [site](https://example.org/a.md), [mail](mailto:desk@example.org), "
        "[anchor](#notes), `[code](nope.md)`.\n\n"
        "```\n[fenced](nope.md)\n```\n\n"
        "    Not a fence, but [a valid link](2025-03-05-test-other.md#top).\n"
    )
    project = archive_with(make_archive, body)
    assert run(project, "check") == 0


def test_valid_links_build_and_point_at_the_right_pages(make_archive: Callable[..., Project]) -> None:
    body = (
        "Follows [the other briefing](2025-03-05-test-other.md), on "
        "[diplomacy](../themes/diplomacy.md); see [about](../about.md).\n"
    )
    project = archive_with(make_archive, body)
    assert run(project, "build") == 0
    html = (project.site / "briefings" / "2025-03-04-test-linking" / "index.html").read_text()
    assert 'href="../2025-03-05-test-other/"' in html
    assert 'href="../../themes/diplomacy/"' in html
    assert 'href="../../about/"' in html


def test_what_only_mkdocs_finds_is_still_told_at_the_record(make_archive: Callable[..., Project]) -> None:
    """A missing anchor fails the strict build; the warning names the record and the line."""
    project = archive_with(
        make_archive, "Intro.\n\nSee [the other](2025-03-05-test-other.md#no-such-anchor).\n"
    )
    seen: list[str] = []

    class Seen(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    handler = Seen(logging.WARNING)
    logging.getLogger(LOGGER).addHandler(handler)
    try:
        assert run(project, "build") == 1
    finally:
        logging.getLogger(LOGGER).removeHandler(handler)
    assert (
        f"content/{LINKING}:{BODY_FIRST_LINE + 2}: Doc file 'briefings/2025-03-04-test-linking.md' contains a "
        "link '2025-03-05-test-other.md#no-such-anchor', but the doc 'briefings/2025-03-05-test-other.md' "
        "does not contain an anchor '#no-such-anchor'."
    ) in seen
    assert not project.site.exists()
