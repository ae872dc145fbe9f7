"""CONTRIBUTING.md: true to the schema and the vocabulary, published on the site, and the
pre-commit hook it describes really stops a bad record."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, record_text
from generator.project import Project
from generator.records.load import parse_record
from generator.records.schema import FrontMatter, Quote, Source
from generator.records.themes import load_themes

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
THEMES = load_themes(REPO / "site_config" / "themes.yml", "themes.yml")


def test_the_complete_example_is_a_valid_record_using_every_field() -> None:
    example = re.search(r"```markdown\n(---\n.*?)```", GUIDE, re.DOTALL)
    assert example is not None
    record, warnings = parse_record(
        example.group(1).encode(), "CONTRIBUTING.md", "2025-06-02-example", tuple(t.slug for t in THEMES)
    )
    assert warnings == []
    assert record.meta.model_fields_set == set(FrontMatter.model_fields)
    assert record.meta.source.model_fields_set == set(Source.model_fields)
    assert record.meta.quotes[0].model_fields_set == set(Quote.model_fields)


def test_the_field_table_names_every_field_in_schema_order() -> None:
    rows = re.findall(r"^\| `([a-z_]+)` \| (yes|no) \|", GUIDE, re.MULTILINE)
    assert [name for name, _ in rows] == list(FrontMatter.model_fields)
    required = {name for name, info in FrontMatter.model_fields.items() if info.is_required()}
    assert {name for name, flag in rows if flag == "yes"} == required


def test_the_theme_table_is_the_vocabulary() -> None:
    section = GUIDE.split("### The theme vocabulary", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|$", section, re.MULTILINE)
    assert rows == [(theme.slug, theme.title, theme.description) for theme in THEMES]


def test_no_relative_links_that_would_break_on_github_or_the_site() -> None:
    targets = re.findall(r"\]\(([^)]*)\)", re.sub(r"```.*?```|`[^`\n]*`", "", GUIDE, flags=re.DOTALL))
    assert all(target.startswith("https://") for target in targets), targets


def test_the_guide_is_published_and_in_the_nav(built_fixture_site: Project) -> None:
    page = (built_fixture_site.site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "Contributing a briefing" in page
    assert "The theme vocabulary" in page
    home = (built_fixture_site.site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="contributing/"[^>]*>\s*(<[^>]+>\s*)*Contributing', home)


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_pre_commit_hook_checks_the_changed_records(make_archive, tmp_path: Path) -> None:
    project = make_archive({"2025/2025-03-04-test-good.md": record_text()})
    root = project.root
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / ".venv").symlink_to(REPO / ".venv")  # the hook runs the project's own .venv/bin/briefing
    git(root, "init", "-q", "-b", "main")
    (root / ".gitignore").write_text(".venv\nbuild/\n")
    git(root, "add", ".")
    assert git(root, "commit", "-q", "-m", "base").returncode == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_MKDOCS_2_WARNING": "1"}

    def pre_commit() -> subprocess.CompletedProcess[str]:
        command = [str(REPO / ".venv" / "bin" / "pre-commit"), "run", "--color", "never"]
        return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)

    bad = root / "content" / "2025" / "2025-03-05-test-bad.md"
    bad.write_text(record_text(themes="[dron]"))
    git(root, "add", "content")
    failed = pre_commit()
    assert failed.returncode == 1
    assert "briefing check (changed records)" in failed.stdout
    assert (
        "content/2025/2025-03-05-test-bad.md:4: 'themes[0]': unknown theme 'dron' (did you mean 'drones'?)"
        in failed.stdout
    )
    bad.write_text(record_text(themes="[drones]"))
    git(root, "add", "content")
    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout
    assert re.search(r"briefing check \(changed records\)\.+Passed", passed.stdout)
