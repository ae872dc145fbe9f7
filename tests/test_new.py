"""`briefing new`: a valid skeleton at the right path, never an overwrite, clear refusals."""

from __future__ import annotations

import builtins
import datetime as dt
import sys
from collections.abc import Callable, Iterator

import pytest

from generator.authoring.new_record import free_id, record_id
from generator.cli.main import main
from generator.project import Project, briefing_command

OPTIONS = [
    "--title", "Test envoys agree on a prisoner exchange",
    "--date", "2025-07-01",
    "--themes", "diplomacy, drones",
    "--source-name", "Test Wire",
    "--source-url", "https://example.org/wire/exchange",
]  # fmt: skip
NEW_ID = "2025-07-01-test-envoys-agree-on-a-prisoner-exchange"
UKRAINIAN_TITLE = "Умєров після переговорів у Стамбулі"  # noqa: RUF001 (Cyrillic letters that look Latin are the point)

EXPECTED = """\
---
title: "Test envoys agree on a prisoner exchange"
date: 2025-07-01
# date_note: Say here what is known when the exact date is uncertain.
themes: [diplomacy, drones]
source:
  name: "Test Wire"
  url: "https://example.org/wire/exchange"
  # archived: https://web.archive.org/web/2025/https://example.org/link-to-the-original  # a snapshot of the page, kept for when it goes
summary: >-
  One or two sentences, in your own words, on what this news item says.
people:  # who the item is about
  # - Name as spelt in site_config/people.yml
tags:  # lowercase slugs
  # - a-lowercase-tag
quotes:  # short, word for word, attributed
  # - text: A short quote, word for word, from someone named in the source.
  #   by: Who said it
  #   theme: diplomacy
highlights:
  diplomacy: >-
    What this item says about diplomacy, in your own words.
  drones: >-
    What this item says about drones, in your own words.
---

Notes in your own words: context, what was said, why it matters. No copied article text.
"""
SHOWN = f"content/2025/{NEW_ID}.md"
TEMPLATE_LEFT = [
    f"{SHOWN}:10: summary still holds the template's text; write one or two sentences of your own",
    f"{SHOWN}:21: highlights.diplomacy still holds the template's text; write it in your own words",
    f"{SHOWN}:23: highlights.drones still holds the template's text; write it in your own words",
    f"{SHOWN}:27: the notes still hold the template's text; write them in your own words",
]
# A source with a URL and no archived copy: a warning, never an error.
NO_ARCHIVED_COPY = (
    f"{SHOWN}:8: warning: source has no 'archived' copy; add a snapshot of the page (e.g. from the "
    "Wayback Machine) so that readers can follow the source after it moves or goes"
)


def run(project: Project, *args: str) -> int:
    return main(["--root", str(project.root), *args])


def test_writes_a_valid_record_at_the_dated_path(make_archive: Callable[..., Project], capsys) -> None:
    project = make_archive({})
    assert run(project, "new", *OPTIONS) == 0
    written = project.content / "2025" / f"{NEW_ID}.md"
    assert written.read_text(encoding="utf-8") == EXPECTED
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote content/2025/{NEW_ID}.md.")
    assert f"`{briefing_command()} preview content/2025/{NEW_ID}.md`" in out
    # The skeleton is well-formed, but the check CI runs refuses it until the guidance is replaced.
    assert run(project, "check") == 1
    assert capsys.readouterr().out == "\n".join(
        [NO_ARCHIVED_COPY, *TEMPLATE_LEFT, "1 record checked: 4 error(s), 1 warning(s).\n"]
    )


def test_the_commented_examples_are_valid_yaml_when_uncommented_and_refused_until_edited(
    make_archive: Callable[..., Project], capsys
) -> None:
    project = make_archive({})
    assert run(project, "new", *OPTIONS[:-2], "--source-url", "") == 0
    written = project.content / "2025" / f"{NEW_ID}.md"
    lines = written.read_text(encoding="utf-8").splitlines(keepends=True)
    commented = [index for index, line in enumerate(lines) if line.lstrip().startswith("# ")]
    assert len(commented) == 8  # date_note, url, archived, a person, a tag, the three lines of a quote
    written.write_text(
        "".join(line.replace("# ", "", 1) if i in commented else line for i, line in enumerate(lines))
    )
    capsys.readouterr()
    assert run(project, "check") == 1
    # Every line is valid YAML again: only the template's text is refused, each on its line.
    assert capsys.readouterr().out == "\n".join(
        [
            f"{SHOWN}:4: date_note still holds the template's text; say what is known about the date, or delete the line",
            f"{SHOWN}:8: source.url still holds the template's text; give the link to the original, or delete the line",
            f"{SHOWN}:9: source.archived still holds the template's text; give the snapshot's address, or delete the line",
            TEMPLATE_LEFT[0],
            f"{SHOWN}:13: people[0] still holds the template's text; name the person, or delete the line",
            f"{SHOWN}:15: tags[0] still holds the template's text; write a tag of your own, or delete the line",
            f"{SHOWN}:17: quotes[0] still holds the template's text; quote the source word for word, or delete it",
            *TEMPLATE_LEFT[1:],
            "1 record checked: 10 error(s), 0 warning(s).\n",
        ]
    )


