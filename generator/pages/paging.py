"""Long listings split into numbered pages of a fixed size, newest first.

Page 1 of a listing lives at its own address (`themes/drones.md`); page n at
`themes/drones/page/n.md` (archive/urls.py). Every listing that can grow is paged this way:
themes, tags, people, and the year pages of the timeline, of each theme and of each person.
What a numbered page of a theme holds moves as newer briefings arrive; a past year's pages hold
a fixed set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.archive.model import Month, Year, by_month, by_year
from generator.archive.urls import listing_page, page_url, relative_url
from generator.records.record import Record

PER_PAGE = 25
# Page numbers shown on each side of the current one; the first and last are always shown.
AROUND = 2


@dataclass(frozen=True)
class PagerLink:
    label: str
    href: str | None  # None: the current page, or a gap ("…")
    current: bool = False


@dataclass(frozen=True)
class ListingPage:
    """Page `number` of `total` of the listing whose first page is `base`.md."""

    base: str  # e.g. "themes/drones", relative to the docs root
    number: int
    total: int
    records: tuple[Record, ...]

    @property
    def path(self) -> str:
        return listing_page(self.base, self.number)

    def href(self, number: int) -> str:
        """The relative link from this page's address to page `number` of the same listing."""
        return relative_url(page_url(listing_page(self.base, number)), page_url(self.path))

    @property
    def months(self) -> list[Month]:
        """The page's briefings by month, as its headings show them."""
        return by_month(self.records)

    @property
    def years(self) -> list[Year]:
        """The page's briefings by year (a person's pages are headed by year)."""
        return by_year(self.records)

    @property
    def newer(self) -> str | None:
        return self.href(self.number - 1) if self.number > 1 else None

    @property
    def older(self) -> str | None:
        return self.href(self.number + 1) if self.number < self.total else None

    @property
    def links(self) -> list[PagerLink]:
        """Numbered links: the first, the last and a few around this page, gaps as "…"."""
        shown = sorted({1, self.total, *range(self.number - AROUND, self.number + AROUND + 1)})
        links: list[PagerLink] = []
        for number in (n for n in shown if 1 <= n <= self.total):
            if links and number - int(links[-1].label) > 1:
                links.append(PagerLink("…", None))
            current = number == self.number
            links.append(PagerLink(str(number), None if current else self.href(number), current))
        return links


def paginate(base: str, records: tuple[Record, ...], per_page: int = PER_PAGE) -> list[ListingPage]:
    """The pages of `records` (already newest first); one empty page when there are none."""
    total = max(1, -(-len(records) // per_page))
    return [
        ListingPage(base, number, total, records[(number - 1) * per_page : number * per_page])
        for number in range(1, total + 1)
    ]


def month_pages(pages: list[ListingPage]) -> dict[dt.date, str]:
    """The first page (its docs path) that lists each month, by the month's first day: where a
    link to "March 2024" on a paged year listing goes."""
    found: dict[dt.date, str] = {}
    for page in pages:
        for record in page.records:
            found.setdefault(record.meta.date.replace(day=1), page.path)
    return found
