"""The people vocabulary (site_config/people.yml): its own errors with their lines, the warnings it
gives records (alias, unknown person), --strict, and one person page per person with roles and
other spellings. The synthetic test people live in tests/fixtures/people.yml."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, REPO, record_text, serve_folder
from generator.authoring.json_schema import PEOPLE_SCHEMA_FILE, people_schema
from generator.cli.main import main
from generator.problems import InvalidRecord
from generator.project import Project
from generator.records.people import load_people

ALPHA_ALIAS = "Тестовий Міністр Альфа"


def people_problems(tmp_path: Path, text: str) -> list[str]:
    file = tmp_path / "people.yml"
    file.write_text(text, encoding="utf-8")
    try:
        load_people(file, "site_config/people.yml")
    except InvalidRecord as invalid:
        return [problem.as_text() for problem in invalid.problems]
    return []


def test_the_test_vocabulary_loads_with_every_spelling(tmp_path: Path) -> None:
    people = load_people(FIXTURES / "people.yml", "site_config/people.yml")
    alpha = people.find("test minister alfa")
    assert alpha is not None and alpha.name == "Test Minister Alpha"
    assert people.find(ALPHA_ALIAS) is alpha
    assert [role.title for role in alpha.roles] == [
        "Synthetic Minister of Testing",
        "Synthetic head of the test delegation",
    ]
    assert people.nearest("Test Ministr Alpha") == ["Test Minister Alpha"]


BAD_VOCABULARIES = {
    "bad slug": (
        "Bad Slug:\n  name: X\n",
        ["site_config/people.yml:1: person slug 'Bad Slug' must be a lowercase slug"],
    ),
    "unknown field": (
        "x:\n  name: X\n  alias: [Y]\n",
        ["site_config/people.yml:3: unknown field 'x.alias' (did you mean 'aliases'?)"],
    ),
    "missing name": ("x:\n  aliases: [Y]\n", ["site_config/people.yml:1: missing required field 'x.name'"]),
    "bad role date": (
        "x:\n  name: X\n  roles:\n    - title: Envoy\n      since: 2025-13-01\n",
        [
            "site_config/people.yml:5: 'x.roles[0].since': 2025-13-01 is not a real date (month must be in 1..12)"
        ],
    ),
    "role dates out of order": (
        "x:\n  name: X\n  roles:\n    - title: Envoy\n      since: 2025-02-01\n      until: 2025-01-01\n",
        ["site_config/people.yml:4: 'x.roles[0]': 'until' is earlier than 'since'"],
    ),
    "one spelling for two people": (
        "x:\n  name: X Person\ny:\n  name: Y Person\n  aliases: [x person]\n",
        ["site_config/people.yml:5: 'x person' already names 'x'"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_VOCABULARIES))
def test_a_bad_vocabulary_entry_is_named_with_its_line(tmp_path: Path, case: str) -> None:
    text, expected = BAD_VOCABULARIES[case]
    assert people_problems(tmp_path, text) == expected


def test_a_broken_vocabulary_stops_the_check_with_its_lines(
    make_archive: Callable[..., Project], capsys
) -> None:
    project = make_archive({"2025/2025-03-04-a.md": record_text()})
    (project.site_config / "people.yml").write_text("x:\n  name: X\n  alias: [Y]\n", encoding="utf-8")
    assert main(["--root", str(project.root), "check"]) == 1
    assert capsys.readouterr().out == (
        "site_config/people.yml:3: unknown field 'x.alias' (did you mean 'aliases'?)\n"
        "0 records checked: 1 error(s), 0 warning(s).\n"
    )


@pytest.fixture
def spellings(make_archive: Callable[..., Project]) -> Project:
    return make_archive(
        {
            "2025/2025-03-04-canonical.md": record_text(title="Canonical", people="[Test Minister Alpha]"),
            "2025/2025-03-05-alias.md": record_text(
                title="Alias", date="2025-03-05", people="[Test Envoy Beta, Test Minister Alfa]"
            ),
            "2025/2025-03-06-unknown.md": record_text(
                title="Unknown", date="2025-03-06", people="\n  - Test Envoy Betta\n  - Nobody At All Known"
            ),
            "2025/2025-03-07-no-url.md": record_text(title="No URL", date="2025-03-07", source="\n  name: W"),
        }
    )


ALIAS = (
    "content/2025/2025-03-05-alias.md:9: warning: 'Test Minister Alfa' is another spelling of "
    "'Test Minister Alpha'; write 'Test Minister Alpha'"
)
UNKNOWN = [
    "content/2025/2025-03-06-unknown.md:10: warning: 'Test Envoy Betta' is not in site_config/people.yml "
    "(nearest: 'Test Envoy Beta', 'Test Envoy'); fix the spelling or add them there",
    "content/2025/2025-03-06-unknown.md:11: warning: 'Nobody At All Known' is not in site_config/people.yml; "
    "fix the spelling or add them there",
]
NO_URL = "content/2025/2025-03-07-no-url.md:5: warning: source has no 'url'; add the link when there is one"


def test_aliases_and_unknown_people_are_warnings_naming_the_right_spelling(
    spellings: Project, capsys
) -> None:
    assert main(["--root", str(spellings.root), "check"]) == 0
    assert capsys.readouterr().out == "\n".join(
        [ALIAS, *UNKNOWN, NO_URL, "4 records checked: 0 error(s), 4 warning(s).\n"]
    )


def test_strict_makes_them_errors_but_a_missing_url_stays_a_warning(spellings: Project, capsys) -> None:
    assert main(["--root", str(spellings.root), "check", "--strict"]) == 1
    assert capsys.readouterr().out == "\n".join(
        [
            *(line.replace(": warning: ", ": ") for line in (ALIAS, *UNKNOWN)),
            NO_URL,
            "4 records checked: 3 error(s), 1 warning(s).\n",
        ]
    )


def test_an_alias_joins_the_canonical_person_page_with_roles_and_other_spellings(spellings: Project) -> None:
    assert main(["--root", str(spellings.root), "generate"]) == 0
    people = spellings.docs / "people"
    assert not (people / "test-minister-alfa.md").exists()
    page = (people / "test-minister-alpha.md").read_text(encoding="utf-8")
    assert "Named in 2 briefings." in page
    assert (
        '<p class="person-roles-label">Roles:</p><ul class="person-roles">'
        "<li>Synthetic Minister of Testing, 15 January 2024 \u2013 17 July 2025</li>"
        "<li>Synthetic head of the test delegation</li></ul>"
        f'<p class="person-aliases">Also written: Test Minister Alfa, {ALPHA_ALIAS}</p>'
    ) in page
    beta = (people / "test-envoy-beta.md").read_text(encoding="utf-8")
    assert "<li>Synthetic envoy, since 1 January 2025</li>" in beta
    briefing = (spellings.docs / "briefings" / "2025-03-05-alias.md").read_text(encoding="utf-8")
    assert '<a href="../../people/test-minister-alpha/">Test Minister Alfa</a>' in briefing
    # Someone not in the vocabulary still gets a page, under the spelling used.
    assert (people / "test-envoy-betta.md").is_file()


def test_the_real_vocabulary_names_the_seed_records_people_as_written() -> None:
    people = load_people(REPO / "site_config" / "people.yml", "site_config/people.yml")
    seed = yaml.safe_load(
        (REPO / "content" / "2025" / "2025-06-02-umerov-istanbul-positions.md").read_text().split("---")[1]
    )
    known = [people.find(name) for name in seed["people"]]
    assert [person.name if person else None for person in known] == seed["people"]
    umerov = people.find("Umierov")  # the seed's source spells him so
    assert umerov is not None and umerov.slug == "rustem-umerov"
    # The seed's source gives no dates for any role, so none is recorded.
    assert all(
        role.since is None and role.until is None for person in people.persons for role in person.roles
    )


def test_the_vocabularies_match_their_json_schema() -> None:
    schema = json.loads((REPO / PEOPLE_SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema == people_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for file in (REPO / "site_config" / "people.yml", FIXTURES / "people.yml"):
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=_TextDates)
        jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"x": {"name": "X", "roles": [{"title": "T", "since": "June"}]}}, schema)


class _TextDates(yaml.SafeLoader):
    """YAML as editors' tools read it (YAML 1.2): a date is text, not a timestamp."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.mark.browser
