"""A synthetic archive for tests and benchmarks: this repository's configuration and deterministic
records, every one of them fake, and the changes a test or benchmark makes to it.

Records have realistic sizes (a headline, a one-to-two-sentence summary, 2-5 paragraphs of notes,
quotes, 1-3 themes, people, tags, dates spread over five years) but their text is assembled from a
small vocabulary and says so: titles start with "Synthetic", the source is "Synthetic Wire" and
every body opens with a note that the record is synthetic. The same count and seed always give
the same bytes. `bench/` uses this module too (`python bench/synthetic.py ROOT --count 1000`).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
THEMES = ("diplomacy", "air-defense", "drones", "defense-industry")
FIRST_DAY = dt.date(2021, 1, 1)
DAYS = (dt.date(2025, 12, 31) - FIRST_DAY).days + 1  # five years

_SUBJECTS = (
    "allies", "partners", "the ministry", "the delegation", "brigades", "manufacturers", "the coalition",
    "negotiators", "engineers", "the air force", "regional authorities", "the defence council",
)  # fmt: skip
_VERBS = (
    "discuss", "agree on", "review", "expand", "announce", "test", "deliver", "fund", "plan",
    "prioritise", "coordinate", "report on",
)  # fmt: skip
_OBJECTS = (
    "interceptor drones", "air defense batteries", "a ceasefire framework", "joint production",
    "prisoner exchanges", "radar coverage", "artillery shells", "long-range strikes", "repair hubs",
    "training missions", "procurement reform", "energy protection", "electronic warfare units",
    "a summit agenda", "missile stocks", "mobile fire groups",
)  # fmt: skip
_PLACES = (
    "Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro", "Brussels", "Warsaw", "Berlin", "Paris", "London",
    "Washington", "Istanbul", "Geneva", "Copenhagen", "Vilnius", "Prague", "Rome", "Madrid",
)  # fmt: skip
_FILLER = (
    "officials", "said", "the", "new", "programme", "would", "continue", "next", "month", "with",
    "support", "from", "several", "countries", "while", "units", "on", "the", "front", "line",
    "expect", "more", "deliveries", "and", "a", "second", "round", "of", "talks", "is", "planned",
    "according", "to", "the", "report", "which", "gives", "few", "details", "about", "timing",
    "costs", "or", "numbers", "but", "names", "priorities", "for", "the", "coming", "season",
)  # fmt: skip
_FIRST = (
    "Alder", "Bryn", "Cato", "Dara", "Emrys", "Fenna", "Gale", "Hale", "Ione", "Jory", "Kestrel",
    "Linnea", "Marek", "Nessa", "Oren", "Pella", "Quill", "Rowan", "Sable", "Tamsin", "Ulla", "Vesna",
)  # fmt: skip
_LAST = (
    "Ashgrove", "Birchell", "Coldwater", "Dunmore", "Elmsworth", "Fairholt", "Greyling", "Hollins",
    "Ironside", "Juniper", "Kettering", "Larchmont", "Moorfield", "Northcote", "Oakhurst", "Pembury",
)  # fmt: skip
# 352 synthetic names, shuffled once so that the frequent ones do not share a surname.
PEOPLE = tuple(random.Random(352).sample([f"{f} {last}" for last in _LAST for f in _FIRST], 352))
_ZIPF = tuple(1 / rank for rank in range(1, len(PEOPLE) + 1))
TAGS = tuple(f"{word}-{n}" for n in range(1, 26) for word in ("topic", "programme", "region", "system"))


def write_archive(root: Path, count: int, seed: int = 0) -> None:
    """Make `root` an archive of `count` synthetic records with this repository's configuration."""
    root.mkdir(parents=True, exist_ok=True)
    copy_config(root, people=None)
    write_people(root / "site_config" / "people.yml")
    rng = random.Random(seed)
    for number in range(1, count + 1):
        record_id, text = synthetic_record(rng, number)
        path = root / "content" / record_id[:4] / f"{record_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def copy_config(root: Path, people: Path | None = FIXTURES / "people.yml") -> None:
    """Give `root` this repository's mkdocs.yml (the hook pointing back here), site_config/ and
    contributor guide, with `people` as its people vocabulary (the synthetic test people unless
    told otherwise: the real vocabulary names real people only; None keeps the copied one)."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hook = "  - generator/hook.py"
    assert hook in config
    (root / "mkdocs.yml").write_text(config.replace(hook, f"  - {REPO / 'generator' / 'hook.py'}"))
    shutil.copytree(REPO / "site_config", root / "site_config", dirs_exist_ok=True)
    if (REPO / "CONTRIBUTING.md").is_file():  # published as a page of the site
        shutil.copy(REPO / "CONTRIBUTING.md", root / "CONTRIBUTING.md")
    if people is not None:
        shutil.copy(people, root / "site_config" / "people.yml")


def enable_search_parts(root: Path) -> None:
    """Ask for the search index in parts (a Pagefind bundle per year), as mkdocs.yml shows how."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  # search_parts: year\n" in text
    config.write_text(text.replace("  # search_parts: year\n", "  search_parts: year\n"), encoding="utf-8")


