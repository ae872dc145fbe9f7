"""The whole archive as data: `briefings.json` (nested, lossless) and `briefings.csv` (one row per
record, lists joined), with the description of every field for the Data page.

Field descriptions come from the record schema wherever a column is a schema field, so the Data
page cannot drift from what the files hold.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from pydantic import BaseModel

from generator.archive import urls
from generator.archive.model import Archive, by_year
from generator.pages.site_info import SiteInfo
from generator.records.record import Record
from generator.records.schema import Correction, FrontMatter, Quote, Source

# What the licence covers: not the quotes, which belong to their speakers and sources.
LICENCE_COVERS = "the curators' summaries, notes and highlights, and these data files"
LIST_SEPARATOR = "; "  # joins themes, people and tags in the CSV; none of them contains it


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Record, SiteInfo], str]


# Front-matter fields holding a nested model are described by that model's docstring.
_NESTED: dict[str, type[BaseModel]] = {"source": Source, "quotes": Quote, "corrections": Correction}


def _described(model: type[BaseModel], field: str) -> str:
    description = model.model_fields[field].description
    if description:
        return description
    return (_NESTED[field].__doc__ or "").strip()


def _joined(values: list[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _fm(field: str) -> str:
    return _described(FrontMatter, field)


def columns(archive: Archive) -> tuple[Column, ...]:
    """The CSV columns, in order: fixed ones, then one highlight column per theme."""
    fixed = (
        Column("id", "The record's id: its file name without .md.", lambda r, s: r.id),
        Column("url", "The briefing's permanent address on this site.", lambda r, s: s.briefing_url(r.id)),
        Column("title", _fm("title"), lambda r, s: r.meta.title),
        Column("date", _fm("date"), lambda r, s: r.meta.date.isoformat()),
        Column("date_note", _fm("date_note"), lambda r, s: r.meta.date_note or ""),
        Column("updated", _fm("updated"), lambda r, s: r.meta.updated.isoformat() if r.meta.updated else ""),
        Column("themes", _fm("themes") + " Joined with '; '.", lambda r, s: _joined(r.meta.themes)),
        Column("source_name", _described(Source, "name"), lambda r, s: r.meta.source.name),
        Column("source_url", _described(Source, "url"), lambda r, s: r.meta.source.url or ""),
        Column("source_archived", _described(Source, "archived"), lambda r, s: r.meta.source.archived or ""),
        Column("summary", _fm("summary"), lambda r, s: r.meta.summary),
        Column("people", _fm("people") + " Joined with '; '.", lambda r, s: _joined(r.meta.people)),
        Column("tags", _fm("tags") + " Joined with '; '.", lambda r, s: _joined(r.meta.tags)),
        Column(
            "quotes",
            _fm("quotes") + " One per line, written 'who: text'.",
            lambda r, s: "\n".join(f"{q.by}: {q.text}" for q in r.meta.quotes),
        ),
        Column(
            "corrections",
            _fm("corrections") + " One per line, written 'YYYY-MM-DD: text'.",
            lambda r, s: "\n".join(f"{c.date.isoformat()}: {c.text}" for c in r.meta.corrections),
        ),
        Column("notes", "The curator's notes (the record's Markdown body).", lambda r, s: r.body.strip()),
    )
    highlights = tuple(
        Column(
            f"highlight_{theme.slug}",
            f"What this record says about {theme.title} (empty when it has no highlight for it).",
            partial(_highlight, slug=theme.slug),
        )
        for theme in archive.themes
    )
    return fixed + highlights


def _highlight(record: Record, site: SiteInfo, slug: str) -> str:
    return record.meta.highlights.get(slug, "")


def json_fields() -> tuple[tuple[str, str], ...]:
    """The keys of each briefing in briefings.json, with what they hold."""
    return (
        ("id", "The record's id: its file name without .md."),
        ("url", "The briefing's permanent address on this site."),
        *((name, _fm(name)) for name in ("title", "date", "date_note", "updated", "themes")),
        (
            "source",
            f"{_fm('source')} Keys: name, url (null when unknown) and archived (a copy's address, or null).",
        ),
        *((name, _fm(name)) for name in ("summary", "people", "tags")),
        ("quotes", f"{_fm('quotes')} A list of objects: text, by, theme (or null)."),
        ("highlights", _fm("highlights")),
        ("corrections", f"{_fm('corrections')} A list of objects: date, text."),
        ("notes", "The curator's notes (the record's Markdown body)."),
    )


def record_data(record: Record, site: SiteInfo) -> dict[str, Any]:
    meta = record.meta
    return {
        "id": record.id,
        "url": site.briefing_url(record.id),
        "title": meta.title,
        "date": meta.date.isoformat(),
        "date_note": meta.date_note,
        "updated": meta.updated.isoformat() if meta.updated else None,
        "themes": list(meta.themes),
        "source": {"name": meta.source.name, "url": meta.source.url, "archived": meta.source.archived},
        "summary": meta.summary,
        "people": list(meta.people),
        "tags": list(meta.tags),
        "quotes": [{"text": q.text, "by": q.by, "theme": q.theme} for q in meta.quotes],
        "highlights": {slug: meta.highlights[slug] for slug in meta.themes if slug in meta.highlights},
        "corrections": [{"date": c.date.isoformat(), "text": c.text} for c in meta.corrections],
        "notes": record.body.strip(),
    }


def licence(site: SiteInfo) -> dict[str, str | None] | None:
    """The licence of the summaries, notes and data (quotes belong to their speakers)."""
    if site.licence_name is None:
        return None
    return {"name": site.licence_name, "url": site.licence_url, "covers": LICENCE_COVERS}


def briefings_json(
    archive: Archive,
    site: SiteInfo,
    records: tuple[Record, ...] | None = None,
    scope: str | None = None,
    items: dict[str, str] | None = None,
) -> bytes:
    """The archive as JSON; with `records`, one slice of it (`scope` says which). `items` holds
    each record's entry already written (`json_items`), so that a record in several slices is
    serialised once."""
    chosen = archive.records if records is None else records
    document = {
        "archive": site.name,
        "url": site.url,
        "description": site.description,
        "licence": licence(site),
        **({"slice": scope} if scope else {}),
        "count": len(chosen),
        "themes": [{"slug": t.slug, "title": t.title, "description": t.description} for t in archive.themes],
        "briefings": _PLACE,
    }
    items = items if items is not None else json_items(chosen, site)
    # What json.dumps(..., indent=2) writes for the list, from entries indented to their depth.
    listing = "[\n" + ",\n".join(items[record.id] for record in chosen) + "\n  ]" if chosen else "[]"
    text = json.dumps(document, ensure_ascii=False, indent=2).replace(json.dumps(_PLACE), listing, 1)
    return (text + "\n").encode("utf-8")


# Stands for the list of briefings while the rest of the document is written around it.
_PLACE = "\u0000briefings\u0000"


def json_items(records: tuple[Record, ...], site: SiteInfo) -> dict[str, str]:
    """Each record's entry of `briefings`, as json.dumps(indent=2) writes it two levels deep (a
    JSON string never holds a raw line break, so indenting each line is exact)."""
    return {
        record.id: "\n".join(
            "    " + line
            for line in json.dumps(record_data(record, site), ensure_ascii=False, indent=2).split("\n")
        )
        for record in records
    }


def briefings_csv(
    archive: Archive,
    site: SiteInfo,
    records: tuple[Record, ...] | None = None,
    rows: dict[str, str] | None = None,
) -> bytes:
    """The archive (or the slice `records`) as CSV; `rows` holds each record's row already written."""
    table = columns(archive)
    chosen = archive.records if records is None else records
    rows = rows if rows is not None else csv_rows(archive, site, chosen)
    return (_csv_line([column.name for column in table]) + "".join(rows[r.id] for r in chosen)).encode(
        "utf-8"
    )


