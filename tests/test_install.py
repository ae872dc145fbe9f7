"""What the README's setup installs: every package admits our oldest Python, and the locks agree
with pyproject.toml and with the environment the tests run in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import REPO, copy_config
from generator.project import briefing_command

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
LOCKS = {"site": REPO / "requirements.txt", "test": REPO / "requirements-test.txt"}


def oldest_python() -> Version:
    """The lower bound of our own `requires-python` (">=3.11" → 3.11.0)."""
    bounds = [
        Version(spec.version)
        for spec in SpecifierSet(PYPROJECT["project"]["requires-python"])
        if spec.operator in (">=", "~=", "==")
    ]
    assert bounds, "requires-python must give a lower bound"
    return max(bounds)


def test_every_installed_package_admits_the_oldest_python_we_promise() -> None:
    # pymdown-extensions 13.0 needs 3.11.5: pinned, it broke every install on Debian 12's 3.11.2.
    oldest = oldest_python()
    excluding = sorted(
        f"{dist.metadata['Name']} {dist.version} requires Python {dist.metadata['Requires-Python']}"
        for dist in metadata.distributions()
        if dist.metadata["Requires-Python"]
        and not SpecifierSet(dist.metadata["Requires-Python"]).contains(oldest, prereleases=True)
    )
    assert excluding == [], f"these exclude Python {oldest}, which pyproject.toml admits"


def read_lock(path: Path) -> dict[str, tuple[Requirement, list[str]]]:
    """A lock's entries by normalised name: the pinned requirement and its hashes."""
    entries: dict[str, tuple[Requirement, list[str]]] = {}
    current: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip().removesuffix("\\").strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("--hash="):
            assert current, f"{path.name}: a hash before any package"
            entries[current][1].append(text.removeprefix("--hash="))
            continue
        requirement = Requirement(text)
        current = canonicalize_name(requirement.name)
        assert current not in entries, f"{path.name}: {current} twice"
        entries[current] = (requirement, [])
    return entries


def pinned_version(requirement: Requirement) -> str:
    (spec,) = requirement.specifier
    assert spec.operator == "==", requirement
    return spec.version


def applies_here(requirement: Requirement, extra: str = "") -> bool:
    """Whether the requirement's marker holds here (`evaluate` starts from this interpreter's
    environment and takes `extra` over it)."""
    return requirement.marker is None or requirement.marker.evaluate({"extra": extra})


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_pins_every_package_with_hashes(lock: str) -> None:
    entries = read_lock(LOCKS[lock])
    assert len(entries) > 20
    for name, (requirement, hashes) in entries.items():
        pinned_version(requirement)
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


def direct_dependencies(lock: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    wanted = list(project["dependencies"])
    if lock == "test":
        wanted += project["optional-dependencies"]["test"]
    return [Requirement(text) for text in wanted]


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_holds_exactly_the_versions_pyproject_pins(lock: str) -> None:
    entries = read_lock(LOCKS[lock])
    disagree = []
    for requirement in direct_dependencies(lock):
        name = canonicalize_name(requirement.name)
        locked = entries.get(name)
        if locked is None or pinned_version(locked[0]) != pinned_version(requirement):
            disagree.append(f"{requirement} vs {locked[0] if locked else 'not locked'}")
    assert disagree == [], "pyproject.toml and the lock disagree: run `bash .ci/lock`"


def test_the_site_lock_is_the_test_lock_without_the_test_tools() -> None:
    site, test = read_lock(LOCKS["site"]), read_lock(LOCKS["test"])
    assert {name: str(entry[0]) for name, entry in site.items()} == {
        name: str(test[name][0]) for name in site
    }


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_is_closed_under_its_packages_own_requirements(lock: str) -> None:
    """Every requirement of a locked package (with the extras asked for) is met inside the lock.

    The test environment holds every package of both locks, so their metadata is at hand here.
    """
    entries = read_lock(LOCKS[lock])
    unmet = []
    queue = [
        (canonicalize_name(r.name), extra) for r in direct_dependencies(lock) for extra in ("", *r.extras)
    ]
    seen = set()
    while queue:
        name, extra = queue.pop()
        if (name, extra) in seen or name not in entries or not applies_here(entries[name][0]):
            continue
        seen.add((name, extra))
        for text in metadata.requires(name) or []:
            needed = Requirement(text)
            if not applies_here(needed, extra):
                continue
            locked = entries.get(canonicalize_name(needed.name))
            if locked is None or not needed.specifier.contains(pinned_version(locked[0]), prereleases=True):
                unmet.append(f"{name} needs {needed}, lock has {locked[0] if locked else 'nothing'}")
            queue += [(canonicalize_name(needed.name), e) for e in ("", *needed.extras)]
    assert unmet == []
    assert len(seen) >= len(direct_dependencies(lock))


def test_the_environment_is_exactly_the_test_lock() -> None:
    installed: dict[str, str] = {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }
    differ = [
        f"{name}: locked {pinned_version(requirement)}, installed {installed.get(name, 'nothing')}"
        for name, (requirement, _) in read_lock(LOCKS["test"]).items()
        if applies_here(requirement) and installed.get(name) != pinned_version(requirement)
    ]
    assert differ == [], "run `bash .ci/setup test`"


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_was_written_by_the_lock_script(lock: str) -> None:
    header = LOCKS[lock].read_text(encoding="utf-8").splitlines()[1]
    script = (REPO / ".ci" / "lock").read_text(encoding="utf-8")
    assert "--universal --python-version 3.11 --generate-hashes" in header
    assert "--universal --python-version 3.11 --generate-hashes" in script
    assert f"-o {LOCKS[lock].name}" in header
    assert ("--extra test" in header) == (lock == "test")
    # The lock script resolves for the same lower bound pyproject.toml states.
    assert oldest_python() == Version("3.11")


def test_setup_stops_at_once_on_a_python_too_old(tmp_path: Path) -> None:
    fake = tmp_path / "python3.10"
    fake.write_text(
        '#!/bin/sh\n[ "$1" = --version ] && { echo "Python 3.10.12"; exit 0; }\nexit 1\n', encoding="utf-8"
    )
    fake.chmod(0o755)
    done = subprocess.run(
        ["bash", str(REPO / ".ci" / "setup")],
        env={**os.environ, "PYTHON": str(fake)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"error: Python 3.11 or newer is needed, and '{fake}' is Python 3.10.12; "
        "set PYTHON=/path/to/python3.11+\n"
    )


def test_hints_name_the_command_as_the_user_can_type_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # .venv/bin not on PATH, as after the README's setup
    assert briefing_command(str(REPO / ".venv" / "bin" / "briefing")) == ".venv/bin/briefing"
    assert briefing_command("briefing") == "briefing"
    monkeypatch.setenv("PATH", f"{REPO / '.venv' / 'bin'}:/usr/bin:/bin")  # an activated venv
    assert briefing_command(str(REPO / ".venv" / "bin" / "briefing")) == "briefing"
    assert briefing_command(str(REPO / "generator" / "__main__.py")).endswith(" -m generator")


def test_build_names_a_preview_command_that_works(tmp_path: Path) -> None:
    briefing = Path(sys.executable).parent / "briefing"
    root = tmp_path / "archive"
    root.mkdir()
    copy_config(root)
    (root / "content").mkdir()
    done = subprocess.run(
        [str(briefing), "build"],
        cwd=root,
        env={**os.environ, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"Preview it with `{briefing} serve` (http://127.0.0.1:8000/)" in done.stdout
    assert "index.html" not in done.stdout  # opening the files from disk breaks links and search
