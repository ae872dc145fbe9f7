"""The archive model: every published record, gathered by theme, month and person.

The whole model is built before anything is rendered, so every page sees the same archive.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.archive.slugs import free_slug, slugify
from generator.records.people import NO_PEOPLE, People
from generator.records.record import Record
from generator.records.schema import Role
from generator.records.themes import Theme

NO_RECORDS = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    records: tuple[Record, ...]
    aliases: tuple[str, ...] = ()  # from the people vocabulary, when the person is in it
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Month:
    """The records of one calendar month, newest first."""

    first_day: dt.date
    records: tuple[Record, ...]


@dataclass(frozen=True)
class Year:
    """The records of one calendar year, newest first: one page of a long listing."""

    year: int
    records: tuple[Record, ...]

    @property
    def months(self) -> list[Month]:
        return by_month(self.records)

    @property
    def count(self) -> int:
        return len(self.records)


@dataclass(frozen=True)
class YearCount:
    """How many records a year holds: all a link to the year's page shows (`year_links`)."""

    year: int
    count: int


def year_counts(years: Iterable[Year]) -> tuple[YearCount, ...]:
    return tuple(YearCount(year.year, year.count) for year in years)


@dataclass(frozen=True)
class Vocabulary:
    """What a page may know of the archive as a whole besides the records it shows: the themes
    in order, and the page slugs of the people it names. Pages get this, as `archive` in their
    templates, instead of the archive itself, so that their keys (`pages/context_key.py`) do
    not change with every record."""

    themes: tuple[Theme, ...]
    person_slugs: dict[str, str] = field(default_factory=dict)

    def theme(self, slug: str) -> Theme:
        return next(theme for theme in self.themes if theme.slug == slug)


@dataclass(frozen=True)
class Archive:
    themes: tuple[Theme, ...]
    records: tuple[Record, ...]  # published records, newest first
    by_theme: dict[str, tuple[Record, ...]]
    people: tuple[Person, ...]
    person_slugs: dict[str, str]
    # (theme, record id) → index in by_theme[theme]: neighbours in O(1), not a scan per page.
    positions: dict[tuple[str, str], int]
    # Kept aside, never published: the audit proves that none of their text reached the site.
    drafts: tuple[Record, ...] = ()

    def theme(self, slug: str) -> Theme:
        return next(theme for theme in self.themes if theme.slug == slug)

    def vocabulary(self, people: Iterable[str] = ()) -> Vocabulary:
        """The themes, and the page slugs of the people named `people`."""
        return Vocabulary(self.themes, {name: self.person_slugs[name] for name in people})

    def neighbours(self, record: Record, theme: str) -> tuple[Record | None, Record | None]:
        """The next newer and next older records on `theme`."""
        listing = self.by_theme[theme]
        index = self.positions[(theme, record.id)]
        newer = listing[index - 1] if index > 0 else None
        older = listing[index + 1] if index + 1 < len(listing) else None
        return newer, older


def build_archive(themes: Iterable[Theme], records: Iterable[Record], people: People = NO_PEOPLE) -> Archive:
    """Gather the published (non-draft) records into the archive model; drafts are kept aside. A
    person the `people` vocabulary knows gets one page under their canonical name, whichever
    spelling a record uses."""
    records = tuple(records)
    published = tuple(sorted((r for r in records if not r.meta.draft), key=newest_first))
    drafts = tuple(sorted((r for r in records if r.meta.draft), key=newest_first))
    themes = tuple(themes)
    by_theme = {theme.slug: tuple(r for r in published if theme.slug in r.meta.themes) for theme in themes}
    persons, person_slugs = _gather_people(published, people)
    positions = {
        (slug, record.id): index for slug, listing in by_theme.items() for index, record in enumerate(listing)
    }
    return Archive(themes, published, by_theme, persons, person_slugs, positions, drafts)


def newest_first(record: Record) -> tuple[int, str]:
    return (-record.meta.date.toordinal(), record.id)


def last_change(record: Record) -> dt.date:
    """The newest of a record's date, its `updated` date and its corrections' dates."""
    meta = record.meta
    return max([meta.date, *([meta.updated] if meta.updated else []), *(c.date for c in meta.corrections)])


def newest_change(records: Iterable[Record]) -> dt.date:
    """The newest `last_change` of `records`; 1 January 1970 when there are none (a fixed date)."""
    return max((last_change(record) for record in records), default=NO_RECORDS)


def by_month(records: Iterable[Record]) -> list[Month]:
    """Group records (already newest first) into months, newest month first."""
    grouped = itertools.groupby(records, key=lambda r: r.meta.date.replace(day=1))
    return [Month(first_day, tuple(group)) for first_day, group in grouped]


def by_year(records: Iterable[Record]) -> list[Year]:
    """Group records (already newest first) into calendar years, newest year first."""
    grouped = itertools.groupby(records, key=lambda r: r.meta.date.year)
    return [Year(year, tuple(group)) for year, group in grouped]


def _gather_people(records: tuple[Record, ...], people: People) -> tuple[tuple[Person, ...], dict[str, str]]:
    named: dict[str, list[Record]] = {}
    spelt: dict[str, str] = {}  # every spelling a record uses → the name its page goes under
    for record in records:
        for name in record.meta.people:
            known = people.find(name)
            canonical = spelt.setdefault(name, known.name if known else name)
            named.setdefault(canonical, []).append(record)
    known_people = {person.name: person for person in people.persons}
    slugs: dict[str, str] = {}
    taken = {known_people[name].slug for name in named if name in known_people}
    # Sorted names give colliding slugs (e.g. "Umierov" written two ways) stable suffixes.
    for name in sorted(named):
        if name in known_people:
            slugs[name] = known_people[name].slug
            continue
        slug = free_slug(slugify(name, "person"), taken)
        taken.add(slug)
        slugs[name] = slug
    for spelling, canonical in spelt.items():
        slugs.setdefault(spelling, slugs[canonical])

    def person(name: str) -> Person:
        known = known_people.get(name)
        extra = (known.aliases, known.roles) if known else ((), ())
        return Person(slugs[name], name, tuple(named[name]), *extra)

    return tuple(person(name) for name in sorted(named, key=str.casefold)), slugs
