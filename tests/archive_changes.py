"""Changes a property test makes to a synthetic archive (tests/synthetic_archive.py), and a clean
run of the result to compare with: records edited, added, deleted, re-dated or re-tagged; a
theme, a person, the site's name or the home intro changed; a generated file edited by hand."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from hypothesis import strategies as st

from generator.cli.main import main
from synthetic_archive import synthetic_record

Change = tuple[str, int]  # (kind, which record, theme, person or file)
RECORD_CHANGES = ["edit", "add", "delete", "retitle", "redate", "retag"]
SOURCE_CHANGES = ["theme", "person", "site", "intro"]
CHANGES = st.lists(
    st.tuples(st.sampled_from(RECORD_CHANGES + SOURCE_CHANGES), st.integers(0, 10_000)),
    min_size=1,
    max_size=3,
)
GENERATE_CHANGES = st.lists(
    st.tuples(st.sampled_from([*RECORD_CHANGES, *SOURCE_CHANGES, "by-hand"]), st.integers(0, 10_000)),
    min_size=1,
    max_size=5,
)


def apply_change(root: Path, change: Change, serial: int) -> None:
    kind, which = change
    if kind in SOURCE_CHANGES or kind == "by-hand":
        change_source(root, kind, which, serial)
        return
    files = sorted((root / "content").rglob("*.md"))
    record = files[which % len(files)]
    text = record.read_text(encoding="utf-8")
    if kind == "add" or len(files) < 5:
        record_id, text = synthetic_record(random.Random(which), 500 + serial)
        (root / "content" / record_id[:4]).mkdir(exist_ok=True)
        (root / "content" / record_id[:4] / f"{record_id}.md").write_text(text, encoding="utf-8")
    elif kind == "delete":
        record.unlink()
    elif kind == "redate":  # within its year (the folder and the id name the year): other months, neighbours
        text = re.sub(
            r"^date: (\d{4})-\d\d-\d\d", rf"date: \g<1>-{which % 12 + 1:02d}-01", text, count=1, flags=re.M
        )
        record.write_text(text, encoding="utf-8")
    elif kind == "retag":
        text = re.sub(r"^tags: \[", f"tags: [changed-{serial % 2}, ", text, count=1, flags=re.M)
        if "tags: [" not in text:
            text = text.replace("\nsummary:", f"\ntags: [changed-{serial % 2}]\nsummary:", 1)
        record.write_text(text, encoding="utf-8")
    else:
        field = "summary" if kind == "edit" else "title"
        record.write_text(text.replace(f'{field}: "', f'{field}: "Changed {serial}. ', 1), encoding="utf-8")


def change_source(root: Path, kind: str, which: int, serial: int) -> None:
    """A change outside content/: the theme or people vocabulary, mkdocs.yml, the home intro, or a
    generated file edited by hand (the next run must put it right)."""
    if kind == "theme":
        themes = root / "site_config" / "themes.yml"
        title = ["Diplomacy", "Air defense", "Drones", "Defense industry"][which % 4]
        themes.write_text(themes.read_text().replace(f"title: {title}", f"title: {title} {serial}"))
    elif kind == "person":
        people = root / "site_config" / "people.yml"
        lines = people.read_text().splitlines()
        names = [index for index, line in enumerate(lines) if line.startswith("  name: ")]
        at = names[which % len(names)] + 1
        if at < len(lines) and lines[at].startswith("  aliases: ["):
            lines[at] = lines[at].replace("[", f"[Alias Number{serial}, ", 1)
        else:
            lines.insert(at, f"  aliases: [Alias Number{serial}]")
        people.write_text("\n".join(lines) + "\n")
    elif kind == "site":
        mkdocs = root / "mkdocs.yml"
        mkdocs.write_text(
            re.sub(r"^site_name: .*$", f"site_name: Archive {serial}", mkdocs.read_text(), flags=re.M)
        )
    elif kind == "intro":
        home = root / "site_config" / "home.md"
        home.write_text(home.read_text() + f"\nChanged {serial}.\n")
    else:
        generated = sorted(path for path in (root / "build" / "docs").rglob("*.md") if path.is_file())
        if generated:
            victim = generated[which % len(generated)]
            victim.write_text(victim.read_text() + "edited by hand\n")


def clean_run(root: Path, clean: Path, command: str) -> None:
    shutil.rmtree(clean, ignore_errors=True)
    for folder in ("content", "site_config"):
        shutil.copytree(root / folder, clean / folder)
    for file in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(root / file, clean / file)
    assert main(["--root", str(clean), command]) == 0
