"""A briefing as a reference: BibTeX, RIS and CSL-JSON files that reference managers import.

Each briefing is a web page of the archive (CSL `webpage`, RIS `ELEC`, BibTeX `@misc` with a
`url`), published by the archive, with its original source named in a note. The date a reader
looked at it is theirs to add: reference managers fill it in on import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from generator.archive import urls
from generator.archive.model import Archive
from generator.files import Output
from generator.pages.context_key import context_key
from generator.pages.dates import MONTHS, long_date
from generator.pages.site_info import SiteInfo
from generator.records.record import Record

# BibTeX's special characters, each replaced by its escape (the backslash first).
_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(character) for character in _BIBTEX))


def _flat(text: str) -> str:
    return " ".join(text.split())


def source_note(record: Record) -> str:
    """The original source, and its archived copy when the record gives one. The copy is the
    source's, not the briefing's: CSL's `archive_location` would say the cited page is kept
    there, so every format carries it in this note."""
    source = record.meta.source
    archived = f" (archived copy: {source.archived})" if source.archived else ""
    return f"Original source: {source.name}" + (f", {source.url}" if source.url else "") + archived + "."


def reference_text(record: Record, site: SiteInfo) -> str:
    """The reference to paste, up to the access date, which the page adds."""
    meta = record.meta
    updated = f", updated {long_date(meta.updated)}" if meta.updated else ""
    return (
        f"{site.name}. “{_flat(meta.title)}.” {long_date(meta.date)}{updated}. "
        f"{site.briefing_url(record.id)}. {source_note(record)}"
    )


def _bibtex_value(text: str) -> str:
    return "{" + _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX[m.group(0)], _flat(text)) + "}"


def bibtex(record: Record, site: SiteInfo) -> str:
    meta = record.meta
    fields = {
        "title": _bibtex_value(meta.title),
        "author": "{" + _bibtex_value(site.name) + "}",  # an institution: braced, not split into names
        "publisher": _bibtex_value(site.name),
        "year": f"{{{meta.date.year}}}",
        "month": MONTHS[meta.date.month - 1][:3].lower(),
        "date": f"{{{meta.date.isoformat()}}}",
        "url": f"{{{site.briefing_url(record.id)}}}",
        "abstract": _bibtex_value(meta.summary),
        "note": _bibtex_value(source_note(record)),
        "language": _bibtex_value(site.language),
    }
    if meta.tags:
        fields["keywords"] = _bibtex_value(", ".join(meta.tags))
    body = ",\n".join(f"  {key} = {value}" for key, value in fields.items())
    return f"@misc{{{record.id},\n{body}\n}}\n"


def ris(record: Record, site: SiteInfo) -> str:
    meta = record.meta
    lines = [
        ("TY", "ELEC"),
        ("TI", meta.title),
        ("T2", site.name),
        ("PB", site.name),
        ("PY", str(meta.date.year)),
        ("DA", meta.date.strftime("%Y/%m/%d/")),
        ("UR", site.briefing_url(record.id)),
        ("AB", meta.summary),
        *(("KW", tag) for tag in meta.tags),
        ("N1", source_note(record)),
        ("LA", site.language),
    ]
    # RIS: "TAG  - value" per line, CRLF line ends, ER closes the record.
    text = "".join(f"{tag}  - {_flat(value)}\r\n" for tag, value in lines)
    return text + "ER  - \r\n"


def csl_item(record: Record, site: SiteInfo) -> dict[str, Any]:
    meta = record.meta
    item: dict[str, Any] = {
        "id": record.id,
        "type": "webpage",
        "title": _flat(meta.title),
        "container-title": site.name,
        "publisher": site.name,
        "issued": {"date-parts": [[meta.date.year, meta.date.month, meta.date.day]]},
        "URL": site.briefing_url(record.id),
        "abstract": _flat(meta.summary),
        "language": site.language,
        "note": source_note(record),
    }
    if meta.tags:
        item["keyword"] = ", ".join(meta.tags)
    return item


def citation_files(archive: Archive, site: SiteInfo) -> dict[str, Output]:
    """Every briefing's BibTeX, RIS and CSL-JSON files, keyed by their docs-folder path; each
    is made from its record and the site alone, so its key names just those."""
    files: dict[str, Output] = {}
    for record in archive.records:
        for kind, make in (("bib", bibtex), ("ris", ris), ("json", _csl_json)):
            key = context_key(f"citation.{kind}", {"record": record, "site": site})
            files[urls.citation_file(record.id, kind)] = Output(partial(_encoded, make, record, site), key)
    return files


def _csl_json(record: Record, site: SiteInfo) -> str:
    return json.dumps([csl_item(record, site)], ensure_ascii=False, indent=2) + "\n"


def _encoded(make: Callable[[Record, SiteInfo], str], record: Record, site: SiteInfo) -> bytes:
    return make(record, site).encode("utf-8")
