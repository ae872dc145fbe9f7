"""`frontmatter.json`: the Front Matter CMS (VS Code) configuration, derived from the JSON Schema.

Front Matter CMS shows a form for each record and, with validation enabled, marks a missing
required field, a value of the wrong type or a theme outside the vocabulary as a problem in the
editor. Its content types are less expressive than JSON Schema (no patterns, no length limits),
so `briefing check` stays the authority; this file only brings most mistakes to the editor.
"""

from __future__ import annotations

from typing import Any

from generator.records.themes import Theme

FRONT_MATTER_FILE = "frontmatter.json"
# The content type Front Matter CMS uses for a file without an `fmContentType` field, which
# records never have (the record schema forbids unknown fields).
CONTENT_TYPE = "default"


def front_matter_config(schema: dict[str, Any], themes: tuple[Theme, ...]) -> dict[str, Any]:
    definitions = schema.get("$defs", {})
    # Lists of mappings (quotes, corrections) are Front Matter "blocks" built from field groups.
    listed = sorted(
        prop["items"]["$ref"].rsplit("/", 1)[-1]
        for prop in schema["properties"].values()
        if prop.get("type") == "array" and "$ref" in prop.get("items", {})
    )
    groups = [
        {
            "id": name.lower(),
            "labelField": _label_field(definitions[name]),
            "fields": _fields(definitions[name], definitions, themes),
        }
        for name in listed
    ]
    return {
        "$schema": "https://frontmatter.codes/frontmatter.schema.json",
        "frontMatter.framework.id": "other",
        "frontMatter.content.pageFolders": [{"title": "Briefing records", "path": "[[workspace]]/content"}],
        "frontMatter.content.supportedFileTypes": ["md"],
        "frontMatter.taxonomy.dateFormat": "yyyy-MM-dd",
        "frontMatter.validation.enabled": True,
        # Records allow no fields beyond the schema's; do not offer to add any.
        "frontMatter.panel.freeform": False,
        "frontMatter.taxonomy.fieldGroups": groups,
        "frontMatter.taxonomy.contentTypes": [
            {
                "name": CONTENT_TYPE,
                "pageBundle": False,
                "previewPath": None,
                "fields": _fields(schema, definitions, themes),
            }
        ],
    }


def _fields(
    model: dict[str, Any], definitions: dict[str, Any], themes: tuple[Theme, ...]
) -> list[dict[str, Any]]:
    required = set(model.get("required", ()))
    fields = []
    for name, prop in model["properties"].items():
        field = {"title": prop.get("title", name), "name": name, **_kind(prop, definitions, themes)}
        if "description" in prop:
            field["description"] = prop["description"]
        if name in required:
            field["required"] = True
        fields.append(field)
    return fields


def _kind(prop: dict[str, Any], definitions: dict[str, Any], themes: tuple[Theme, ...]) -> dict[str, Any]:
    """The Front Matter CMS field type for one JSON Schema property."""
    prop = _without_null(prop)
    if "$ref" in prop:
        definition = definitions[prop["$ref"].rsplit("/", 1)[-1]]
        return {"type": "fields", "fields": _fields(definition, definitions, themes)}
    kind = prop.get("type")
    if kind == "array":
        items = _without_null(prop["items"])
        if "$ref" in items:
            return {"type": "block", "fieldGroup": [items["$ref"].rsplit("/", 1)[-1].lower()]}
        if "enum" in items:
            return {"type": "choice", "multiple": True, "choices": _choices(items["enum"], themes)}
        return {"type": "list"}
    if kind == "object" and "enum" in prop.get("propertyNames", {}):
        # A mapping keyed by theme (highlights): one optional text field per theme.
        return {
            "type": "fields",
            "fields": [
                {"title": theme.title, "name": theme.slug, "type": "string", "multiline": True}
                for theme in themes
                if theme.slug in prop["propertyNames"]["enum"]
            ],
        }
    if "enum" in prop:
        return {"type": "choice", "choices": _choices(prop["enum"], themes)}
    if kind == "boolean":
        return {"type": "boolean"}
    if prop.get("format") == "date":
        return {"type": "datetime", "dateFormat": "yyyy-MM-dd"}
    multiline = prop.get("maxLength", 0) > 300
    return {"type": "string", "multiline": True} if multiline else {"type": "string"}


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """`anyOf: [X, {type: null}]` (an optional field) → X, keeping the outer keywords."""
    options = [option for option in prop.get("anyOf", ()) if option.get("type") != "null"]
    if len(options) == 1:
        return {**{key: value for key, value in prop.items() if key != "anyOf"}, **options[0]}
    return prop


def _choices(values: list[str], themes: tuple[Theme, ...]) -> list[dict[str, str]] | list[str]:
    titles = {theme.slug: theme.title for theme in themes}
    if all(value in titles for value in values):
        return [{"id": value, "title": titles[value]} for value in values]
    return list(values)


def _label_field(definition: dict[str, Any]) -> str:
    return str(next(iter(definition.get("required", definition["properties"]))))
