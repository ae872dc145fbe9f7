"""Time the post-build audit alone on an archive that `briefing build` has already built.

Usage: .venv/bin/python bench/audit.py ROOT   (e.g. a synthetic archive from bench/synthetic.py)
Prints the page count, HTML size, findings and wall time of `audit_site` (the check `briefing
build` runs before swapping the new site in), and the process's peak RSS before and after it.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.pages.site_info import read_site_info  # noqa: E402
from generator.pipeline import check_archive  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.publish.audit import audit_site  # noqa: E402


def main() -> None:
    project = Project.at(Path(sys.argv[1]))
    archive = check_archive(project).archive
    if archive is None or not project.site.is_dir():
        raise SystemExit("build the archive first: briefing --root ROOT build")
    pages = list(project.site.rglob("*.html"))
    megabytes = sum(page.stat().st_size for page in pages) / 1e6
    site_url = read_site_info(project.mkdocs_yml).url
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    findings = audit_site(project.site, archive, archive.drafts, site_url)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(archive.records)} records, {len(pages)} pages ({megabytes:.0f} MB of HTML): "
        f"{len(findings)} findings in {seconds:.1f} s; peak RSS {before:.0f} MiB before, {after:.0f} after"
    )


if __name__ == "__main__":
    main()
