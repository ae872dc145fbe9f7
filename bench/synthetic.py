"""A deterministic synthetic briefing archive, for benchmarks and tests. Every record is fake.

Records have realistic sizes (a headline, a one-to-two-sentence summary, 2-5 paragraphs of notes,
quotes, 1-3 themes, people, tags, dates spread over five years) but their text is assembled from a
small vocabulary and says so: titles start with "Synthetic", the source is "Synthetic Wire" and
every body opens with a note that the record is synthetic. The same count and seed always give
the same bytes.

    python bench/synthetic.py ROOT --count 1000 [--seed 0]

writes ROOT/mkdocs.yml, ROOT/site_config/ and ROOT/CONTRIBUTING.md (copied from this
repository) and the records under ROOT/content/YEAR/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
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
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_config", root / "site_config", dirs_exist_ok=True)
    if (REPO / "CONTRIBUTING.md").is_file():  # published as a page of the site
        shutil.copy(REPO / "CONTRIBUTING.md", root / "CONTRIBUTING.md")
    write_people(root / "site_config" / "people.yml")
    rng = random.Random(seed)
    for number in range(1, count + 1):
        record_id, text = synthetic_record(rng, number)
        path = root / "content" / record_id[:4] / f"{record_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="the archive folder to write")
    parser.add_argument("--count", type=int, default=1000, help="how many records (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    args = parser.parse_args()
    write_archive(args.root, args.count, args.seed)
    print(f"Wrote {args.count} synthetic records into {args.root / 'content'}/")


if __name__ == "__main__":
    main()