def test_quotes_titles_and_names_whatever_they_hold(make_archive: Callable[..., Project], capsys) -> None:
    project = make_archive({})
    title = 'Test: "all for all" — #1 priority, no: yes'
    assert (
        run(project, "new", *OPTIONS[2:], "--title", title, "--source-name", "A: B", "--source-url", "") == 0
    )
    text = (project.content / "2025" / "2025-07-01-test-all-for-all-1-priority-no-yes.md").read_text()
    assert 'title: "Test: \\"all for all\\" — #1 priority, no: yes"\n' in text
    assert '  name: "A: B"\n  # url: https://' in text
    assert run(project, "check") == 1  # the template's text is still there
    # No URL is allowed, with the same warning `briefing check` gives every such record.
    assert "warning: source has no 'url'" in capsys.readouterr().out


def test_refuses_to_overwrite_and_suggests_the_next_free_id(
    make_archive: Callable[..., Project], capsys
) -> None:
    project = make_archive({f"2024/{NEW_ID}.md": "original", f"2025/{NEW_ID}-2.md": "second"})
    assert run(project, "new", *OPTIONS) == 1
    assert capsys.readouterr().err == (
        f"error: id '{NEW_ID}' is taken by content/2024/{NEW_ID}.md; not overwriting it.\n"
        f"The next free id is '{NEW_ID}-3': run again with --id {NEW_ID}-3\n"
    )
    assert (project.content / "2024" / f"{NEW_ID}.md").read_text() == "original"
    assert not (project.content / "2025" / f"{NEW_ID}.md").exists()
    assert run(project, "new", *OPTIONS, "--id", f"{NEW_ID}-3") == 0
    assert (project.content / "2025" / f"{NEW_ID}-3.md").read_text() == EXPECTED


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--themes",
            "diplomacy,dron",
            "error: --themes: unknown theme 'dron' (did you mean 'drones'?); "
            "themes are: diplomacy, air-defense, drones, defense-industry",
        ),
        ("--themes", " , ", "error: --themes: name at least one theme: diplomacy, air-defense, drones, "
         "defense-industry"),
        ("--date", "2025-02-30", "error: --date: the date must be a real date written YYYY-MM-DD, got '2025-02-30'"),
        ("--date", "1 July 2025", "error: --date: the date must be a real date written YYYY-MM-DD, got '1 July 2025'"),
        ("--title", "  ", "error: --title: must not be empty"),
        (
            "--source-url",
            "ftp://example.org/x",
            "error: --source-url: must be an http:// or https:// address, got 'ftp://example.org/x'",
        ),
        (
            "--id",
            "Bad_Id",
            "error: bad file name 'Bad_Id.md': use lowercase letters, digits and single hyphens, "
            "e.g. 2025-06-02-umerov-istanbul-positions.md\nNothing was written.",
        ),
    ],
)  # fmt: skip
def test_bad_values_are_usage_errors_and_write_nothing(
    make_archive: Callable[..., Project], capsys, option: str, value: str, message: str
) -> None:
    project = make_archive({})
    assert run(project, "new", *OPTIONS, option, value) == 2
    assert capsys.readouterr().err == message + "\n"
    assert not any(project.content.rglob("*.md"))


def test_missing_values_are_not_asked_for_without_a_terminal(
    make_archive: Callable[..., Project], capsys
) -> None:
    project = make_archive({})
    assert run(project, "new", "--title", "Test", "--themes", "drones") == 2
    assert capsys.readouterr().err == (
        "error: --source-name is missing (not asked: standard input is not a terminal)\n"
    )


def test_date_defaults_to_today_without_a_terminal(make_archive: Callable[..., Project]) -> None:
    project = make_archive({})
    assert run(project, "new", "--title", "Test", "--themes", "drones", "--source-name", "W") == 0
    today = dt.date.today()
    assert (project.content / str(today.year) / f"{today.isoformat()}-test.md").is_file()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], list[str]]:
    """Pretend standard input is a terminal answering with `answers`; returns the prompts shown."""

    def answer(answers: list[str]) -> list[str]:
        prompts: list[str] = []
        replies: Iterator[str] = iter(answers)
        monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)

        def fake_input(prompt: str) -> str:
            prompts.append(prompt)
            return next(replies)

        monkeypatch.setattr(builtins, "input", fake_input)
        return prompts

    return answer


