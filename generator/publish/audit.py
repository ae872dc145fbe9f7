"""The post-build audit: nothing lost, nothing broken, nothing unpublished in the built site.

`briefing build` runs it on the new site before swapping it in; any finding fails the build and
the previous site stays. It reads only the built files, so it checks what readers will get.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from generator.archive import urls
from generator.archive.model import Archive
from generator.publish.audit_cache import SiteFacts
from generator.publish.database_audit import database_fact
from generator.publish.draft_audit import DraftSearch, audit_drafts
from generator.publish.html_scan import scan_page, text_of
from generator.records.record import Record

ATOM = "{http://www.w3.org/2005/Atom}"


class AuditFailed(Exception):
    """The built site is missing something or holds something it must not; `findings` says what."""

    def __init__(self, findings: list[str]) -> None:
        self.findings = tuple(findings)
        super().__init__(f"{len(findings)} problem(s) in the built site")


def site_root(site_url: str) -> str:
    """The path of the site's address, which absolute links into the site start with: "/archive/"."""
    path = urlsplit(site_url).path.strip("/")
    return f"/{path}/" if path else "/"


class PageFacts:
    """What the audit needs to know of a built page, from its bytes: its links and unsafe markup
    and, when there are drafts, any of their text. The page-by-page build computes these as it
    renders each page (`known` below), on every core, instead of the audit reading the pages again."""

    def __init__(self, archive: Archive, drafts: Sequence[Record], site_url: str) -> None:
        self.root = site_root(site_url)
        self.drafts = DraftSearch.of(drafts, archive)

    def __call__(self, data: bytes, page: str) -> dict[str, Any]:
        facts: dict[str, Any] = {"page": page_fact(data, page, self.root)}
        if self.drafts.needles:
            facts[self.drafts.kind] = self.drafts.found(data)
        return facts