def write_people(file: Path) -> None:
    """The people vocabulary of the synthetic archive: every synthetic name, no aliases or roles
    (the real vocabulary names real people only)."""
    lines = ["# Synthetic people vocabulary for benchmarks (bench/synthetic.py); every name is invented."]
    for name in PEOPLE:
        lines += [f"{'-'.join(name.lower().split())}:", f"  name: {name}"]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def synthetic_record(rng: random.Random, number: int) -> tuple[str, str]:
    """The id and file text of synthetic record `number`, drawn from `rng`."""
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    themes = rng.sample(THEMES, rng.choices((1, 2, 3), weights=(5, 3, 2))[0])
    place = rng.choice(_PLACES)
    topic = rng.choice(_OBJECTS)
    title = f"Synthetic briefing {number}: {rng.choice(_SUBJECTS)} in {place} {rng.choice(_VERBS)} {topic}"
    record_id = f"{date.isoformat()}-synthetic-{number:05d}"
    # A few people appear in many records, most in a handful, as in real news.
    people = sorted(set(rng.choices(PEOPLE, weights=_ZIPF, k=rng.randint(0, 4))))
    lines = [
        "---",
        f"title: {_quoted(title)}",
        f"date: {date.isoformat()}",
        f"themes: [{', '.join(themes)}]",
        "source:",
        "  name: Synthetic Wire",
        f"  url: https://example.org/synthetic/{number}",
        f"  archived: https://archive.example.org/web/{date:%Y%m%d}/https://example.org/synthetic/{number}",
        f"summary: {_quoted(_sentence(rng, 25, 45, topic) + ' ' + _sentence(rng, 12, 25))}",
    ]
    if people:
        lines.append(f"people: [{', '.join(people)}]")
    tags = sorted(set(rng.sample(TAGS, rng.randint(0, 5))))
    if tags:
        lines.append(f"tags: [{', '.join(tags)}]")
    if people and rng.random() < 0.6:
        lines.append("quotes:")
        for _ in range(rng.randint(1, 3)):
            lines += [
                f"  - text: {_quoted(_sentence(rng, 8, 20))}",
                f"    by: {rng.choice(people)}",
                f"    theme: {rng.choice(themes)}",
            ]
    if rng.random() < 0.5:
        lines.append("highlights:")
        lines += [f"  {theme}: {_quoted(_sentence(rng, 15, 30))}" for theme in themes]
    lines += ["---", "", f"*Synthetic record {number}, generated for benchmarks; not real news.*", ""]
    for _ in range(rng.randint(2, 5)):
        paragraph = " ".join(
            _sentence(rng, 10, 24, rng.choice((topic, place))) for _ in range(rng.randint(2, 5))
        )
        lines += [paragraph, ""]
    return record_id, "\n".join(lines)


def _sentence(rng: random.Random, shortest: int, longest: int, about: str | None = None) -> str:
    words = rng.choices(_FILLER, k=rng.randint(shortest, longest))
    if about is not None:
        words.insert(rng.randrange(len(words)), about)
    return " ".join(words).capitalize() + "."


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


# Changes to a synthetic archive at `root`; each says what it did.


def edit_summary(root: Path) -> str:
    files = sorted((root / "content").rglob("*.md"))
    record = files[len(files) // 2]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace('summary: "', 'summary: "Edited. ', 1), encoding="utf-8")
    return f"edited the summary of {record.name}"


def add_record(root: Path) -> str:
    count = len(list((root / "content").rglob("*.md")))
    record_id, text = synthetic_record(random.Random(f"added-{count}"), count + 1)
    path = root / "content" / record_id[:4] / f"{record_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return f"added {path.name}"


def delete_record(root: Path) -> str:
    files = sorted((root / "content").rglob("*.md"))
    victim = files[len(files) // 3]
    victim.unlink()
    return f"deleted {victim.name}"
