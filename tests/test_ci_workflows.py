"""The GitHub workflows: least privilege, pinned actions, and bad records failing the very
commands the workflows run, with the file and line shown."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, record_text
from generator.project import Project
from generator.records.themes import load_themes

pytestmark = pytest.mark.build  # builds a whole site

WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def workflow(name: str) -> dict[Any, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(data: dict[Any, Any]) -> dict[str, Any]:
    return data[True]  # PyYAML reads the key `on` as the boolean true (YAML 1.1)


def step(data: dict[Any, Any], job: str, name: str) -> str:
    return next(s["run"] for s in data["jobs"][job]["steps"] if s.get("name") == name)


# What GitHub gives a run of the publish workflow in a fork, "example-org/briefing-archive".
GITHUB = {
    "github.server_url": "https://github.com",
    "github.repository": "example-org/briefing-archive",
    "steps.pages.outputs.base_url": "https://example-org.github.io/briefing-archive",
}


def step_env(data: dict[Any, Any], job: str, name: str, github: dict[str, str]) -> dict[str, str]:
    """A step's `env:` with its `${{ … }}` expressions replaced by what `github` says they are."""
    env = next(s for s in data["jobs"][job]["steps"] if s.get("name") == name).get("env", {})
    expression = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")
    return {key: expression.sub(lambda found: github[found.group(1)], value) for key, value in env.items()}


def test_pull_requests_run_without_privileges() -> None:
    data = workflow("pull-request.yml")
    assert list(triggers(data)) == ["pull_request"]
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    runs = [s.get("run", "") for s in data["jobs"]["check"]["steps"]]
    assert any("briefing check --strict --format github" in run for run in runs)
    assert "bash .ci/test" in runs
    assert ".venv/bin/briefing build" in runs
    upload = data["jobs"]["check"]["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "site/"


def test_main_deploys_with_least_privilege_one_run_at_a_time() -> None:
    data = workflow("publish.yml")
    assert triggers(data) == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}  # reads the Pages address
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    runs = [s.get("run") for s in build["steps"]]
    assert runs.index(".venv/bin/briefing build --deploy") < len(runs) - 1  # the upload comes after the build


def test_no_workflow_runs_fork_code_with_secrets_and_every_action_is_pinned() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [path.name for path in files] == ["publish.yml", "pull-request.yml", "sources.yml"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "pull_request_target" not in triggers(yaml.safe_load(text))
        for line in text.splitlines():
            if "uses:" in line:
                assert PINNED.match(line.split("uses:", 1)[1].strip()), line
        for job in yaml.safe_load(text)["jobs"].values():
            for each in job["steps"]:
                if each.get("uses", "").startswith("actions/checkout@"):
                    assert each["with"]["persist-credentials"] is False


def test_the_source_suggestion_form_offers_every_theme() -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "suggest-a-source.yml").read_text())
    offered = next(item for item in form["body"] if item.get("id") == "themes")["attributes"]["options"]
    themes = load_themes(REPO / "site_config" / "themes.yml", "themes.yml")
    assert [option["label"] for option in offered] == [theme.title for theme in themes]


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def run_step(root: Path, script: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a workflow step's script the way GitHub's runner does (`bash -e` with pipefail), with
    the step's `env`."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@pytest.fixture
def pull_request(make_archive: Callable[..., Project]) -> Callable[[str, str], Path]:
    """A git checkout shaped like a pull request's merge commit: HEAD^1 is the base branch."""

    def make(path: str, text: str) -> Path:
        project = make_archive(
            {
                "2024/2024-11-20-test-base.md": record_text(title="Test base record", date="2024-11-20"),
                "2025/2025-01-15-test-other.md": record_text(title="Test other record", date="2025-01-15"),
            }
        )
        root = project.root
        (root / ".venv").symlink_to(REPO / ".venv")  # the workflow's steps call .venv/bin/briefing
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "content", "mkdocs.yml", "site_config")
        git(root, "commit", "-q", "-m", "base")
        (root / "content" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / path).write_text(text, encoding="utf-8")
        git(root, "add", "content")
        git(root, "commit", "-q", "-m", "the pull request")
        return root

    return make


