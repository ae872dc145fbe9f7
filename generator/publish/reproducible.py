"""Same content, same bytes: build dates taken from the records, never from the clock.

MkDocs stamps every sitemap entry with the build date and the gzipped sitemap with a timestamp;
both honour SOURCE_DATE_EPOCH. When it is not set, the build uses the newest date in the
archive, and the sitemap's `<lastmod>` is rewritten to say when each page's content last changed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from generator.archive import urls
from generator.archive.model import Archive, last_change, newest_change
from generator.files import Tree

_URL = re.compile(r"(<loc>([^<]*)</loc>\s*<lastmod>)[^<]*(</lastmod>)")
_BRIEFING = re.compile(rf"^{urls.PAGE_FOLDER}([^/]+)/$")
_THEME = re.compile(rf"^{urls.THEME_FOLDER}([^/]+)/")


@contextmanager
def source_date_epoch(archive: Archive) -> Iterator[int]:
    """SOURCE_DATE_EPOCH as set by the caller, or else the archive's newest date, while building."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None and given.strip().isdigit():
        yield int(given)
        return
    newest = newest_change(archive.records)
    epoch = int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield epoch
    finally:
        if given is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = given


def rewrite_sitemap(
    tree: Tree, archive: Archive, site_url: str, epoch: int, known: dict[str, bytes] | None = None
) -> None:
    """Give each sitemap entry the date its content last changed; gzip it with a fixed timestamp.
    `known`: what an earlier call of this process made, and from what (a serve's)."""
    sitemap = tree.folder / "sitemap.xml"
    if not sitemap.is_file():
        return
    raw = sitemap.read_bytes()
    if known is not None:
        dates = [(record.id, record.meta.themes, last_change(record)) for record in archive.records]
        made_from = hashlib.blake2b(raw + repr((site_url, epoch, dates)).encode("utf-8")).digest()
        if known.get("from") == made_from:
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                tree.write(name, known[name])
            return
        known.clear()
        known["from"] = made_from
    records = {record.id: record for record in archive.records}
    newest = newest_change(archive.records)
    # Once per theme, not once per page of it (a theme has hundreds of listing pages at 10,000).
    newest_on = {slug: newest_change(records) for slug, records in archive.by_theme.items()}

    def lastmod(match: re.Match[str]) -> str:
        page = match.group(2).removeprefix(site_url.rstrip("/") + "/")
        if (briefing := _BRIEFING.match(page)) and briefing.group(1) in records:
            day = last_change(records[briefing.group(1)])
        elif (theme := _THEME.match(page)) and theme.group(1) in newest_on:
            day = newest_on[theme.group(1)]
        else:
            day = newest
        return f"{match.group(1)}{day.isoformat()}{match.group(3)}"

    text = _URL.sub(lastmod, raw.decode("utf-8")).encode("utf-8")
    buffer = io.BytesIO()
    # The file name inside the gzip header is the bare name, as MkDocs writes it.
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=epoch) as packed:
        packed.write(text)
    made = {"sitemap.xml": text, "sitemap.xml.gz": buffer.getvalue()}
    for name, data in made.items():
        tree.write(name, data)
    if known is not None:
        known.update(made)
