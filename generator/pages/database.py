"""The archive as one SQLite database (`data/briefings.db`) with full-text search, and the
Datasette metadata that describes it (`data/briefings.metadata.json`).

A researcher asks it questions in SQL instead of rebuilding the relations from briefings.json:
one row per published briefing, and themes, people, tags, quotes and corrections as tables of
their own, with foreign keys and indexes. `briefings_fts` (SQLite FTS5) indexes each briefing's
title, summary, notes and quotes; its rowid is the briefing's rowid. Drafts are never in it: it
is made from the archive's published records only.

Every table, column and example query is defined once, in TABLES and QUERIES: the database, its
metadata and the Data page are all made from them, and column descriptions come from the record
schema wherever a column is a schema field. The file is built in memory with sqlite-utils and
serialised: no time, no path and no random value goes into it, rows are inserted in a fixed
order and the page size is fixed, so the same archive gives the same bytes with the same SQLite
library (whose version number the file's header records).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from pydantic import BaseModel

from generator.archive import quotes, urls
from generator.archive.model import Archive
from generator.pages.site_info import SiteInfo
from generator.records.schema import Correction, FrontMatter, PersonEntry, Quote, Role, Source

FORMAT = 1  # PRAGMA user_version: raised whenever a table or column changes meaning
# Fixed, so that another SQLite build's default cannot change the bytes; 8 KiB rather than the
# usual 4 KiB because a briefing's row (2-3 KB) then leaves less of each page empty (a tenth
# smaller at 10,000 records).
PAGE_SIZE = 8192
LICENCE_COVERS = "the curators' summaries, notes and highlights, and this database"


@dataclass(frozen=True)
class Column:
    name: str
    type: type  # str (TEXT) or int (INTEGER)
    description: str
    required: bool = True  # NOT NULL


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    pk: str | tuple[str, ...]
    references: tuple[tuple[str, str, str], ...] = ()  # (column, other table, its column)
    indexes: tuple[tuple[str, ...], ...] = ()


def _schema(model: type[BaseModel], field: str, more: str = "") -> str:
    """The field's description in the record schema, with `more` after it."""
    description = model.model_fields[field].description or ""
    return " ".join(part for part in (description, more) if part)


def _briefing_id(what: str) -> Column:
    return Column("briefing_id", str, f"The briefing {what} (briefings.id).")


