"""The audit after one edit at volume, without a whole build: what `briefing build` hands it.

Usage: .venv/bin/python bench/audit_after_edit.py ROOT   (an archive `briefing build` has built)

Audits ROOT/site/ once with a fresh cache (cold: every file read), then does to the site what a
build after one edit does (every page hard-linked again, which changes its ctime; every Pagefind
file and the edited record's page, feeds and data files replaced by new files with the same
bytes; nothing's content changes, so the site stays as built) and times the audit again with that cache.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.pipeline import check_archive, load_site_config  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.publish.audit import audit_site  # noqa: E402


def rewritten(path: Path) -> None:
    """The same bytes in a new file renamed over it, as a build writes."""
    fresh = path.with_name(path.name + ".new")
    shutil.copyfile(path, fresh)
    os.replace(fresh, path)


def main() -> None:
    project = Project.at(Path(sys.argv[1]))
    archive = check_archive(project).archive
    if not project.site.is_dir():
        raise SystemExit("build the archive first: briefing --root ROOT build")
    site, url = project.site, load_site_config(project).site.url
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "audit.json"
        started = time.perf_counter()
        findings = audit_site(site, archive, archive.drafts, url, cache)
        print(f"cold, cache written: {len(findings)} findings in {time.perf_counter() - started:.2f} s")
        time.sleep(0.2)
        for page in site.rglob("*.html"):
            os.link(page, Path(scratch) / "link")
            os.unlink(Path(scratch) / "link")
        edited = archive.records[len(archive.records) // 2].id
        changed = [*(site / "pagefind").rglob("*"), site / "briefings" / edited / "index.html"]
        changed += [*site.glob("feed*"), *(site / "data").rglob("*"), site / "sitemap.xml"]
        for path in changed:
            if path.is_file():
                rewritten(path)
        started = time.perf_counter()
        findings = audit_site(site, archive, archive.drafts, url, cache)
        seconds = time.perf_counter() - started
        print(f"after one edit ({len(changed)} files new): {len(findings)} findings in {seconds:.2f} s")


if __name__ == "__main__":
    main()
