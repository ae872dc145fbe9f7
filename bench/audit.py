"""Time the post-build audit alone on an archive that `briefing build` has already built.

Usage: .venv/bin/python bench/audit.py ROOT   (e.g. a synthetic archive from bench/synthetic.py)
Prints the page count, HTML size, findings and wall time of `audit_site` (the check `briefing
build` runs before swapping the new site in) three ways: without a cache (every file read),
cold with a fresh cache (every file read, the cache written) and warm (the cache just written,
nothing changed: what an audit costs when one page changed, plus reading that page), and the
process's peak RSS.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.pipeline import check_archive, load_site_config  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.publish.audit import audit_site  # noqa: E402


def main() -> None:
    project = Project.at(Path(sys.argv[1]))
    archive = check_archive(project).archive
    if not project.site.is_dir():
        raise SystemExit("build the archive first: briefing --root ROOT build")
    pages = list(project.site.rglob("*.html"))
    megabytes = sum(page.stat().st_size for page in pages) / 1e6
    site_url = load_site_config(project).site.url
    print(f"{len(archive.records)} records, {len(pages)} pages ({megabytes:.0f} MB of HTML)")
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "audit.json"
        for what, where in (("no cache", None), ("cold cache", cache), ("warm cache", cache)):
            started = time.perf_counter()
            findings = audit_site(project.site, archive, archive.drafts, site_url, where)
            seconds = time.perf_counter() - started
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            size = f", cache {cache.stat().st_size / 1e6:.1f} MB" if where and cache.exists() else ""
            print(f"{what}: {len(findings)} findings in {seconds:.2f} s; peak RSS {rss:.0f} MiB{size}")


if __name__ == "__main__":
    main()
