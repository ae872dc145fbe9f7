"""What the audit reads in a built SQLite file (`data/briefings.db`): which briefings it holds,
whether it is sound, and all of its text, where a draft's words must not be.

The file is binary: its text may be split across pages, so the draft audit does not search its
bytes but the values of every table, shadow tables of the full-text index included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

MAGIC = b"SQLite format 3\x00"


def is_database(data: bytes) -> bool:
    return data.startswith(MAGIC)


def database_fact(data: bytes) -> dict[str, list[str]]:
    """The ids in its `briefings` table and whatever is wrong with the file: damage, a broken
    foreign key, a full-text index that does not match the briefings."""
    try:
        with _opened(data) as connection:
            faults = [row[0] for row in connection.execute("PRAGMA quick_check") if row[0] != "ok"]
            faults += [
                f"a row of {table} refers to a missing row of {parent}"
                for table, _rowid, parent, _key in connection.execute("PRAGMA foreign_key_check")
            ]
            if (
                connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'briefings_fts'").fetchone()
                is None
            ):
                faults.append("no full-text index (briefings_fts)")
            else:
                try:  # with rank 1, FTS5 also checks the index against the text it indexes
                    connection.execute(
                        "INSERT INTO briefings_fts(briefings_fts, rank) VALUES ('integrity-check', 1)"
                    )
                except sqlite3.DatabaseError as error:
                    faults.append(f"the full-text index does not match the briefings ({error})")
            ids = [str(row[0]) for row in connection.execute("SELECT id FROM briefings ORDER BY id")]
    except sqlite3.DatabaseError as error:
        return {"ids": [], "faults": [f"not a readable SQLite database ({error})"]}
    return {"ids": ids, "faults": sorted(set(faults))}


def database_text(data: bytes) -> str:
    """Every text value of every table, one per line (blobs decoded as far as they are UTF-8)."""
    try:
        with _opened(data) as connection:
            return "\n".join(_values(connection))
    except sqlite3.DatabaseError:
        return data.decode("utf-8", errors="ignore")  # not readable as a database: search its bytes


def _values(connection: sqlite3.Connection) -> Iterator[str]:
    tables = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    for table, sql in tables:
        if sql.startswith("CREATE VIRTUAL"):
            continue  # what a virtual table shows is in its shadow tables or the tables it indexes
        quoted = table.replace('"', '""')
        for row in connection.execute(f'SELECT * FROM "{quoted}"'):
            yield from (_text(value) for value in row if value is not None)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="ignore")
    return str(value)


@contextmanager
def _opened(data: bytes) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.deserialize(data)
        yield connection
