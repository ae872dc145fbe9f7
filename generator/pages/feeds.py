"""Atom and JSON Feed 1.1 feeds: one pair for the whole archive, one pair per theme.

Every date in a feed comes from the records, never from the clock, so the same content always
gives the same bytes (feedgen stamps "now" unless told otherwise: every date is set here).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache

import jinja2
from feedgen.feed import FeedGenerator
from markupsafe import Markup

from generator.archive import urls
from generator.archive.model import Archive, last_change, newest_change
from generator.pages.dates import long_date
from generator.pages.jinja import template_environment
from generator.pages.site_info import SiteInfo
from generator.records.record import Record
from generator.records.themes import Theme

# Feeds carry the newest entries; the downloads carry the whole archive.
FEED_ENTRIES = 50
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# The `updated` of a feed with no entries, so that even an empty feed is reproducible.


@dataclass(frozen=True)
class Feed:
    title: str
    description: str
    page: str  # the HTML page the feed follows, relative to the site root
    atom_path: str  # where the feed files live, relative to the docs folder
    json_path: str
    records: tuple[Record, ...]  # newest first, at most FEED_ENTRIES
    theme: Theme | None  # None for the whole archive


def archive_feeds(archive: Archive, site: SiteInfo) -> list[Feed]:
    feeds = [
        Feed(
            site.name,
            site.description,
            "",
            urls.atom_feed(None),
            urls.json_feed(None),
            archive.records[:FEED_ENTRIES],
            None,
        )
    ]
    for theme in archive.themes:
        feeds.append(
            Feed(
                f"{theme.title} · {site.name}",
                theme.description,
                urls.theme_url(theme.slug),
                urls.atom_feed(theme.slug),
                urls.json_feed(theme.slug),
                archive.by_theme[theme.slug][:FEED_ENTRIES],
                theme,
            )
        )
    return feeds


def feed_files(archive: Archive, site: SiteInfo) -> dict[str, bytes]:
    """Every feed file of the site, keyed by its path in the docs folder."""
    files: dict[str, bytes] = {}
    for feed in archive_feeds(archive, site):
        files[feed.atom_path] = atom_feed(feed, archive, site)
        files[feed.json_path] = json_feed(feed, archive, site)
    return files


def feed_updated(feed: Feed) -> dt.date:
    return newest_change(feed.records)


def atom_feed(feed: Feed, archive: Archive, site: SiteInfo) -> bytes:
    generator = FeedGenerator()
    generator.id(site.link(feed.atom_path))
    generator.title(feed.title)
    generator.subtitle(feed.description or feed.title)
    generator.author({"name": site.name, "uri": site.url})
    generator.link(href=site.link(feed.page), rel="alternate", type="text/html")
    generator.link(href=site.link(feed.atom_path), rel="self", type="application/atom+xml")
    generator.language(site.language)
    generator.generator(site.name)
    generator.updated(_moment(feed_updated(feed)))
    for record in feed.records:
        entry = generator.add_entry(order="append")
        entry.id(site.briefing_url(record.id))
        entry.title(record.meta.title)
        entry.link(href=site.briefing_url(record.id), rel="alternate", type="text/html")
        entry.published(_moment(record.meta.date))
        entry.updated(_moment(last_change(record)))
        entry.summary(record.meta.summary)
        entry.content(entry_html(record, feed, archive), type="html")
        for slug in record.meta.themes:
            entry.category(term=slug, label=archive.theme(slug).title)
    atom: bytes = generator.atom_str(pretty=True)  # feedgen leaves it unannotated
    return atom


def json_feed(feed: Feed, archive: Archive, site: SiteInfo) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": site.link(feed.page),
        "feed_url": site.link(feed.json_path),
        "description": feed.description,
        "language": site.language,
        "authors": [{"name": site.name, "url": site.url}],
        "items": [
            {
                "id": site.briefing_url(record.id),
                "url": site.briefing_url(record.id),
                "title": record.meta.title,
                "summary": record.meta.summary,
                "content_html": entry_html(record, feed, archive),
                "date_published": _moment(record.meta.date).isoformat(),
                "date_modified": _moment(last_change(record)).isoformat(),
                "tags": list(record.meta.themes),
                # Custom keys start with "_" (JSON Feed 1.1, extensions).
                "_briefing": {
                    "highlights": dict(entry_highlights(record, feed)),
                    "source": record.meta.source.model_dump(),
                    "updated": record.meta.updated.isoformat() if record.meta.updated else None,
                    "corrections": [
                        {"date": c.date.isoformat(), "text": c.text} for c in record.meta.corrections
                    ],
                },
            }
            for record in feed.records
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def entry_highlights(record: Record, feed: Feed) -> list[tuple[str, str]]:
    """The theme's highlight in a theme feed; every highlight in the whole-archive feed."""
    wanted = [feed.theme.slug] if feed.theme else record.meta.themes
    return [(slug, record.meta.highlights[slug]) for slug in wanted if slug in record.meta.highlights]


def entry_html(record: Record, feed: Feed, archive: Archive) -> str:
    template = _html_environment().get_template("feed-entry.html.j2")
    titles = {theme.slug: theme.title for theme in archive.themes}
    return template.render(record=record, highlights=entry_highlights(record, feed), theme_titles=titles)


@cache
def _html_environment() -> jinja2.Environment:
    env = template_environment(autoescape=True, keep_trailing_newline=False)
    env.filters["long_date"] = lambda day: Markup.escape(long_date(day))
    return env


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
