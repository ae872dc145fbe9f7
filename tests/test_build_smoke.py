"""The real archive builds, and the fixture archive builds, with `briefing build`."""

from __future__ import annotations

import pytest

from generator.project import Project

pytestmark = pytest.mark.build  # builds a whole site


def test_real_content_builds_every_page(built_real_site: Project) -> None:
    site = built_real_site.site
    for page in (
        "index.html",
        "themes/diplomacy/index.html",
        "themes/air-defense/index.html",
        "themes/drones/index.html",
        "themes/defense-industry/index.html",
        "briefings/2025-06-02-umerov-istanbul-positions/index.html",
        "timeline/index.html",
        "people/rustem-umerov/index.html",
        "about/index.html",
    ):
        assert (site / page).is_file(), page
    html = (site / "briefings/2025-06-02-umerov-istanbul-positions/index.html").read_text()
    assert "DOT-Chain" in html
    assert "second round of direct talks" in html  # the date note is shown beside the date
