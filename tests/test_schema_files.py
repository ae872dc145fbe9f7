"""The committed JSON Schema and Front Matter CMS configuration match the schema in code."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, REPO, record_text
from generator.authoring.front_matter_cms import FRONT_MATTER_FILE
from generator.authoring.json_schema import SCHEMA_FILE, derived_files
from generator.cli.main import main
from generator.project import Project
from generator.records.schema import FrontMatter, Quote, Source
from generator.records.themes import load_themes

THEMES = ["diplomacy", "air-defense", "drones", "defense-industry"]


def test_committed_files_match_the_code(capsys) -> None:
    """Fails when schema.py or themes.yml changed without `briefing schema` being run."""
    assert main(["--root", str(REPO), "schema", "--check"]) == 0, capsys.readouterr().out
    for path, text in derived_files(Project.at(REPO)).items():
        assert path.read_text(encoding="utf-8") == text, path


def test_check_reports_drift_and_schema_repairs_it(make_archive: Callable[..., Project], capsys) -> None:
    project = make_archive({})
    for name in (SCHEMA_FILE, FRONT_MATTER_FILE):
        (project.root / name).write_bytes((REPO / name).read_bytes())
    assert main(["--root", str(project.root), "schema", "--check"]) == 0
    capsys.readouterr()
    themes = project.site_config / "themes.yml"
    themes.write_text(
        themes.read_text() + "sanctions: {title: Sanctions, icon: material/cancel, description: X.}\n"
    )
    assert main(["--root", str(project.root), "schema", "--check"]) == 1
    assert capsys.readouterr().out == (
        f"{SCHEMA_FILE}: out of date; run `briefing schema` and commit the result.\n"
        f"{FRONT_MATTER_FILE}: out of date; run `briefing schema` and commit the result.\n"
    )
    assert main(["--root", str(project.root), "schema"]) == 0
    assert capsys.readouterr().out == f"Wrote {SCHEMA_FILE}.\nWrote {FRONT_MATTER_FILE}.\n"
    schema = json.loads((project.root / SCHEMA_FILE).read_text())
    assert schema["properties"]["themes"]["items"]["enum"] == [*THEMES, "sanctions"]
    assert main(["--root", str(project.root), "schema", "--check"]) == 0


class _TextDates(yaml.SafeLoader):
    """YAML as editors' JSON Schema tools read it (YAML 1.2): a date is text, not a timestamp."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8").split("---\n")[1], Loader=_TextDates)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_real_and_fixture_record_is_valid(validator) -> None:
    records = [*sorted((REPO / "content").rglob("*.md")), *sorted((FIXTURES / "records").glob("*.md"))]
    assert len(records) >= 5
    for path in records:
        assert list(validator.iter_errors(front_matter(path))) == [], path


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"themes": "[diplomacy, dron]"}, "'dron' is not one of"),
        ({"themes": "[drones, drones]"}, "has non-unique elements"),
        ({"themes": "[]"}, "should be non-empty"),
        ({"date": "02.06.2025"}, "does not match"),
        ({"date": "2025-02-30"}, "is not a 'date'"),
        ({"title": '""'}, "should be non-empty"),
        ({"summary": '""'}, "should be non-empty"),
        ({"source": "\n  name: W\n  url: ftp://example.org"}, "does not match"),
        ({"source": "\n  url: https://example.org"}, "'name' is a required property"),
        ({"tags": "[Not A Slug]"}, "does not match"),
        ({"highlights": "\n  dron: text"}, "'dron' is not one of"),
        (
            {"quotes": "\n  - text: Words\n    by: Someone\n    theme: dron"},
            "'dron' is not valid under any of the given schemas",
        ),
        ({"quotes": "\n  - text: Words without a speaker"}, "'by' is a required property"),
        ({"sumary": "typo"}, "Additional properties are not allowed ('sumary' was unexpected)"),
        ({"draft": "maybe"}, "'maybe' is not of type 'boolean'"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(
    validator, tmp_path: Path, fields: dict[str, str], complaint: str
) -> None:
    path = tmp_path / "2025-03-04-synthetic.md"
    path.write_text(record_text(**fields), encoding="utf-8")
    messages = [error.message for error in validator.iter_errors(front_matter(path))]
    assert any(complaint in message for message in messages), messages
    # The loader, the authority, refuses the same record.
    project_root = tmp_path / "archive"
    (project_root / "content").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", project_root)
    shutil.copytree(REPO / "site_config", project_root / "site_config")
    shutil.copy(path, project_root / "content")
    assert main(["--root", str(project_root), "check"]) == 1


def test_front_matter_cms_content_type_covers_every_field() -> None:
    config = json.loads((REPO / FRONT_MATTER_FILE).read_text(encoding="utf-8"))
    (content_type,) = config["frontMatter.taxonomy.contentTypes"]
    assert content_type["name"] == "default"  # applies to files without an fmContentType field
    fields = {field["name"]: field for field in content_type["fields"]}
    assert list(fields) == list(FrontMatter.model_fields)
    required = {name for name, info in FrontMatter.model_fields.items() if info.is_required()}
    assert {name for name, field in fields.items() if field.get("required")} == required
    assert [choice["id"] for choice in fields["themes"]["choices"]] == THEMES
    assert fields["themes"]["multiple"] is True
    assert fields["date"] == {
        "title": "Date",
        "name": "date",
        "type": "datetime",
        "dateFormat": "yyyy-MM-dd",
        "description": "When the news happened or was reported, YYYY-MM-DD.",
        "required": True,
    }
    assert [field["name"] for field in fields["source"]["fields"]] == list(Source.model_fields)
    assert [field["name"] for field in fields["highlights"]["fields"]] == THEMES
    assert fields["quotes"] == {"title": "Quotes", "name": "quotes", "type": "block", "fieldGroup": ["quote"]}
    groups = {group["id"]: group for group in config["frontMatter.taxonomy.fieldGroups"]}
    assert [field["name"] for field in groups["quote"]["fields"]] == list(Quote.model_fields)
    assert config["frontMatter.content.pageFolders"] == [
        {"title": "Briefing records", "path": "[[workspace]]/content"}
    ]
    assert config["frontMatter.validation.enabled"] is True
    themes = load_themes(REPO / "site_config" / "themes.yml", "themes.yml")
    assert [theme.slug for theme in themes] == THEMES