TABLES: tuple[Table, ...] = (
    Table(
        "archive",
        "The archive this database holds, in one row: its name, address and licence.",
        (
            Column("name", str, "The archive's name."),
            Column("url", str, "The archive's address on the web."),
            Column("description", str, "What the archive is."),
            Column("licence", str, "The licence of the curators' text and of this database.", False),
            Column("licence_url", str, "Where the licence is written.", False),
            Column("licence_covers", str, "What the licence covers: not the quotes.", False),
        ),
        "name",
    ),
    Table(
        "briefings",
        "One row per published briefing, newest first. Its rowid is the rowid of its text in briefings_fts.",
        (
            Column("id", str, "The record's id: its file name without .md."),
            Column("url", str, "The briefing's permanent address on this site."),
            Column("title", str, _schema(FrontMatter, "title")),
            Column("date", str, _schema(FrontMatter, "date")),
            Column("date_note", str, _schema(FrontMatter, "date_note"), False),
            Column("updated", str, _schema(FrontMatter, "updated", "YYYY-MM-DD."), False),
            Column("summary", str, _schema(FrontMatter, "summary")),
            Column("notes", str, "The curator's notes (the record's Markdown body); empty when none."),
            Column("source_name", str, _schema(Source, "name")),
            Column("source_url", str, _schema(Source, "url"), False),
            Column("source_archived", str, _schema(Source, "archived"), False),
        ),
        "id",
        indexes=(("date",),),
    ),
    Table(
        "themes",
        "The theme vocabulary (site_config/themes.yml), in its order.",
        (
            Column("slug", str, "The theme's slug, as records write it."),
            Column("title", str, "The theme's name."),
            Column("description", str, "What the theme covers."),
            Column("position", int, "The theme's place in the vocabulary, from 1."),
        ),
        "slug",
    ),
    Table(
        "briefing_themes",
        "Which briefing is on which theme, with what it says about that theme.",
        (
            _briefing_id("on the theme"),
            Column("theme", str, "The theme (themes.slug)."),
            Column("position", int, "The theme's place in the record's list of themes, from 1."),
            Column(
                "highlight",
                str,
                _schema(FrontMatter, "highlights", "Null when the record has none for this theme."),
                False,
            ),
        ),
        ("briefing_id", "theme"),
        (("briefing_id", "briefings", "id"), ("theme", "themes", "slug")),
        (("theme",),),
    ),
    Table(
        "people",
        "Everyone a published briefing names, under their canonical name (site_config/people.yml).",
        (
            Column("slug", str, "The address of the person's page on this site, people/<slug>/."),
            Column("name", str, _schema(PersonEntry, "name")),
            Column("url", str, "The person's page on this site."),
        ),
        "slug",
    ),
    Table(
        "person_aliases",
        "Other spellings and scripts of a person's name.",
        (
            Column("person", str, "The person (people.slug)."),
            Column("alias", str, _schema(PersonEntry, "aliases")),
        ),
        ("person", "alias"),
        (("person", "people", "slug"),),
    ),
    Table(
        "person_roles",
        "Positions people held, with dates only when a source gives them.",
        (
            Column("person", str, "The person (people.slug)."),
            Column("position", int, "The role's place in the person's list, from 1."),
            Column("title", str, _schema(Role, "title")),
            Column("since", str, _schema(Role, "since"), False),
            Column("until", str, _schema(Role, "until"), False),
        ),
        ("person", "position"),
        (("person", "people", "slug"),),
    ),
    Table(
        "briefing_people",
        "Who each briefing names.",
        (
            _briefing_id("naming the person"),
            Column("position", int, "The name's place in the record's list of people, from 1."),
            Column("person", str, "The person (people.slug)."),
            Column("name", str, _schema(FrontMatter, "people", "As the record spells it.")),
        ),
        ("briefing_id", "position"),
        (("briefing_id", "briefings", "id"), ("person", "people", "slug")),
        (("person",),),
    ),
    Table(
        "tags",
        "Every tag a published briefing carries.",
        (Column("tag", str, _schema(FrontMatter, "tags")),),
        "tag",
    ),
    Table(
        "briefing_tags",
        "Which briefing carries which tag.",
        (_briefing_id("carrying the tag"), Column("tag", str, "The tag (tags.tag).")),
        ("briefing_id", "tag"),
        (("briefing_id", "briefings", "id"), ("tag", "tags", "tag")),
        (("tag",),),
    ),
    Table(
        "quotes",
        f"{(Quote.__doc__ or '').strip()} In the order of their briefing.",
        (
            _briefing_id("quoting"),
            Column("position", int, "The quote's place in the record's quotes, from 1."),
            Column("speaker", str, _schema(Quote, "by", "As the record spells it.")),
            Column(
                "person",
                str,
                "The speaker (people.slug) when the archive knows them; null otherwise.",
                False,
            ),
            Column("text", str, _schema(Quote, "text")),
            Column("theme", str, _schema(Quote, "theme", "(themes.slug)."), False),
            Column("url", str, "The quote on its briefing's page."),
        ),
        ("briefing_id", "position"),
        (("briefing_id", "briefings", "id"), ("person", "people", "slug"), ("theme", "themes", "slug")),
        (("person",), ("theme",)),
    ),
    Table(
        "corrections",
        (Correction.__doc__ or "").strip(),
        (
            _briefing_id("corrected"),
            Column("position", int, "The correction's place in the record's list, from 1."),
            Column("date", str, "When it was corrected, YYYY-MM-DD."),
            Column("text", str, "What was corrected."),
        ),
        ("briefing_id", "position"),
        (("briefing_id", "briefings", "id"),),
    ),
)

# Full-text search: FTS5 over a view of each briefing's words, so the text is stored once (in
# briefings and quotes) and snippet() and highlight() still work. Quotes are one per line.
FULLTEXT_VIEW = "briefing_fulltext"
FTS_TABLE = "briefings_fts"
FTS_COLUMNS = ("title", "summary", "notes", "quotes")
_FULLTEXT_SQL = f"""CREATE VIEW {FULLTEXT_VIEW} AS
SELECT b.rowid AS rowid, b.title, b.summary, b.notes,
  (SELECT group_concat(q.text, char(10))
     FROM (SELECT text FROM quotes WHERE briefing_id = b.id ORDER BY position) AS q) AS quotes
FROM briefings AS b"""
_FTS_SQL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({', '.join(FTS_COLUMNS)}, "
    f"content='{FULLTEXT_VIEW}', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
)
FTS_DESCRIPTION = (
    "Full-text index (SQLite FTS5) of each briefing's title, summary, notes and quotes (one per "
    "line). Its rowid is the briefing's: join on briefings.rowid = briefings_fts.rowid; ORDER BY "
    "rank puts the best matches first."
)


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    sql: str