BAD_RECORDS = {
    "theme typo": (
        "2025/2025-03-05-test-typo.md",
        record_text(date="2025-03-05", themes="[diplomacy, dron]"),
        4,
        "'themes[1]': unknown theme 'dron' (did you mean 'drones'?); "
        "themes are: diplomacy, air-defense, drones, defense-industry",
    ),
    "bad date": (
        "2025/2025-03-06-test-bad-date.md",
        record_text(date="2025-02-30"),
        3,
        "'date': 2025-02-30 is not a real date (day is out of range for month)",
    ),
    "duplicate id": (
        "2026/2025-01-15-test-other.md",
        record_text(),
        1,
        "id '2025-01-15-test-other' is already used by content/2025/2025-01-15-test-other.md; "
        "record ids (file names) must be unique across content/",
    ),
    "broken link": (
        "2025/2025-03-07-test-link.md",
        record_text(
            date="2025-03-07", body="Context first.\n\nThis follows [the talks](../briefings/nope.md).\n"
        ),
        13,
        "link to '../briefings/nope.md': there is no published briefing 'nope'",
    ),
}


@pytest.mark.parametrize("case", list(BAD_RECORDS))
def test_a_bad_record_fails_every_check_ci_runs_with_file_and_line(pull_request, case: str) -> None:
    path, text, line, message = BAD_RECORDS[case]
    root = pull_request(path, text)
    pr, publish = workflow("pull-request.yml"), workflow("publish.yml")

    checked = run_step(root, step(pr, "check", "Check the records"))
    assert checked.returncode == 1
    assert checked.stdout == f"::error file=content/{path},line={line}::{message}\n"

    publish_env = step_env(publish, "build", "Build the site", GITHUB)
    for script, env in (
        (step(pr, "check", "Build the site"), {}),
        (step(publish, "build", "Build the site"), publish_env),
    ):
        built = run_step(root, script, env)
        assert built.returncode == 1
        assert f"content/{path}:{line}: {message}\n" in built.stdout
        assert "Nothing was built: fix the errors above first." in built.stderr
        assert not (root / "site").exists()  # so there is nothing to upload or deploy

    published_check = run_step(root, step(publish, "build", "Check the records"))
    assert published_check.returncode == 1
    assert f"::error file=content/{path},line={line}::{message}\n" in published_check.stdout


def test_a_good_record_passes_the_same_steps(pull_request) -> None:
    root = pull_request(
        "2025/2025-03-08-test-good.md",
        record_text(title="Test good record", date="2025-03-08", people="[Test Minister Alpha]"),
    )
    pr = workflow("pull-request.yml")
    checked = run_step(root, step(pr, "check", "Check the records"))
    assert (checked.returncode, checked.stdout) == (0, "")
    assert checked.stderr == (
        "content/2025/2025-03-08-test-good.md: valid\n"
        "Passed: the named record is valid, and so are the other 2 records.\n"
    )
    built = run_step(root, step(pr, "check", "Build the site"))
    assert built.returncode == 0, built.stdout + built.stderr
    assert (root / "site" / "briefings" / "2025-03-08-test-good" / "index.html").is_file()


PEOPLE_WARNINGS = {
    "unknown person": (
        "[Test Minister Alpah]",
        "'Test Minister Alpah' is not in site_config/people.yml (nearest: 'Test Minister Alpha'); "
        "fix the spelling or add them there",
    ),
    "alias": (
        "[Test Minister Alfa]",
        "'Test Minister Alfa' is another spelling of 'Test Minister Alpha'; write 'Test Minister Alpha'",
    ),
}


@pytest.mark.parametrize("case", list(PEOPLE_WARNINGS))
def test_a_pull_request_naming_an_unknown_or_misspelt_person_fails_in_strict_mode(pull_request, case) -> None:
    people, message = PEOPLE_WARNINGS[case]
    path = "2025/2025-03-09-test-person.md"
    root = pull_request(path, record_text(title="Test person record", date="2025-03-09", people=people))
    pr = workflow("pull-request.yml")
    checked = run_step(root, step(pr, "check", "Check the records"))
    assert checked.returncode == 1
    assert checked.stdout == f"::error file=content/{path},line=9::{message}\n"
    assert checked.stderr.endswith("Failed: 1 of 1 named record invalid.\n")
    # Outside strict mode it is a warning: the site still builds, and says so.
    built = run_step(root, step(pr, "check", "Build the site"))
    assert built.returncode == 0, built.stdout + built.stderr
    assert f"content/{path}:9: warning: {message}\n" in built.stdout


