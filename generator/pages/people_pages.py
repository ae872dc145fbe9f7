"""The People index (A to Z by family name, with counts) and each person's pages.

A person's briefings are a listing like any other (`paging.paginate`): the person's page holds the
newest PER_PAGE and the quotes in them, older pages the rest; a person in more briefings than one
page holds also gets a page per year, itself in numbered pages. No person page grows with the
archive.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from generator.archive import quotes, urls
from generator.archive.model import Archive, Person, Year, YearCount, by_year, year_counts
from generator.pages.entries import ListingEntries
from generator.pages.markdown_pages import Page, TemplatePage, render_template, templated
from generator.pages.paging import PER_PAGE, ListingPage, paginate
from generator.records.record import Record
from generator.records.schema import Role


def render_people_index(archive: Archive) -> Page:
    """Everyone named, grouped A to Z by family name (the last word of the name), with counts."""
    ordered = sorted(archive.people, key=lambda p: (family_name(p.name).casefold(), p.name.casefold()))
    groups = [
        (letter, list(group))
        for letter, group in itertools.groupby(ordered, key=lambda p: initial(family_name(p.name)))
    ]
    text = render_template(
        "people.md.j2",
        groups=[
            (letter, [PersonCount(p.slug, p.name, len(p.records)) for p in people])
            for letter, people in groups
        ],
        count=len(archive.people),
        root=urls.url_root(urls.PEOPLE_PAGE),
    )
    return Page(urls.PEOPLE_PAGE, text)


@dataclass(frozen=True)
class PersonCount:
    """A person as the People index shows them."""

    slug: str
    name: str
    count: int


def family_name(name: str) -> str:
    return name.split()[-1] if name.split() else name


def initial(word: str) -> str:
    """The letter a name is filed under: "Ö" under O; anything but a letter under "#"."""
    letter = unicodedata.normalize("NFKD", word[:1]).encode("ascii", "ignore").decode().upper()
    return letter if letter.isalpha() else (word[:1].upper() if word[:1].isalpha() else "#")


def spellings(person: Person) -> set[str]:
    """The person's name and its aliases: a quote may name them by any of them."""
    return {person.name, *person.aliases}


def quote_count(person: Person, records: Iterable[Record]) -> int:
    names = spellings(person)
    return sum(quote.by in names for record in records for quote in record.meta.quotes)


def render_person_pages(archive: Archive, person: Person, entries: ListingEntries) -> Iterator[TemplatePage]:
    """A person's listing in numbered pages and, past one page, their year pages."""
    pages = paginate(urls.person_listing(person.slug), person.records)
    years = by_year(person.records) if len(pages) > 1 else []
    quotes = quote_count(person, person.records)  # once: every page of the listing says it
    for listing_page in pages:
        yield templated(
            listing_page.path,
            "person.md.j2",
            helpers=partial(_person_helpers, archive, person, listing_page, entries),
            years=year_counts(years),
            quote_count=quotes,
            count=len(person.records),
            **_person_listing(person, listing_page),
        )
    for year in years:
        yield from render_person_year_pages(archive, person, year, years, entries)


def render_person_year_pages(
    archive: Archive, person: Person, year: Year, years: list[Year], entries: ListingEntries
) -> Iterator[TemplatePage]:
    for listing_page in paginate(urls.person_year_listing(person.slug, year.year), year.records):
        yield templated(
            listing_page.path,
            "person-year.md.j2",
            helpers=partial(_person_helpers, archive, person, listing_page, entries),
            year=YearCount(year.year, year.count),
            years=year_counts(years),
            quote_count=quote_count(person, year.records),
            **_person_listing(person, listing_page),
        )


def _person_listing(person: Person, listing_page: ListingPage) -> dict[str, object]:
    """What every page of a person's listings shows: the person, and its briefings (their
    quotes are read from them, `_person_helpers`)."""
    return {
        "person": PersonFacts(person.slug, person.name, person.aliases, person.roles),
        "listing_page": listing_page,
        "per_page": PER_PAGE,
    }


def _person_helpers(
    archive: Archive, person: Person, listing_page: ListingPage, entries: ListingEntries
) -> dict[str, object]:
    """The entries, the way back to the site root, and the quotes of the page's briefings by
    theme and briefing: all read from the inputs (the person's spellings are in PersonFacts)."""
    by_theme = quotes.by_theme(spellings(person), listing_page.records, archive.themes)
    return {
        "entries": entries,
        "root": urls.url_root(listing_page.path),
        "quotes": [(theme, quotes.by_briefing(placed)) for theme, placed in by_theme],
    }


@dataclass(frozen=True)
class PersonFacts:
    """What a person's pages show of them besides their briefings (not their records: those
    the listing page holds, one page's worth)."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
