"""The theme vocabulary, read from `site_config/themes.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.problems import InvalidRecord, Problem
from generator.project import Project
from generator.records.frontmatter_yaml import parse_front_matter
from generator.records.schema import SLUG

THEME_FIELDS = ("title", "icon", "description")


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    icon: str
    description: str


def load_themes(file: Path, shown: str) -> tuple[Theme, ...]:
    """Every theme in file order; raise InvalidRecord naming each bad entry by its line."""
    parsed = parse_front_matter(file.read_text(encoding="utf-8"), shown, 1)
    if not isinstance(parsed.data, dict) or not parsed.data:
        raise InvalidRecord(
            [Problem(shown, 1, "must map each theme slug to its title, icon and description")]
        )
    problems: list[Problem] = []
    themes: list[Theme] = []
    for slug, entry in parsed.data.items():
        line = parsed.line_of((slug,), 1)
        if not SLUG.match(slug):
            problems.append(Problem(shown, line, f"theme slug {slug!r} must be a lowercase slug"))
        if not isinstance(entry, dict) or any(
            not isinstance(entry.get(key), str) or not entry[key] for key in THEME_FIELDS
        ):
            problems.append(Problem(shown, line, f"theme {slug!r} needs a title, an icon and a description"))
            continue
        themes.append(Theme(slug, entry["title"], entry["icon"], entry["description"]))
    if problems:
        raise InvalidRecord(problems)
    return tuple(themes)


def project_themes(project: Project) -> tuple[Theme, ...]:
    """The project's theme vocabulary (`site_config/themes.yml`); InvalidRecord when it is broken."""
    file = project.site_config / "themes.yml"
    return load_themes(file, project.shown(file))