QUERIES: tuple[Query, ...] = (
    Query(
        "theme_person_by_month",
        "Briefings on a theme naming a person, by month",
        "How many briefings on a theme (a slug, e.g. air-defense) name a person (their name or "
        "slug), month by month, newest first.",
        """SELECT substr(b.date, 1, 7) AS month, count(*) AS briefings,
  group_concat(b.title, ' | ') AS titles
FROM briefings AS b
JOIN briefing_themes AS t ON t.briefing_id = b.id
JOIN briefing_people AS bp ON bp.briefing_id = b.id
JOIN people AS p ON p.slug = bp.person
WHERE t.theme = :theme AND (p.name = :person OR p.slug = :person)
GROUP BY month
ORDER BY month DESC""",
    ),
    Query(
        "search_within_theme",
        "Full-text search within a theme",
        "Briefings on a theme (a slug, e.g. drones) whose title, summary, notes or quotes hold the "
        'words searched (FTS5 syntax: words, "a phrase", prefix*), best match first.',
        f"""SELECT b.id, b.date, b.title,
  snippet({FTS_TABLE}, -1, '[', ']', '…', 12) AS context, b.url
FROM {FTS_TABLE}
JOIN briefings AS b ON b.rowid = {FTS_TABLE}.rowid
JOIN briefing_themes AS t ON t.briefing_id = b.id
WHERE {FTS_TABLE} MATCH :words AND t.theme = :theme
ORDER BY rank
LIMIT 100""",
    ),
    Query(
        "quotes_of_person",
        "What a person said, by theme",
        "Every quote of a person (their name or slug), with its theme and briefing, newest first.",
        """SELECT q.theme, b.date, q.text, b.title, q.url
FROM quotes AS q
JOIN briefings AS b ON b.id = q.briefing_id
JOIN people AS p ON p.slug = q.person
WHERE p.name = :person OR p.slug = :person
ORDER BY q.theme, b.date DESC""",
    ),
)


def database_files(archive: Archive, site: SiteInfo) -> dict[str, bytes]:
    """The database and its Datasette metadata, keyed by their docs-folder paths."""
    return {
        urls.DATA_DB: archive_database(archive, site),
        urls.DATA_DB_METADATA: datasette_metadata(site),
    }


