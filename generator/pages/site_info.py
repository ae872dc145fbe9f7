"""What the generated files need to know about the site itself, read from `mkdocs.yml`.

Feeds, downloads and citations carry absolute links, so they need `site_url`; reading it from
`mkdocs.yml` keeps one place to change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.archive import urls


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # always ends with "/"
    description: str
    language: str
    licence_name: str | None = None  # `extra.licence` in mkdocs.yml: summaries, notes and data
    licence_url: str | None = None
    # `extra.search_parts` in mkdocs.yml: "year" splits the search index into a bundle per year
    # (publish/search_bundles.py); unset, one index.
    search_parts: str | None = None

    def link(self, path: str) -> str:
        """The absolute address of `path` (relative to the site root)."""
        return self.url + path.lstrip("/")

    def briefing_url(self, record_id: str) -> str:
        return self.link(urls.briefing_url(record_id))


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads `!!python/name:` tags (Markdown extension settings) as None."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_site_info(mkdocs_yml: Path) -> SiteInfo:
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    theme = config.get("theme") or {}
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    licence = extra.get("licence") if isinstance(extra.get("licence"), dict) else {}
    url = str(config.get("site_url") or "http://127.0.0.1:8000/")
    return SiteInfo(
        name=str(config.get("site_name") or "Briefing Archive"),
        url=url if url.endswith("/") else url + "/",
        description=str(config.get("site_description") or ""),
        language=str(theme.get("language") or "en") if isinstance(theme, dict) else "en",
        licence_name=str(licence["name"]) if licence.get("name") else None,
        licence_url=str(licence["url"]) if licence.get("url") else None,
        search_parts=str(extra["search_parts"]) if extra.get("search_parts") else None,
    )
