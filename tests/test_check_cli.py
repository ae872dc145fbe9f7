"""`briefing check`: every problem as `path:line: message` or as a GitHub annotation; exit 0/1/2."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import record_text
from generator.cli.main import main
from generator.problems import Problem
from generator.project import Project

THEME_TYPO = record_text(themes="[diplomacy, dron]")
BAD_DATE = record_text(date="2025-02-30")
NO_URL = record_text(source="\n  name: Test Wire")

TYPO_MESSAGE = (
    "'themes[1]': unknown theme 'dron' (did you mean 'drones'?); "
    "themes are: diplomacy, air-defense, drones, defense-industry"
)
DATE_MESSAGE = "'date': 2025-02-30 is not a real date (day is out of range for month)"
DUPLICATE_MESSAGE = (
    "id '2025-03-04-good' is already used by content/2024/2025-03-04-good.md; "
    "record ids (file names) must be unique across content/"
)
NO_URL_MESSAGE = "source has no 'url'; add the link when there is one"


@pytest.fixture
def broken(make_archive: Callable[..., Project]) -> Project:
    """A synthetic archive with one of each common mistake, and one record without a URL."""
    return make_archive(
        {
            "2024/2025-03-04-good.md": record_text(),
            "2025/2025-03-04-good.md": record_text(),  # the same id in another folder
            "2025/2025-03-05-typo.md": THEME_TYPO,
            "2025/2025-03-06-bad-date.md": BAD_DATE,
            "2025/2025-03-07-no-url.md": NO_URL,
        }
    )


def check(project: Project, *args: str) -> int:
    return main(["--root", str(project.root), "check", *args])


def test_a_valid_archive_passes(make_archive: Callable[..., Project], capsys) -> None:
    project = make_archive({"2025/2025-03-04-a.md": record_text(), "2025/2025-03-05-b.md": record_text()})
    assert check(project) == 0
    assert capsys.readouterr() == ("2 records checked: all valid.\n", "")
    assert check(project, "--format", "github") == 0
    assert capsys.readouterr() == ("", "2 records checked: all valid.\n")


def test_text_format_lists_every_problem_with_file_and_line(broken: Project, capsys) -> None:
    assert check(broken) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"content/2025/2025-03-04-good.md:1: {DUPLICATE_MESSAGE}\n"
        f"content/2025/2025-03-05-typo.md:4: {TYPO_MESSAGE}\n"
        f"content/2025/2025-03-06-bad-date.md:3: {DATE_MESSAGE}\n"
        f"content/2025/2025-03-07-no-url.md:5: warning: {NO_URL_MESSAGE}\n"
        "5 records checked: 3 error(s), 1 warning(s).\n"
    )
    assert err == ""


def test_github_format_prints_workflow_annotations(broken: Project, capsys) -> None:
    assert check(broken, "--format", "github") == 1
    out, err = capsys.readouterr()
    assert out == (
        f"::error file=content/2025/2025-03-04-good.md,line=1::{DUPLICATE_MESSAGE}\n"
        f"::error file=content/2025/2025-03-05-typo.md,line=4::{TYPO_MESSAGE}\n"
        f"::error file=content/2025/2025-03-06-bad-date.md,line=3::{DATE_MESSAGE}\n"
        f"::warning file=content/2025/2025-03-07-no-url.md,line=5::{NO_URL_MESSAGE}\n"
    )
    # The summary goes to the log, not into an annotation.
    assert err == "5 records checked: 3 error(s), 1 warning(s).\n"


def test_files_narrow_the_report_but_the_whole_archive_still_decides(broken: Project, capsys) -> None:
    typo = broken.content / "2025" / "2025-03-05-typo.md"
    assert check(broken, "--format", "github", str(typo)) == 1
    out, err = capsys.readouterr()
    assert out == f"::error file=content/2025/2025-03-05-typo.md,line=4::{TYPO_MESSAGE}\n"
    assert err == (
        "2 error(s) in other records (content/2025/2025-03-04-good.md, content/2025/2025-03-06-bad-date.md); "
        "run `briefing check` to see them all.\n"
        "5 records checked: 1 error(s), 0 warning(s).\n"
    )


def test_a_valid_file_in_an_invalid_archive_still_fails(broken: Project, capsys) -> None:
    no_url = broken.content / "2025" / "2025-03-07-no-url.md"
    assert check(broken, str(no_url)) == 1
    out, _ = capsys.readouterr()
    assert out == (
        f"content/2025/2025-03-07-no-url.md:5: warning: {NO_URL_MESSAGE}\n"
        "5 records checked: 0 error(s), 1 warning(s).\n"
    )


def test_a_clean_file_in_a_clean_archive_passes(make_archive: Callable[..., Project], capsys) -> None:
    project = make_archive({"2025/2025-03-04-a.md": record_text(), "2025/2025-03-05-b.md": NO_URL})
    assert check(project, str(project.content / "2025" / "2025-03-04-a.md")) == 0
    assert capsys.readouterr() == ("2 records checked: all valid.\n", "")


def test_naming_something_that_is_not_a_record_is_a_usage_error(
    make_archive: Callable[..., Project], capsys
) -> None:
    project = make_archive({"2025/2025-03-04-a.md": record_text()})
    (project.content / "notes.txt").write_text("not a record")
    missing = project.content / "2025" / "missing.md"
    outside = project.root / "mkdocs.yml"
    assert check(project, str(missing), str(outside), str(project.content / "notes.txt")) == 2
    assert capsys.readouterr() == (
        "",
        f"error: not a record file under content/: {missing}, {outside}, {project.content / 'notes.txt'}\n",
    )


def test_unknown_format_is_a_usage_error(make_archive: Callable[..., Project], capsys) -> None:
    project = make_archive({})
    with pytest.raises(SystemExit) as exited:
        check(project, "--format", "xml")
    assert exited.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_annotations_escape_what_would_end_a_property_or_the_message() -> None:
    problem = Problem("content/a,b:c%.md", 7, "line one\nline two: 100%")
    assert problem.as_github() == "::error file=content/a%2Cb%3Ac%25.md,line=7::line one%0Aline two: 100%25"
    warning = Problem("content/x.md", 2, "no url", "warning")
    assert warning.as_github() == "::warning file=content/x.md,line=2::no url"
