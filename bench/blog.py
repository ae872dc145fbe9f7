"""The same synthetic records as a Material blog: the yardstick the archive's build is compared with.

Each record becomes a post (title, date, themes as categories, summary as excerpt, notes) in a
separate MkDocs project with Material's blog and search plugins, so the build cost of the blog
plugin can be set beside `briefing build` on the same corpus.
"""

from __future__ import annotations

from pathlib import Path

from generator.records.collect import record_files
from generator.records.load import load_record

MKDOCS_YML = """\
site_name: Synthetic blog (benchmark)
theme:
  name: material
  font: false
plugins:
  - search
  - blog
"""


def write_blog(archive: Path, folder: Path) -> int:
    """Write a blog project for the records of `archive` into `folder`; return the number of posts."""
    themes = ("diplomacy", "air-defense", "drones", "defense-industry")
    posts = folder / "docs" / "blog" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Synthetic blog\n", encoding="utf-8")
    (folder / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    count = 0
    for file in record_files(archive / "content"):
        record, _warnings = load_record(file, archive, themes)
        categories = ", ".join(record.meta.themes)
        post = (
            f"---\ndate: {record.meta.date.isoformat()}\ncategories: [{categories}]\n---\n\n"
            f"# {record.meta.title}\n\n{record.meta.summary}\n\n<!-- more -->\n\n{record.body}"
        )
        (posts / f"{record.id}.md").write_text(post, encoding="utf-8")
        count += 1
    return count
