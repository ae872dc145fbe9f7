"""mkdocs.yml is read once, by MkDocs' own loader: `!ENV` works as MkDocs documents it, and a wrong
setting (MkDocs' own, or one this project owns under `extra:`) is one line naming the key, the
value and what is allowed; exit 1, no traceback, nothing built."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from conftest import REPO, fixture_records
from generator.cli.main import main
from generator.pipeline import load_site_config
from generator.project import Project

THEME_KEYS = "alternate, analytics, annotate, consent, generator, homepage, polyfills, scope, social, status, tags, version"
# The records' problems are reported with the settings: one error among them, the setting's
# (the fixture records hold warnings only).
SUMMARY = re.compile(r"4 records checked: 1 error\(s\), \d+ warning\(s\)\.")
LICENCE = "  licence:\n    name: CC BY 4.0\n    url: https://creativecommons.org/licenses/by/4.0/\n"

# The `extra:` keys this project owns, each given a wrong value or type, and the one line it gets.
WRONG_EXTRA = {
    "search_parts: a wrong value": (
        "  search_parts: yeer\n",
        "mkdocs.yml: extra.search_parts: 'yeer' is not allowed; use one of: year (or leave it out)",
    ),
    "search_parts: a number": (
        "  search_parts: 2024\n",
        "mkdocs.yml: extra.search_parts: 2024 is not allowed; use one of: year (or leave it out)",
    ),
    "licence: text, not a mapping": (
        "  licence: CC BY 4.0\n",
        "mkdocs.yml: extra.licence: 'CC BY 4.0' is not allowed; use a mapping with name, url",
    ),
    "licence.name: a number": (
        "  licence:\n    name: 4\n    url: https://creativecommons.org/licenses/by/4.0/\n",
        "mkdocs.yml: extra.licence.name: 4 is not allowed; use text",
    ),
    "licence.name: missing": (
        "  licence:\n    url: https://creativecommons.org/licenses/by/4.0/\n",
        "mkdocs.yml: extra.licence.name: missing; use text",
    ),
    "licence.url: not a web address": (
        "  licence:\n    name: CC BY 4.0\n    url: creativecommons.org/licenses/by/4.0/\n",
        "mkdocs.yml: extra.licence.url: 'creativecommons.org/licenses/by/4.0/' is not allowed; "
        "use an http:// or https:// address",
    ),
    "licence: a misspelt key": (
        "  licence:\n    name: CC BY 4.0\n    url: https://creativecommons.org/licenses/by/4.0/\n    urls: x\n",
        "mkdocs.yml: extra.licence.urls: unknown setting (did you mean 'url'?); use one of: name, url",
    ),
    "a misspelt key": (
        "  search_part: year\n",
        "mkdocs.yml: extra.search_part: unknown setting (did you mean 'search_parts'?); use one of: "
        f"licence, search_parts; the theme reads {THEME_KEYS}",
    ),
}


def with_extra(project: Project, extra: str) -> None:
    """Replace the `extra:` block of the archive's mkdocs.yml with `extra`."""
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    head, rest = text.split("extra:\n", 1)
    tail = rest[rest.index("\n\n") :]  # the block ends at the first blank line
    project.mkdocs_yml.write_text(f"{head}extra:\n{extra}{tail}", encoding="utf-8")


@pytest.mark.parametrize("case", list(WRONG_EXTRA))
def test_a_wrong_extra_setting_is_one_line_and_nothing_is_built(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str], case: str
) -> None:
    setting, message = WRONG_EXTRA[case]
    project = make_archive(fixture_records())
    with_extra(project, LICENCE + setting if not setting.startswith("  licence") else setting)
    assert main(["--root", str(project.root), "build"]) == 1
    out, err = capsys.readouterr()
    settings, summary = [line for line in out.splitlines() if not line.startswith("content/")]
    assert settings == message and SUMMARY.fullmatch(summary), out
    assert err == "Nothing was built: fix the errors above first.\n"
    assert not project.site.exists()
    assert not (project.docs / "index.md").exists()