def archive_database(archive: Archive, site: SiteInfo) -> bytes:
    """The bytes of the SQLite file holding the published records of `archive`."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.execute(f"PRAGMA user_version = {FORMAT}")
        # No plugins: an installed sqlite-utils plugin must not change what we publish.
        db = sqlite_utils.Database(connection, execute_plugins=False)
        rows = table_rows(archive, site)
        with connection:
            for table in TABLES:
                _create(db, table)
                _insert(connection, table, rows[table.name])
                for columns in table.indexes:
                    db.table(table.name).create_index(columns)
            connection.execute(_FULLTEXT_SQL)
            connection.execute(_FTS_SQL)
            connection.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            connection.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        # The pages the index's merges freed (a tenth of the file). VACUUM may renumber rowids of
        # tables without an INTEGER PRIMARY KEY, but briefings' are 1..N with no gaps, so any
        # renumbering leaves them as they are; the audit checks the index against them.
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()


def _insert(connection: sqlite3.Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """The rows into the table sqlite-utils made, in one statement run for each (its own
    `insert_all` spends as long in Python on 10,000 briefings as SQLite does)."""
    names = [column.name for column in table.columns]
    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    connection.executemany(
        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})',
        ([row.get(name) for name in names] for row in rows),
    )


def _create(db: sqlite_utils.Database, table: Table) -> None:
    db.table(table.name).create(
        {column.name: column.type for column in table.columns},
        pk=table.pk,
        foreign_keys=list(table.references),
        not_null={column.name for column in table.columns if column.required},
    )


def table_rows(archive: Archive, site: SiteInfo) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in the order it is inserted: briefings newest first (as in
    briefings.json), their relations in each record's own order, people A to Z."""
    rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in TABLES}
    rows["archive"].append(
        {
            "name": site.name,
            "url": site.url,
            "description": site.description,
            "licence": site.licence_name,
            "licence_url": site.licence_url,
            "licence_covers": LICENCE_COVERS if site.licence_name else None,
        }
    )
    rows["themes"] = [
        {"slug": t.slug, "title": t.title, "description": t.description, "position": n}
        for n, t in enumerate(archive.themes, 1)
    ]
    spoken_by: dict[str, str] = dict(archive.person_slugs)  # every spelling of each person → slug
    for person in archive.people:
        rows["people"].append(
            {
                "slug": person.slug,
                "name": person.name,
                "url": site.link(urls.page_url(urls.person_page(person.slug))),
            }
        )
        rows["person_aliases"] += [
            {"person": person.slug, "alias": alias} for alias in sorted(set(person.aliases))
        ]
        rows["person_roles"] += [
            {
                "person": person.slug,
                "position": n,
                "title": role.title,
                "since": role.since.isoformat() if role.since else None,
                "until": role.until.isoformat() if role.until else None,
            }
            for n, role in enumerate(person.roles, 1)
        ]
        for spelling in (person.name, *person.aliases):
            spoken_by.setdefault(spelling, person.slug)
    tags: set[str] = set()
    for record in archive.records:
        meta = record.meta
        url = site.briefing_url(record.id)
        rows["briefings"].append(
            {
                "id": record.id,
                "url": url,
                "title": meta.title,
                "date": meta.date.isoformat(),
                "date_note": meta.date_note,
                "updated": meta.updated.isoformat() if meta.updated else None,
                "summary": meta.summary,
                "notes": record.body.strip(),
                "source_name": meta.source.name,
                "source_url": meta.source.url,
                "source_archived": meta.source.archived,
            }
        )
        rows["briefing_themes"] += [
            {"briefing_id": record.id, "theme": slug, "position": n, "highlight": meta.highlights.get(slug)}
            for n, slug in enumerate(meta.themes, 1)
        ]
        rows["briefing_people"] += [
            {"briefing_id": record.id, "position": n, "person": archive.person_slugs[name], "name": name}
            for n, name in enumerate(meta.people, 1)
        ]
        rows["briefing_tags"] += [{"briefing_id": record.id, "tag": tag} for tag in sorted(set(meta.tags))]
        tags.update(meta.tags)
        rows["quotes"] += [
            {
                "briefing_id": record.id,
                "position": n + 1,
                "speaker": quote.by,
                "person": spoken_by.get(quote.by),
                "text": quote.text,
                "theme": quote.theme,
                "url": f"{url}#{quotes.quote_anchor(n)}",
            }
            for n, quote in enumerate(meta.quotes)
        ]
        rows["corrections"] += [
            {"briefing_id": record.id, "position": n, "date": c.date.isoformat(), "text": c.text}
            for n, c in enumerate(meta.corrections, 1)
        ]
    rows["tags"] = [{"tag": tag} for tag in sorted(tags)]
    return rows


def datasette_metadata(site: SiteInfo) -> bytes:
    """Datasette's metadata for the database: `datasette briefings.db -m briefings.metadata.json`."""
    database: dict[str, Any] = {
        "description": f"Every published briefing of {site.name}, with its themes, people, tags, "
        "quotes and corrections, and full-text search.",
        "tables": {
            table.name: {
                "description": table.description,
                "columns": {column.name: column.description for column in table.columns},
                **_table_options(table),
            }
            for table in TABLES
        },
        "queries": {
            query.name: {"title": query.title, "description": query.description, "sql": query.sql}
            for query in QUERIES
        },
    }
    database["tables"][FTS_TABLE] = {"description": FTS_DESCRIPTION}
    metadata = {
        "title": f"{site.name}: the archive as a database",
        "description": site.description,
        **({"license": site.licence_name} if site.licence_name else {}),
        **({"license_url": site.licence_url} if site.licence_url else {}),
        "source": site.name,
        "source_url": site.url,
        "databases": {urls.DATA_DB.rsplit("/", 1)[-1].removesuffix(".db"): database},
    }
    return (json.dumps(metadata, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _table_options(table: Table) -> dict[str, Any]:
    """Datasette's settings for a table: search, the column that names a row, the default order."""
    if table.name == "briefings":
        return {"fts_table": FTS_TABLE, "fts_pk": "rowid", "label_column": "title", "sort_desc": "date"}
    if table.name in ("people", "themes"):
        return {"label_column": "name" if table.name == "people" else "title"}
    return {}


def described_tables() -> Iterator[Table]:
    """The tables as the Data page lists them: without the one-row `archive` table."""
    return (table for table in TABLES if table.name != "archive")
