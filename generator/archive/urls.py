"""The URL layout of the site: where every page and file lives, in one place.

Pages, feeds, the audit, the sitemap dates and the search index all read it. Paths are
docs-folder paths (`briefings/<id>.md`); MkDocs publishes `x.md` at the URL `x/`.
"""

from __future__ import annotations

import re

PAGE_FOLDER = "briefings/"  # where a record's page lives in the docs folder
THEME_FOLDER = "themes/"
PEOPLE_FOLDER = "people/"
TIMELINE_FOLDER = "timeline/"
TIMELINE_PAGE = "timeline.md"

HOME_PAGE = "index.md"
THEMES_PAGE = f"{THEME_FOLDER}index.md"
PEOPLE_PAGE = f"{PEOPLE_FOLDER}index.md"
TAGS_FOLDER = "tags/"
TAGS_PAGE = f"{TAGS_FOLDER}index.md"
DATA_JSON = "data/briefings.json"
CITE_FOLDER = "cite/"
DATA_CSV = "data/briefings.csv"
DATA_DB = "data/briefings.db"  # SQLite, with full-text search (pages/database.py)
DATA_DB_METADATA = "data/briefings.metadata.json"  # Datasette's description of it

# A briefing's URL anywhere in a link or a sitemap entry; group 1 is the record id.
BRIEFING_URL = re.compile(rf"(?:^|/){PAGE_FOLDER}([a-z0-9]+(?:-[a-z0-9]+)*)/")
# Pages the search index holds (globs over the built site): briefings, people and the
# hand-written pages. Listings repeat the titles of many briefings and would crowd them out.
SEARCHED_PAGES = (
    f"{PAGE_FOLDER}*/index.html", f"{PEOPLE_FOLDER}*/index.html", "about/index.html", "data/index.html",
)  # fmt: skip


def briefing_page(record_id: str) -> str:
    return f"{PAGE_FOLDER}{record_id}.md"


def briefing_url(record_id: str) -> str:
    return f"{PAGE_FOLDER}{record_id}/"


def briefing_html(record_id: str) -> str:
    return f"{PAGE_FOLDER}{record_id}/index.html"


def data_slice(kind: str, name: str, extension: str) -> str:
    """One theme's or year's briefings as data: `data/themes/drones.json`, `data/years/2024.csv`."""
    return f"data/{kind}/{name}.{extension}"


def citation_file(record_id: str, extension: str) -> str:
    """A briefing's reference as BibTeX (`bib`), RIS (`ris`) or CSL-JSON (`json`)."""
    return f"{CITE_FOLDER}{record_id}.{extension}"


def theme_page(slug: str) -> str:
    return f"{THEME_FOLDER}{slug}.md"


def theme_url(slug: str) -> str:
    return f"{THEME_FOLDER}{slug}/"


def theme_listing(slug: str) -> str:
    """A theme's numbered listing: page 1 is the theme page, page n is `listing_page(…, n)`."""
    return f"{THEME_FOLDER}{slug}"


def tag_listing(slug: str) -> str:
    return f"{TAGS_FOLDER}{slug}"


def tag_page(slug: str) -> str:
    return f"{TAGS_FOLDER}{slug}.md"


def listing_page(base: str, number: int) -> str:
    """Page `number` of the listing at `base`: the address scheme never changes, so a link to
    "page 3" keeps working while what it holds moves as newer briefings arrive."""
    return f"{base}.md" if number == 1 else f"{base}/page/{number}.md"


def theme_year_listing(slug: str, year: int) -> str:
    return f"{THEME_FOLDER}{slug}/{year}"


def theme_year_page(slug: str, year: int) -> str:
    return listing_page(theme_year_listing(slug, year), 1)


def theme_of_url(path: str) -> str | None:
    """The theme whose pages hold `path` (a site path such as `themes/drones/index.html`)."""
    return path.split("/")[1] if path.startswith(THEME_FOLDER) else None


def timeline_year_listing(year: int) -> str:
    return f"{TIMELINE_FOLDER}{year}"


def timeline_year_page(year: int) -> str:
    return listing_page(timeline_year_listing(year), 1)


def page_url(path: str) -> str:
    """The URL (relative to the site root) MkDocs publishes the docs page `path` at: `x.md` at `x/`."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def url_root(path: str) -> str:
    """The way from the address of the docs page `path` back to the site root: "../../" from
    `themes/drones.md`, published at `themes/drones/`; "" from the home page."""
    return "../" * page_url(path).count("/")


def relative_url(target: str, here: str) -> str:
    """The link from the page at URL `here` to URL `target` (both relative to the site root,
    folders ending in "/"), as a browser resolves it: "../../" from `themes/drones/page/2/` to
    `themes/drones/`."""
    # posixpath.relpath, for paths that are already clean and relative: thousands a run.
    up = here.split("/")[:-1] if here else []
    down = target.split("/")
    common = 0
    while common < len(up) and common < len(down) - 1 and up[common] == down[common]:
        common += 1
    link = "../" * (len(up) - common) + "/".join(down[common:])
    return link or "./"


def link(here: str, target: str) -> str:
    """The link from the docs page `here` to the docs page `target`, as published addresses."""
    return relative_url(page_url(target), page_url(here))


def person_listing(slug: str) -> str:
    return f"{PEOPLE_FOLDER}{slug}"


def person_page(slug: str) -> str:
    return listing_page(person_listing(slug), 1)


def person_year_listing(slug: str, year: int) -> str:
    return f"{PEOPLE_FOLDER}{slug}/{year}"


def person_year_page(slug: str, year: int) -> str:
    return listing_page(person_year_listing(slug, year), 1)


# Feeds live at the site root: Material's script reads every <link rel="alternate"> in the head
# as a translation of the site and fetches `sitemap.xml` beside it. Beside a feed at the root,
# that is the site's own sitemap; in a folder it would be a missing file and a console error.
def atom_feed(theme: str | None) -> str:
    return f"feed-{theme}.xml" if theme else "feed.xml"


def json_feed(theme: str | None) -> str:
    return f"feed-{theme}.json" if theme else "feed.json"
