"""The yardstick of issue 13: a bare MkDocs + Material project holding the same records.

One page per record (title and the record's own notes, nothing machine-made), out of the nav,
MkDocs' default Markdown extensions, no plugins, no hook. `briefing build` is reported as a
ratio to this project's build, timed on the same machine in the same run.
"""

from __future__ import annotations

from pathlib import Path

from generator.records.collect import record_files
from generator.records.load import load_record

MKDOCS_YML = """\
site_name: Bare MkDocs project (benchmark yardstick)
site_url: https://bare.example.org/
theme:
  name: material
  font: false
plugins: []
nav:
  - Home: index.md
not_in_nav: |
  /records/
"""


def write_bare_project(archive: Path, folder: Path) -> int:
    """Write the bare project for the records of `archive` into `folder`; return the page count."""
    themes = ("diplomacy", "air-defense", "drones", "defense-industry")
    pages = folder / "docs" / "records"
    pages.mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Bare project\n", encoding="utf-8")
    count = 0
    for file in record_files(archive / "content"):
        record, _warnings = load_record(file, archive, themes)
        (pages / f"{record.id}.md").write_text(f"# {record.meta.title}\n\n{record.body}", encoding="utf-8")
        count += 1
    return count
