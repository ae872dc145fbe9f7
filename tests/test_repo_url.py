"""The repository link: `repo_url` comes from BRIEFING_REPO_URL (set by the publish workflow);
set, the header and the navigation link it (a plain link, no request to GitHub's API); unset,
the site is byte for byte the site of a configuration without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_ci_workflows import workflow

from conftest import fixture_records
from generator.cli.main import main
from generator.project import Project
from site_compare import site_bytes

pytestmark = pytest.mark.build

REPOSITORY = "https://github.com/example-org/briefing-archive"


def build(project: Project, monkeypatch: pytest.MonkeyPatch, **env: str) -> Path:
    for name in ("BRIEFING_REPO_URL", "BRIEFING_REPO_NAME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["--root", str(project.root), "build"]) == 0
    return project.site


def test_set_the_repository_is_linked_without_a_request_to_github(make_archive, monkeypatch) -> None:
    project = make_archive(fixture_records())
    site = build(
        project, monkeypatch, BRIEFING_REPO_URL=REPOSITORY, BRIEFING_REPO_NAME="example-org/briefing-archive"
    )
    for page in ("index.html", "about/index.html", "themes/drones/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-source">\s*<div', html)
        assert links == [REPOSITORY, REPOSITORY], page  # the header and the navigation drawer
        assert "example-org/briefing-archive" in html
        assert 'data-md-component="source"' not in html  # Material's script would ask GitHub's API
        assert "/edit/" not in html  # no "edit this page": pages are generated


def test_unset_the_site_is_the_site_without_the_setting(make_archive, monkeypatch, tmp_path: Path) -> None:
    unset = make_archive(fixture_records(), root=tmp_path / "unset")
    without = make_archive(fixture_records(), root=tmp_path / "without")
    config = without.mkdocs_yml.read_text(encoding="utf-8")
    lines = [line for line in config.splitlines(keepends=True) if not line.startswith(("repo_", "edit_uri"))]
    assert len(lines) == len(config.splitlines()) - 3
    without.mkdocs_yml.write_text("".join(lines), encoding="utf-8")
    unset_site, without_site = build(unset, monkeypatch), build(without, monkeypatch)
    assert "md-source" not in (unset_site / "index.html").read_text(encoding="utf-8")
    assert site_bytes(unset_site) == site_bytes(without_site)


def test_the_publish_workflow_sets_the_repository_it_runs_in() -> None:
    steps = workflow("publish.yml")["jobs"]["build"]["steps"]
    built = next(s for s in steps if s.get("name") == "Build the site")
    assert built["env"]["BRIEFING_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert built["env"]["BRIEFING_REPO_NAME"] == "${{ github.repository }}"
    assert built["run"] == ".venv/bin/briefing build --deploy"