def test_asks_for_what_is_missing_and_again_after_a_bad_answer(
    make_archive: Callable[..., Project], terminal, capsys
) -> None:
    project = make_archive({})
    prompts = terminal(["Test envoys meet", "2025-13-01", "2025-07-02", "drone", "drones", "Test Wire", ""])
    assert run(project, "new") == 0
    today = dt.date.today().isoformat()
    themes = (
        "Themes, comma-separated (diplomacy = Diplomacy, air-defense = Air defense, drones = Drones, "
        "defense-industry = Defense industry): "
    )
    assert prompts == [
        "Title: ",
        f"Date (YYYY-MM-DD) [{today}]: ",
        f"Date (YYYY-MM-DD) [{today}]: ",
        themes,
        themes,
        "Source name (e.g. UNN): ",
        "Source URL (blank if none): ",
    ]
    err = capsys.readouterr().err
    assert "  the date must be a real date written YYYY-MM-DD, got '2025-13-01'; try again.\n" in err
    assert "  unknown theme 'drone' (did you mean 'drones'?);" in err
    text = (project.content / "2025" / "2025-07-02-test-envoys-meet.md").read_text()
    assert text.startswith('---\ntitle: "Test envoys meet"\ndate: 2025-07-02\n')
    assert '\nthemes: [drones]\nsource:\n  name: "Test Wire"\n  # url: https://' in text


def test_ids_come_from_the_date_and_the_title() -> None:
    day = dt.date(2025, 6, 2)
    assert record_id(
        day, "Umerov after the Istanbul talks: ceasefire, “all for all” exchange, air defense"
    ) == ("2025-06-02-umerov-after-the-istanbul-talks-ceasefire-all-for")
    assert record_id(day, "Côte d'Ivoire backs Kyiv") == "2025-06-02-cote-d-ivoire-backs-kyiv"
    # Non-Latin titles are transliterated (anyascii), so the id still says what the item is.
    assert record_id(day, "Зеленський") == "2025-06-02-zelenskiy"
    assert record_id(day, UKRAINIAN_TITLE) == ("2025-06-02-umierov-pislya-peregovoriv-u-stambuli")
    assert record_id(day, "«Дрони»: 2 млн") == "2025-06-02-droni-2-mln"
    assert record_id(day, "…") == "2025-06-02-briefing"
    assert free_id("a", {"a", "a-2"}) == "a-3"
    assert free_id("b", {"a"}) == "b"


def test_a_bad_url_is_asked_again_and_every_other_answer_is_kept(
    make_archive: Callable[..., Project], terminal, capsys
) -> None:
    """Issue 12: a bad URL used to end with "Nothing was written.", losing every answer."""
    project = make_archive({})
    answers = [UKRAINIAN_TITLE, "2025-06-02", "Diplomacy, drones", "UNN"]
    prompts = terminal([*answers, "ftp://example.org/x", "https://example.org/unn/umerov"])
    assert run(project, "new") == 0
    assert prompts[-2:] == ["Source URL (blank if none): ", "Source URL (blank if none): "]
    assert len(prompts) == 6  # nothing else was asked twice
    assert (
        "  must be an http:// or https:// address, got 'ftp://example.org/x'; try again.\n"
        in capsys.readouterr().err
    )
    text = (project.content / "2025" / "2025-06-02-umierov-pislya-peregovoriv-u-stambuli.md").read_text()
    assert text.startswith(
        f'---\ntitle: "{UKRAINIAN_TITLE}"\ndate: 2025-06-02\n'
        "# date_note: Say here what is known when the exact date is uncertain.\n"
        'themes: [diplomacy, drones]\nsource:\n  name: "UNN"\n  url: "https://example.org/unn/umerov"\n'
    )


def test_a_taken_id_is_asked_again_at_a_terminal(
    make_archive: Callable[..., Project], terminal, capsys
) -> None:
    project = make_archive({f"2025/{NEW_ID}.md": "original"})
    prompts = terminal(["Bad Id", f"{NEW_ID}", ""])
    assert run(project, "new", *OPTIONS) == 0
    assert prompts == [f"Id [{NEW_ID}-2]: "] * 3
    err = capsys.readouterr().err
    assert f"  id '{NEW_ID}' is taken by content/2025/{NEW_ID}.md.\n" in err
    assert "  use lowercase letters, digits and single hyphens; try again.\n" in err
    assert f"  '{NEW_ID}' is taken too; the next free one is '{NEW_ID}-2'; try again.\n" in err
    assert (project.content / "2025" / f"{NEW_ID}.md").read_text() == "original"
    assert (project.content / "2025" / f"{NEW_ID}-2.md").read_text() == EXPECTED
