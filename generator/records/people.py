"""The people vocabulary, read from `site_config/people.yml`, and the warnings it gives records.

Each person has one canonical spelling (what records should write), a slug (their page), other
spellings and scripts as aliases, and the roles they held. A record naming an alias gets a
warning naming the canonical spelling; a record naming someone unknown gets a warning with the
nearest known names. Both become errors under `briefing check --strict`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from generator.problems import InvalidRecord, Problem
from generator.project import Project
from generator.records.frontmatter_yaml import parse_front_matter
from generator.records.record import Record
from generator.records.schema import SLUG, PersonEntry, Role
from generator.records.validate import message_of

PEOPLE_FILE = "people.yml"
NEAREST = 3
MAX_PEOPLE = 20_000  # entries in the vocabulary (a record's lists stop far lower)


@dataclass(frozen=True)
class KnownPerson:
    slug: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class People:
    """Everyone in the vocabulary, and every spelling (casefolded) of each of them."""

    persons: tuple[KnownPerson, ...]
    shown: str  # the vocabulary's path, as messages name it
    spellings: dict[str, KnownPerson]

    def find(self, name: str) -> KnownPerson | None:
        return self.spellings.get(name.casefold())

    def nearest(self, name: str) -> list[str]:
        """Canonical names of the closest spellings, nearest first, each once."""
        close = difflib.get_close_matches(name.casefold(), list(self.spellings), n=NEAREST * 2, cutoff=0.6)
        return list(dict.fromkeys(self.spellings[spelling].name for spelling in close))[:NEAREST]


NO_PEOPLE = People((), PEOPLE_FILE, {})


def load_people(file: Path, shown: str) -> People:
    """The vocabulary in `file` (none when there is no such file); raise InvalidRecord naming
    every bad entry by its line."""
    if not file.is_file():
        return People((), shown, {})
    parsed = parse_front_matter(file.read_text(encoding="utf-8"), shown, 1, max_items=MAX_PEOPLE)
    if parsed.data is None:
        return People((), shown, {})
    if not isinstance(parsed.data, dict):
        raise InvalidRecord(
            [Problem(shown, 1, "must map each person's slug to their name, aliases and roles")]
        )
    problems: list[Problem] = []
    persons: list[KnownPerson] = []
    spellings: dict[str, KnownPerson] = {}
    for slug, entry in parsed.data.items():
        line = parsed.line_of((slug,), 1)
        if not SLUG.match(slug):
            problems.append(Problem(shown, line, f"person slug {slug!r} must be a lowercase slug"))
        try:
            model = PersonEntry.model_validate(entry)
        except ValidationError as error:
            problems += [
                Problem(
                    shown,
                    parsed.line_of((slug, *item["loc"]), line),
                    message_of(item, {"roles": "Role"}, "PersonEntry", (slug,)),
                )
                for item in error.errors(include_url=False)
            ]
            continue
        person = KnownPerson(slug, model.name, tuple(model.aliases), tuple(model.roles))
        for index, spelling in enumerate((model.name, *model.aliases)):
            other = spellings.setdefault(spelling.casefold(), person)
            if other is not person:
                where = parsed.line_of((slug, "aliases", index - 1) if index else (slug, "name"), line)
                problems.append(Problem(shown, where, f"{spelling!r} already names {other.slug!r}"))
        persons.append(person)
    if problems:
        raise InvalidRecord(problems)
    return People(tuple(persons), shown, spellings)


def people_warnings(records: Iterable[Record], people: People) -> list[Problem]:
    """A warning for every name in a record's `people` that is an alias or not in the vocabulary.
    Without a vocabulary file nothing is checked."""
    if not people.persons:
        return []
    found: list[Problem] = []
    for record in records:
        for index, name in enumerate(record.meta.people):
            known = people.find(name)
            if known is not None and known.name == name:
                continue
            if known is not None:
                message = f"{name!r} is another spelling of {known.name!r}; write {known.name!r}"
            else:
                nearest = people.nearest(name)
                hint = f" (nearest: {', '.join(repr(n) for n in nearest)})" if nearest else ""
                message = f"{name!r} is not in {people.shown}{hint}; fix the spelling or add them there"
            found.append(Problem(record.path, record.line_of("people", index), message, "warning"))
    return found


def project_people(project: Project) -> People:
    """The project's people vocabulary (`site_config/people.yml`); InvalidRecord when it is broken."""
    file = project.site_config / PEOPLE_FILE
    return load_people(file, project.shown(file))