def test_a_ukrainian_script_search_finds_the_person(built_fixture_site: Project, page) -> None:
    """The aliases are on the person's page, so Pagefind indexes them."""
    with serve_folder(built_fixture_site.site) as base:
        page.goto(f"{base}/")
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("Тестовий", delay=30)
        result = page.locator(".md-search-result a[href*='people/test-minister-alpha']").first
        result.wait_for(state="visible", timeout=10_000)
        result.click()
        page.wait_for_url("**/people/test-minister-alpha/**")
        assert ALPHA_ALIAS in page.locator("article").inner_text()
        assert page.console_errors == []


def test_warnings_keep_their_lines_and_strictness_when_records_come_from_the_cache(
    spellings: Project, capsys
) -> None:
    for file in spellings.content.rglob("*.md"):
        os.utime(file, (1_700_000_000, 1_700_000_000))  # old enough for the record cache to keep
    outputs = []
    for _ in range(2):
        assert main(["--root", str(spellings.root), "check", "--strict"]) == 1
        outputs.append(capsys.readouterr().out)
    assert (spellings.root / "build" / "cache").is_dir()
    assert outputs[0] == outputs[1]
    assert f"{ALIAS.replace(': warning: ', ': ')}\n" in outputs[1]
    assert f"{NO_URL}\n" in outputs[1]