def test_publish_keeps_the_build_state_of_mains_own_runs() -> None:
    data = workflow("publish.yml")
    steps = data["jobs"]["build"]["steps"]
    names = [s.get("name") for s in steps]
    cache = steps[names.index("Restore the build state of main's last run")]
    assert names.index("Restore the build state of main's last run") < names.index("Build the site")
    assert cache["uses"].startswith("actions/cache@")
    assert cache["with"]["path"] == "build/"
    key = cache["with"]["key"]
    for part in ("requirements.txt", "pyproject.toml", "generator/**", "mkdocs.yml", "${{ github.sha }}"):
        assert part in key, part
    # Restores only caches of the same locks, code and theme; the workflow runs on main alone, so
    # it never sees a pull request's cache (the pull request workflow keeps none).
    assert cache["with"]["restore-keys"].strip() == key.removesuffix("${{ github.sha }}")
    assert list(triggers(data)) == ["push", "workflow_dispatch"]
    pr = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    assert "actions/cache@" not in pr


def test_the_publish_workflow_takes_the_site_s_address_from_github_pages(pull_request) -> None:
    """A fork publishes its own addresses with no edit: GitHub Pages says where the site is, the
    build puts it in every absolute link, and a build to deploy at the placeholder stops."""
    data = workflow("publish.yml")
    steps = data["jobs"]["build"]["steps"]
    names = [s.get("name") for s in steps]
    pages = steps[names.index("Ask GitHub Pages for the site's address")]
    assert pages["uses"].startswith("actions/configure-pages@") and pages["id"] == "pages"
    assert names.index("Ask GitHub Pages for the site's address") < names.index("Build the site")
    env = step_env(data, "build", "Build the site", GITHUB)
    assert env["BRIEFING_SITE_URL"] == "https://example-org.github.io/briefing-archive"
    script = step(data, "build", "Build the site")

    root = pull_request(
        "2025/2025-03-08-test-good.md", record_text(title="Test good record", date="2025-03-08")
    )
    without = run_step(root, script, {**env, "BRIEFING_SITE_URL": ""})
    assert without.returncode == 1
    assert without.stdout == (
        "mkdocs.yml: site_url: empty; feeds, citations and the sitemap need the site's address: "
        "set site_url in mkdocs.yml or the BRIEFING_SITE_URL environment variable\n"
        "3 records checked: 1 error(s), 0 warning(s).\n"
    )
    assert without.stderr == "Nothing was built: fix the errors above first.\n"
    unset = {name: value for name, value in env.items() if name != "BRIEFING_SITE_URL"}
    placeholder = run_step(root, script, unset)
    assert placeholder.returncode == 1
    assert placeholder.stdout.splitlines()[0] == (
        "mkdocs.yml: site_url: 'https://briefing-archive.example.org/' is a placeholder, and a build "
        "to deploy needs the address the site is published at: set BRIEFING_SITE_URL (the publish "
        "workflow takes it from GitHub Pages)"
    )
    assert not (root / "site").exists()

    built = run_step(root, script, env)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (root / "site" / "briefings" / "2025-03-08-test-good" / "index.html").read_text(encoding="utf-8")
    address = "https://example-org.github.io/briefing-archive/briefings/2025-03-08-test-good/"
    assert f'<link rel="canonical" href="{address}">' in page
    assert "briefing-archive.example.org" not in page


def test_source_links_are_checked_weekly_and_never_hold_up_a_merge() -> None:
    data = workflow("sources.yml")
    assert list(triggers(data)) == ["schedule", "workflow_dispatch"]  # no pull_request, no push
    (schedule,) = triggers(data)["schedule"]
    assert len(schedule["cron"].split()) == 5 and schedule["cron"].endswith("* * 1")  # weekly
    assert data["permissions"] == {}
    check, issue = data["jobs"]["check"], data["jobs"]["issue"]
    # The job that runs our code and fetches contributors' URLs may only read; the one that
    # writes issues runs no code of ours (no checkout, no .venv) and may write issues only.
    assert check["permissions"] == {"contents": "read"}
    assert issue["permissions"] == {"issues": "write"} and issue["needs"] == "check"
    assert [s.get("uses", "").split("@")[0] for s in issue["steps"]] == ["actions/download-artifact", ""]
    assert not any(".venv" in s.get("run", "") or "checkout" in s.get("uses", "") for s in issue["steps"])
    assert (
        step(data, "check", "Check the sources") == ".venv/bin/briefing sources --format json > sources.json"
    )
    assert "--allow-private" not in (WORKFLOWS / "sources.yml").read_text(encoding="utf-8")
    cache = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "build/cache/sources.json"


