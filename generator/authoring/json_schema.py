"""The record format as JSON Schema, derived from `schema.FrontMatter` and the theme vocabulary.

`briefing schema` (`cli/schema.py`) writes it to `site_config/record.schema.json` (and the editor
configuration derived from it, see `front_matter_cms`); `briefing schema --check` fails when a
committed file no longer matches the code, which is what the test suite and CI run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.authoring.front_matter_cms import FRONT_MATTER_FILE, front_matter_config
from generator.project import Project
from generator.records.schema import ISO_DATE, WEB_URL, FrontMatter, Source, check_theme
from generator.records.themes import project_themes

SCHEMA_FILE = "site_config/record.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def record_schema(themes: tuple[str, ...]) -> dict[str, Any]:
    """The JSON Schema of a record's front-matter, with `themes` as the allowed theme slugs."""

    # Validators written in Python are invisible to pydantic's schema; say what they check.
    rules: list[tuple[Callable[..., Any], dict[str, Any]]] = [
        (check_theme, {"enum": list(themes)}),
        (Source._web_url, {"pattern": WEB_URL.pattern}),
        (FrontMatter._no_repeats, {"uniqueItems": True}),
    ]

    class WithValidators(GenerateJsonSchema):
        def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
            function = schema["function"]["function"]
            for validator, keywords in rules:
                if function == validator:
                    return {**self.generate_inner(schema["schema"]), **keywords}
            return super().function_after_schema(schema)

    generated = FrontMatter.model_json_schema(schema_generator=WithValidators, mode="validation")
    _add_date_patterns(generated)
    return {
        "$schema": DIALECT,
        "$comment": "Generated from generator/records/schema.py and site_config/themes.yml by "
        "`briefing schema`; do not edit by hand.",
        **generated,
        "title": "Briefing record front-matter",
    }


def _add_date_patterns(node: Any) -> None:
    # "format: date" alone is only a hint to many validators; the pattern is what they enforce.
    if isinstance(node, dict):
        if node.get("format") == "date":
            node["pattern"] = ISO_DATE.pattern
        for value in node.values():
            _add_date_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _add_date_patterns(value)


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def derived_files(project: Project) -> dict[Path, str]:
    """Every file derived from the schema in code: path → exact text."""
    themes = project_themes(project)
    schema = record_schema(tuple(theme.slug for theme in themes))
    return {
        project.root / SCHEMA_FILE: as_json(schema),
        project.root / FRONT_MATTER_FILE: as_json(front_matter_config(schema, themes)),
    }
