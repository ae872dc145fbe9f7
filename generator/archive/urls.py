"""The URL layout of the site: where every page and file lives, in one place.

Paths are docs-folder paths (`briefings/<id>.md`); MkDocs publishes `x.md` at `x/`.
"""

from __future__ import annotations

PAGE_FOLDER = "briefings/"  # where a record's page lives in the docs folder
