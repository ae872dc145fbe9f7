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
from typing import Any

from generator.archive import urls
from generator.archive.model import Archive
from generator.pages.site_info import SiteInfo
from generator.records.record import Record
from generator.records.schema import Correction, FrontMatter, Quote, Source

LIST_SEPARATOR = "; "  # joins themes, people and tags in the CSV; none of them contains it


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Record, SiteInfo], str]


# Front-matter fields holding a nested model are described by that model's docstring.
_NESTED: dict[str, type] = {"source": Source, "quotes": Quote, "corrections": Correction}


def _described(model: type, field: str) -> str:
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
            lambda r, s, slug=theme.slug: r.meta.highlights.get(slug, ""),
        )
        for theme in archive.themes
    )
    return fixed + highlights


def json_fields() -> tuple[tuple[str, str], ...]:
    """The keys of each briefing in briefings.json, with what they hold."""
    return (
        ("id", "The record's id: its file name without .md."),
        ("url", "The briefing's permanent address on this site."),
        *((name, _fm(name)) for name in ("title", "date", "date_note", "updated", "themes")),
        ("source", f"{_fm('source')} Keys: name, url (null when unknown)."),
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
        "source": {"name": meta.source.name, "url": meta.source.url},
        "summary": meta.summary,
        "people": list(meta.people),
        "tags": list(meta.tags),
        "quotes": [{"text": q.text, "by": q.by, "theme": q.theme} for q in meta.quotes],
        "highlights": {slug: meta.highlights[slug] for slug in meta.themes if slug in meta.highlights},
        "corrections": [{"date": c.date.isoformat(), "text": c.text} for c in meta.corrections],
        "notes": record.body.strip(),
    }


def briefings_json(archive: Archive, site: SiteInfo) -> bytes:
    document = {
        "archive": site.name,
        "url": site.url,
        "description": site.description,
        "count": len(archive.records),
        "themes": [{"slug": t.slug, "title": t.title, "description": t.description} for t in archive.themes],
        "briefings": [record_data(record, site) for record in archive.records],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def briefings_csv(archive: Archive, site: SiteInfo) -> bytes:
    table = columns(archive)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([column.name for column in table])
    for record in archive.records:
        writer.writerow([column.value(record, site) for column in table])
    return out.getvalue().encode("utf-8")


def download_files(archive: Archive, site: SiteInfo) -> dict[str, bytes]:
    """The data files of the site, keyed by their path in the docs folder."""
    return {urls.DATA_JSON: briefings_json(archive, site), urls.DATA_CSV: briefings_csv(archive, site)}
