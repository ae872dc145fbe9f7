"""A deterministic synthetic briefing archive, for benchmarks. Every record is fake.

    python bench/synthetic.py ROOT --count 1000 [--seed 0]

writes ROOT/mkdocs.yml, ROOT/site_config/ and ROOT/CONTRIBUTING.md (copied from this
repository) and the records under ROOT/content/YEAR/ (made by tests/synthetic_archive.py, which
the tests share).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # run as a script, too

from synthetic_archive import write_archive


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