def audit_site(
    site: Path,
    archive: Archive,
    drafts: Sequence[Record] = (),
    site_url: str = "",
    cache: Path | None = None,
    known: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[str]:
    """Every finding, as `site-path: what is wrong`; an empty list means the site is whole.

    With `cache` (a file under build/), what each file holds is remembered by its content hash
    (`publish/audit_cache.py`): a later audit reads only the files that changed, and finds the same.
    `known` gives facts of pages already computed from the very bytes at their paths (`PageFacts`).
    """
    root = site_root(site_url)
    facts = SiteFacts(site, cache, context=root, known=known)
    files = facts.files
    # Where a link may point: a file, or a folder with an index.html (links are normalized paths).
    reachable = files.keys() | {page[: -len("/index.html")] for page in files if page.endswith("/index.html")}
    findings: list[str] = []
    on_theme = {theme.slug: set[str]() for theme in archive.themes}
    for page in files:
        if not page.endswith(".html"):
            continue
        scan = facts.fact(page, "page", partial(page_fact, page=page, root=root))
        findings += [f"{page}: unsafe markup: {what}" for what in scan["unsafe"]]
        links = scan["links"]
        if not reachable.issuperset(links):
            findings += [
                f"{page}: broken link to {target}"
                for target in links
                if target not in files and posixpath_index(target) not in files
            ]
        slug = urls.theme_of_url(page)
        if slug in on_theme:
            on_theme[slug].update(links)
    for record in archive.records:
        page = urls.briefing_html(record.id)
        if page not in files:
            findings.append(f"{page}: missing: the page of {record.path}")
        findings += [
            f"{urls.theme_url(slug)}: no link to {record.path}, which is on that theme"
            for slug in record.meta.themes
            if page not in on_theme[slug]
        ]
    findings += _audit_search(facts, archive)
    findings += _audit_feeds(facts, archive)
    findings += _audit_data_files(facts, archive)
    findings += _audit_databases(facts, archive)
    findings += audit_drafts(facts, DraftSearch.of(drafts, archive), drafts)
    facts.save()
    return findings


def page_fact(data: bytes, page: str, root: str) -> dict[str, list[str]]:
    scan = scan_page(text_of(data), page, root)
    return {"unsafe": list(scan.unsafe), "links": sorted(set(scan.links))}


def posixpath_index(target: str) -> str:
    return target.rstrip("/") + "/index.html"


def _audit_search(facts: SiteFacts, archive: Archive) -> list[str]:
    files = facts.files
    found: set[str] | None = None
    where = ""
    if "search/search_index.json" in files:
        where = "search/search_index.json"
        found = set(facts.fact(where, "search-index", _search_index_locations))
    elif "pagefind/pagefind-entry.json" in files:
        where = "pagefind/"
        # The first bundle and those parts.json tells the browser to merge: a bundle not listed
        # there is never searched.
        bundles = {"pagefind/", *(f"pagefind/{part['path']}" for part in _search_parts(facts))}
        found = set()
        for page in files:
            folder, fragment, _name = page.rpartition("fragment/")
            if fragment and folder in bundles:
                found.add(facts.fact(page, "fragment", _fragment_url))
    if found is None:
        return ["search/: no search index was built"]
    ids = {match.group(1) for url in found if (match := urls.BRIEFING_URL.search(url))}
    missing = [f"{where}: {r.path} is not in the search index" for r in archive.records if r.id not in ids]
    # A page the site no longer has (a deleted record's) must not be found either.
    gone = [
        f"{where}: the index finds {url or '/'}, which the site does not have"
        for url in sorted(found)
        if not _in_site(url, files)
    ]
    return missing + gone


def _in_site(url: str, files: Mapping[str, str]) -> bool:
    page = url.strip("/")
    return page in files or (f"{page}/index.html" if page else "index.html") in files


def _search_index_locations(data: bytes) -> list[str]:
    index = json.loads(text_of(data))
    return sorted({doc["location"].split("#")[0] for doc in index.get("docs", [])})


def _fragment_url(data: bytes) -> str:
    text = gzip.decompress(data)
    return str(json.loads(text[text.index(b"{") :])["url"].lstrip("/"))


def _search_parts(facts: SiteFacts) -> list[dict[str, object]]:
    if "pagefind/parts.json" not in facts.files:
        return []
    return list(json.loads(facts.fact("pagefind/parts.json", "text", text_of))["parts"])


def _audit_feeds(facts: SiteFacts, archive: Archive) -> list[str]:
    """Each feed must hold the newest records of its scope (a theme, or everything), none skipped.

    Feeds are `feed.xml`/`feed.json` and `feed-<theme>.…` anywhere, or any file under feeds/
    (`feeds/themes/<theme>.…` for a theme): Atom, RSS or JSON Feed.
    """
    findings: list[str] = []
    for page in facts.files:
        scope_slug = _feed_scope(page)
        if scope_slug is None:
            continue
        feed = facts.fact(page, "feed", partial(_feed_fact, page=page))
        ids = feed["ids"]
        findings += [f"{page}: unsafe markup: {what}" for what in feed["unsafe"]]
        scope = archive.by_theme.get(scope_slug, archive.records) if scope_slug else archive.records
        newest = scope[: max(len(ids), 1)]
        findings += [f"{page}: {r.path} is missing from the feed" for r in newest if r.id not in ids]
        expected = {record.id for record in newest}
        findings += [f"{page}: entry for {i!r}, not a published record" for i in ids if i not in expected]
    return findings


def _feed_fact(data: bytes, page: str) -> dict[str, list[str]]:
    """The record ids a feed's entries link to, and the unsafe markup in their HTML."""
    entries = _feed_entries(data, page)
    ids = [match.group(1) for url, _html in entries if (match := urls.BRIEFING_URL.search(url))]
    unsafe = [  # feed readers show this HTML: it gets the pages' scan
        what for _url, content in entries for what in scan_page(f"<article>{content}</article>", page).unsafe
    ]
    return {"ids": ids, "unsafe": unsafe}


def _feed_scope(page: str) -> str | None:
    """None when `page` is no feed; "" for a whole-archive feed; else the theme slug."""
    name = page.rsplit("/", 1)[-1]
    stem, _dot, suffix = name.rpartition(".")
    if not stem or suffix not in ("xml", "json") or name.startswith("sitemap"):
        return None
    if page.startswith("feeds/themes/"):
        return stem
    if stem.startswith("feed-"):
        return stem.removeprefix("feed-")
    if page.startswith("feeds/") or stem == "feed":
        return ""
    return None


def _feed_entries(data: bytes, page: str) -> list[tuple[str, str]]:
    """(link, HTML content) of every entry of a JSON Feed, Atom or RSS file."""
    if page.endswith(".json"):
        items = json.loads(text_of(data)).get("items", [])
        return [(item.get("url", ""), item.get("content_html", "")) for item in items]
    root = ElementTree.fromstring(data)
    entries = [(_atom_link(entry), _atom_html(entry)) for entry in root.iter(f"{ATOM}entry")]
    return entries + [
        (item.findtext("link", ""), item.findtext("description", "")) for item in root.iter("item")
    ]


def _atom_link(entry: ElementTree.Element) -> str:
    alternates = (link for link in entry.iter(f"{ATOM}link") if link.get("rel", "alternate") == "alternate")
    return next((link.get("href", "") for link in alternates), "")


def _atom_html(entry: ElementTree.Element) -> str:
    """The parts of an Atom entry a reader shows as HTML (type="text" parts are shown as text)."""
    parts = (entry.find(f"{ATOM}{name}") for name in ("content", "summary"))
    return "".join(part.text or "" for part in parts if part is not None and part.get("type") == "html")


def _audit_data_files(facts: SiteFacts, archive: Archive) -> list[str]:
    findings: list[str] = []
    for page in facts.files:
        name = page.rsplit("/", 1)[-1]
        if _feed_scope(page) is not None or name not in ("briefings.json", "briefings.csv"):
            continue
        ids = set(facts.fact(page, "data", _json_data_ids if name.endswith(".json") else _csv_data_ids))
        findings += [f"{page}: {r.path} is missing from the data" for r in archive.records if r.id not in ids]
    return findings


def _audit_databases(facts: SiteFacts, archive: Archive) -> list[str]:
    """Each SQLite file holds every published record, nothing else, and is sound."""
    findings: list[str] = []
    published = {record.id for record in archive.records}
    for page in facts.files:
        if not page.endswith(".db"):
            continue
        fact = facts.fact(page, "database", database_fact)
        findings += [f"{page}: {fault}" for fault in fact["faults"]]
        ids = set(fact["ids"])
        findings += [
            f"{page}: {r.path} is missing from the database" for r in archive.records if r.id not in ids
        ]
        findings += [f"{page}: briefing {i!r}, not a published record" for i in sorted(ids - published)]
    return findings


def _json_data_ids(data: bytes) -> list[str]:
    return sorted(_json_ids(json.loads(text_of(data))))


def _csv_data_ids(data: bytes) -> list[str]:
    return sorted(_csv_ids(text_of(data)))


def _json_ids(value: object) -> set[str]:
    """The `id` of every object in a JSON document; other text may name records only in passing."""
    ids: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if isinstance(item.get("id"), str):
                ids.add(item["id"])
            pending += item.values()
        elif isinstance(item, list):
            pending += item
    return ids


def _csv_ids(text: str) -> set[str]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or "id" not in rows[0]:
        return {cell for row in rows for cell in row}
    column = rows[0].index("id")
    return {row[column] for row in rows[1:] if len(row) > column}
