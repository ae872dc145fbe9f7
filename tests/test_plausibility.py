"""Warnings about valid records that look wrong: an impossible date, or a record repeating another.
Each names its file, line and (for duplicates) the other file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from conftest import record_text
from generator.cli.main import main
from generator.pipeline import check_archive
from generator.project import Project
from generator.records.plausibility import _same_title

TODAY = dt.date(2026, 12, 1)


def warnings_of(project: Project, today: dt.date = TODAY) -> list[str]:
    checked = check_archive(project, today=today)
    return [problem.as_text() for problem in checked.problems]


def test_the_issue_s_record_gets_all_three_date_warnings(make_archive: Callable[..., Project]) -> None:
    """Issue 12: dated 2027-01-01 (after today), in content/2025/, with the id 2025-07-13-misc."""
    project = make_archive({"2025/2025-07-13-misc.md": record_text(date="2027-01-01")})
    shown = "content/2025/2025-07-13-misc.md:3: warning:"
    assert warnings_of(project) == [
        f"{shown} 'date' 2027-01-01 disagrees with the date in the file name (2025-07-13); "
        "fix the date or rename the file",
        f"{shown} 'date' 2027-01-01 is in 2027, but the record is in the folder 2025/; "
        "move it to 2027/ or fix the date",
        f"{shown} 'date' 2027-01-01 is in the future (today is 2026-12-01); check the date",
    ]


def test_today_decides_what_is_in_the_future(make_archive: Callable[..., Project]) -> None:
    project = make_archive(
        {"2026/2026-12-02-tomorrow.md": record_text(date="2026-12-02", updated="2026-12-03")}
    )
    assert warnings_of(project) == [
        "content/2026/2026-12-02-tomorrow.md:3: warning: 'date' 2026-12-02 is in the future "
        "(today is 2026-12-01); check the date",
        "content/2026/2026-12-02-tomorrow.md:9: warning: 'updated' 2026-12-03 is in the future "
        "(today is 2026-12-01)",
    ]
    assert warnings_of(project, today=dt.date(2026, 12, 3)) == []


def test_ids_without_a_date_and_folders_that_are_not_years_say_nothing(
    make_archive: Callable[..., Project],
) -> None:
    project = make_archive(
        {
            "misc/test-undated-id.md": record_text(title="A"),
            "2025/03/2025-03-05-b.md": record_text(title="B", date="2025-03-05"),
        }
    )
    assert warnings_of(project) == []


def test_the_same_source_url_is_a_duplicate_naming_both_files(make_archive: Callable[..., Project]) -> None:
    url = "\n  name: Test Wire\n  url: {}\n  archived: https://archive.example.org/web/2025/https://example.org/a"
    project = make_archive(
        {
            "2025/2025-03-04-first.md": record_text(
                title="Talks resume", source=url.format("https://example.org/a")
            ),
            "2025/2025-03-09-again.md": record_text(
                title="Something else", date="2025-03-09", source=url.format("http://EXAMPLE.org/a/#top")
            ),
            "2025/2025-03-10-other.md": record_text(
                title="Other", date="2025-03-10", source=url.format("https://example.org/a?page=2")
            ),
        }
    )
    assert warnings_of(project) == [
        "content/2025/2025-03-09-again.md:7: warning: same source URL as content/2025/2025-03-04-first.md; "
        "is this the same news item? If so, add to that record instead",
    ]


def test_the_same_date_and_a_near_identical_title_is_a_duplicate(
    make_archive: Callable[..., Project], capsys
) -> None:
    project = make_archive(
        {
            "2025/2025-03-04-talks.md": record_text(title="Envoys agree on a prisoner exchange"),
            "2025/2025-03-04-talks-2.md": record_text(
                title="Envoys agree on a prisoner-exchange!",
                source="\n  name: Other Wire\n  url: https://example.org/b\n  archived: https://archive.example.org/b",
            ),
            "2025/2025-03-04-other.md": record_text(title="Envoys disagree about drones"),
            "2025/2025-03-05-talks.md": record_text(
                title="Envoys agree on a prisoner exchange", date="2025-03-05"
            ),
        }
    )
    duplicate = (
        "content/2025/2025-03-04-talks.md:2: warning: same date and nearly the same title as "
        "content/2025/2025-03-04-talks-2.md; is this the same news item?"
    )
    assert warnings_of(project) == [duplicate]
    # In `briefing check FILE` the warning belongs to the file it is reported on.
    assert (
        main(["--root", str(project.root), "check", str(project.content / "2025" / "2025-03-04-talks.md")])
        == 0
    )
    assert capsys.readouterr().out == (
        f"{duplicate}\ncontent/2025/2025-03-04-talks.md: valid (1 warning)\n"
        "Passed: the named record is valid, and so are the other 3 records.\n"
    )


def test_titles_compare_word_by_word_counting_repeated_words() -> None:
    assert _same_title(("talks", "talks", "again"), ("talks", "talks", "again"))
    assert _same_title(tuple("abcdefghij"), tuple("abcdefghiz"))  # one word in ten differs
    assert not _same_title(tuple("abcdefghij"), tuple("abcdefgxyz"))