def csv_rows(archive: Archive, site: SiteInfo, records: tuple[Record, ...]) -> dict[str, str]:
    table = columns(archive)
    return {record.id: _csv_line([column.value(record, site) for column in table]) for record in records}


def _csv_line(values: list[str]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerow(values)
    return out.getvalue()


def data_files(
    archive: Archive, site: SiteInfo, known: dict[str, tuple[str, str]] | None = None
) -> dict[str, bytes]:
    """The data files of the site, keyed by their path in the site: the whole archive, then a
    slice per theme and per year (each record serialised once for all of them). `known`: each
    record's JSON entry and CSV row by its fingerprint, from an earlier run of this process with
    the same settings and themes (`briefing serve`); kept up to date here."""
    if known is None:
        items = json_items(archive.records, site)
        rows = csv_rows(archive, site, archive.records)
    else:
        made = {record.fingerprint: known.get(record.fingerprint) for record in archive.records}
        new = tuple(record for record in archive.records if made[record.fingerprint] is None)
        new_items, new_rows = json_items(new, site), csv_rows(archive, site, new)
        for record in new:
            made[record.fingerprint] = (new_items[record.id], new_rows[record.id])
        known.clear()
        known.update({fingerprint: entry for fingerprint, entry in made.items() if entry is not None})
        items = {record.id: known[record.fingerprint][0] for record in archive.records}
        rows = {record.id: known[record.fingerprint][1] for record in archive.records}
    files = {
        urls.DATA_JSON: briefings_json(archive, site, items=items),
        urls.DATA_CSV: briefings_csv(archive, site, rows=rows),
    }
    for data_slice in data_slices(archive):
        files[data_slice.json_path] = briefings_json(
            archive, site, data_slice.records, data_slice.title, items
        )
        files[data_slice.csv_path] = briefings_csv(archive, site, data_slice.records, rows)
    return files


@dataclass(frozen=True)
class DataSlice:
    """The briefings of one theme or one year, as their own JSON and CSV files."""

    title: str  # "Drones", "2024"
    kind: str  # "theme" or "year"
    records: tuple[Record, ...]
    json_path: str
    csv_path: str


def data_slices(archive: Archive) -> list[DataSlice]:
    themes = [
        DataSlice(
            theme.title,
            "theme",
            archive.by_theme[theme.slug],
            urls.data_slice("themes", theme.slug, "json"),
            urls.data_slice("themes", theme.slug, "csv"),
        )
        for theme in archive.themes
    ]
    years = [
        DataSlice(
            str(year.year),
            "year",
            year.records,
            urls.data_slice("years", str(year.year), "json"),
            urls.data_slice("years", str(year.year), "csv"),
        )
        for year in by_year(archive.records)
    ]
    return themes + years
