"""Listings in numbered pages: each theme's briefings, each tag's briefings and the tags index."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from generator.archive import urls
from generator.archive.model import Archive, by_month, by_year, year_counts
from generator.archive.tags import gather_tags
from generator.pages.markdown_pages import TemplatePage, templated
from generator.pages.paging import PER_PAGE, paginate
from generator.records.themes import Theme


def render_theme_pages(archive: Archive, theme: Theme) -> Iterator[TemplatePage]:
    """A theme's listing in numbered pages of PER_PAGE briefings, newest first."""
    records = archive.by_theme[theme.slug]
    years = year_counts(by_year(records))
    for listing_page in paginate(urls.theme_listing(theme.slug), records):
        yield templated(
            listing_page.path,
            "theme.md.j2",
            archive=archive.vocabulary(),
            theme=theme,
            listing_page=listing_page,
            root=root_of(listing_page.path),
            months=by_month(listing_page.records),
            years=years,
            count=len(records),
            per_page=PER_PAGE,
            atom=urls.atom_feed(theme.slug),
            json_feed=urls.json_feed(theme.slug),
        )


@dataclass(frozen=True)
class TagCount:
    """A tag as its index entry and its pages' headings show it: not its records, which would
    make every page of the tag depend on every one of them."""

    slug: str
    count: int


def root_of(path: str) -> str:
    """The relative path from the page at `path` (e.g. "themes/drones.md") to the docs root."""
    return "../" * path.count("/")


def render_tag_pages(archive: Archive, only: set[str] | None = None) -> Iterator[TemplatePage]:
    """The tags index (A to Z, with counts) and each tag's briefings in numbered pages (of the
    tags in `only` when given: a preview renders a handful of the thousand tag pages)."""
    tags = gather_tags(archive.records)
    groups = itertools.groupby(tags, key=lambda tag: tag.slug[0].upper())
    yield templated(
        urls.TAGS_PAGE,
        "tags.md.j2",
        groups=[(letter, [TagCount(t.slug, len(t.records)) for t in group]) for letter, group in groups],
        tag_count=len(tags),
    )
    for tag in tags:
        if only is not None and tag.slug not in only:
            continue
        for listing_page in paginate(tag.base, tag.records):
            yield templated(
                listing_page.path,
                "tag.md.j2",
                archive=archive.vocabulary(),
                tag=TagCount(tag.slug, len(tag.records)),
                listing_page=listing_page,
                root=root_of(listing_page.path),
                months=by_month(listing_page.records),
                per_page=PER_PAGE,
            )