def test_every_problem_of_the_settings_and_the_records_in_one_run(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    records = fixture_records()
    records["bad.md"] = records.pop(next(iter(records))).replace("date: ", "date: 2025-02-30\nx: ", 1)
    project = make_archive(records)
    with_extra(project, "  search_parts: yeer\n  licence: none\n")
    assert main(["--root", str(project.root), "generate"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[:2] == [
        "mkdocs.yml: extra.licence: 'none' is not allowed; use a mapping with name, url",
        "mkdocs.yml: extra.search_parts: 'yeer' is not allowed; use one of: year (or leave it out)",
    ]
    assert any(line.startswith("content/bad.md:") for line in lines[2:])
    assert err == "Nothing was generated: fix the errors above first.\n"


WRONG_MKDOCS = {
    "site_url: not an address": (
        'site_url: !ENV [BRIEFING_SITE_URL, "https://briefing-archive.example.org/"]',
        "site_url: briefing-archive.example.org",
        "mkdocs.yml: site_url: The URL isn't valid, it should include the http:// (scheme)",
    ),
    "use_directory_urls: not a boolean": (
        'edit_uri: ""',
        'edit_uri: ""\nuse_directory_urls: sometimes',
        "mkdocs.yml: use_directory_urls: Expected type: <class 'bool'> but received: <class 'str'>",
    ),
    "an unknown setting (strict)": (
        'edit_uri: ""',
        'edit_uri: ""\nsite_urls: https://example.org/',
        "mkdocs.yml: site_urls: Unrecognised configuration name: site_urls",
    ),
}


@pytest.mark.parametrize("case", list(WRONG_MKDOCS))
def test_a_setting_mkdocs_finds_wrong_is_one_line_too(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str], case: str
) -> None:
    old, new, message = WRONG_MKDOCS[case]
    project = make_archive(fixture_records())
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    assert old in text
    project.mkdocs_yml.write_text(text.replace(old, new), encoding="utf-8")
    assert main(["--root", str(project.root), "build"]) == 1
    out, err = capsys.readouterr()
    settings, summary = [line for line in out.splitlines() if not line.startswith("content/")]
    assert settings == message and SUMMARY.fullmatch(summary), out
    assert err == "Nothing was built: fix the errors above first.\n"
    assert "Traceback" not in out + err
    assert not project.site.exists()


def test_the_address_comes_from_the_environment_through_mkdocs_own_env_tag(
    make_archive: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`site_url: !ENV [BRIEFING_SITE_URL, placeholder]`: the generator's links follow it, as MkDocs'
    do (a second reader of mkdocs.yml once turned `!ENV` into None and fell back to localhost)."""
    project = make_archive(fixture_records())
    assert load_site_config(project).site.url == "https://briefing-archive.example.org/"
    monkeypatch.setenv("BRIEFING_SITE_URL", "https://example-org.github.io/archive")
    config = load_site_config(project)
    assert config.site.url == config.engine.site_url == "https://example-org.github.io/archive/"
    assert main(["--root", str(project.root), "generate"]) == 0
    feed = json.loads((project.files / "feed.json").read_text(encoding="utf-8"))
    assert feed["home_page_url"] == "https://example-org.github.io/archive/"
    assert all(
        item["url"].startswith("https://example-org.github.io/archive/briefings/") for item in feed["items"]
    )


def test_a_build_to_deploy_refuses_the_placeholder_address(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_archive(fixture_records())
    assert main(["--root", str(project.root), "build", "--deploy"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "mkdocs.yml: site_url: 'https://briefing-archive.example.org/' is a placeholder, and a build to "
        "deploy needs the address the site is published at: set BRIEFING_SITE_URL (the publish workflow "
        "takes it from GitHub Pages)"
    )
    assert not project.site.exists()
    for local in ("http://127.0.0.1:8000/", "http://localhost/archive/"):
        monkeypatch.setenv("BRIEFING_SITE_URL", local)
        assert main(["--root", str(project.root), "build", "--deploy"]) == 1
        assert f"site_url: '{local}' is a placeholder" in capsys.readouterr().out


def test_the_readme_says_how_the_address_is_set() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    deployment = readme[readme.index("**Deployment.**") :].split("\n\n", 1)[0]
    for words in ("BRIEFING_SITE_URL", "briefing build --deploy", "actions/configure-pages", "sub-path"):
        assert words in deployment, words
    assert "site_url: !ENV [BRIEFING_SITE_URL" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