FAKE_GH = """#!/bin/bash
# gh, as the issue step calls it: records each call; `issue list` answers from FAKE_ISSUES.
echo "gh $*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then
  while [ "$#" -gt 0 ] && [ "$1" != --jq ]; do shift; done
  echo "$FAKE_ISSUES" | jq -r "$2"
fi
for arg in "$@"; do [ "$previous" = --body-file ] && cat "$arg" >> "$GH_LOG"; previous=$arg; done
exit 0
"""


def _issue_step(root: Path, open_issues: str) -> list[str]:
    """Run the workflow's issue step in `root` (which holds sources.json) with a fake `gh`."""
    bin_dir = root / "fake-bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    log = root / "gh.log"
    log.unlink(missing_ok=True)
    script = step(workflow("sources.yml"), "issue", "Open, update or close the issue")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "GH_LOG": str(log),
            "FAKE_ISSUES": open_issues,
            "RUN_URL": "https://github.com/example-org/briefing-archive/actions/runs/1",
        },
    )
    assert done.returncode == 0, done.stderr
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_the_source_steps_report_and_keep_one_issue(
    make_archive: Callable[..., Project], monkeypatch
) -> None:
    from test_sources import serving, source

    from generator.cli.main import main
    from generator.sources import pace

    monkeypatch.setattr(pace, "PER_HOST_INTERVAL", 0.0)
    with serving() as web:
        project = make_archive(
            {
                "2025/2025-03-04-a.md": record_text(source=source(f"{web.base}/gone", f"{web.base}/ok")),
                "2025/2025-03-05-b.md": record_text(
                    title="B", date="2025-03-05", source=source(f"{web.base}/ok?b")
                ),
            }
        )
        root = project.root
        (root / ".venv").symlink_to(REPO / ".venv")
        data = workflow("sources.yml")
        # The check step as written: without --allow-private, this server is refused, not fetched.
        summary = root / "summary.md"
        for name in ("Check the sources", "Write the report to the summary"):
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step(data, "check", name)],
                cwd=root,
                capture_output=True,
                text=True,
                env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "NO_MKDOCS_2_WARNING": "1"},
            )
            assert done.returncode == 0, done.stderr
        assert web.requests == []
        report = summary.read_text(encoding="utf-8")
        assert report.startswith(
            "## Source links\n\n2 records, 3 address(es): 3 not checked (private), 1 without"
        )
        assert (
            f"content/2025/2025-03-04-a.md:7: not checked: 127.0.0.1 is a loopback address (--allow-private checks it) {web.base}/gone"
            in report
        )
        # With the server let through (as a public one would be), one address is gone.
        with (root / "sources.json").open("w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
            assert main(["--root", str(root), "sources", "--allow-private", "--format", "json"]) == 0
    task = f"- [ ] `content/2025/2025-03-04-a.md:7` gone (HTTP 404 Not Found) <{web.base}/gone>"
    created = _issue_step(root, "[]")
    assert (
        created[0]
        == 'gh issue list --state open --author app/github-actions --limit 100 --json number,title --jq map(select(.title == "Source links that lead nowhere")) | first | .number // empty'
    )
    assert created[1] == "gh issue create --title Source links that lead nowhere --body-file body.md"
    assert task in created and "1 address(es) that lead nowhere" in created[2]
    open_issue = (
        '[{"number": 3, "title": "Something else"}, {"number": 7, "title": "Source links that lead nowhere"}]'
    )
    edited = _issue_step(root, open_issue)
    assert edited[1] == "gh issue edit 7 --body-file body.md" and task in edited
    # Once nothing is dead, the issue is closed; with no issue open, nothing is done.
    report = json.loads((root / "sources.json").read_text(encoding="utf-8"))
    report["findings"] = [f for f in report["findings"] if f["kind"] == "no archived copy"]
    (root / "sources.json").write_text(json.dumps(report), encoding="utf-8")
    closed = _issue_step(root, open_issue)
    assert closed[1:] == [
        "gh issue close 7 --comment Every source link and archived copy answered in "
        "https://github.com/example-org/briefing-archive/actions/runs/1."
    ]
    assert _issue_step(root, "[]")[1:] == []
