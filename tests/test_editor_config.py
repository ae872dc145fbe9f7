"""The VS Code tasks find `briefing check`'s problems in its real output."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from conftest import REPO, record_text
from generator.cli.main import main
from generator.project import Project


def jsonc(text: str) -> Any:
    """VS Code's JSON with comments: drop the lines that are only a comment."""
    return json.loads("\n".join(line for line in text.splitlines() if not line.strip().startswith("//")))


def test_the_check_task_matches_problems_with_file_line_and_severity(
    make_archive: Callable[..., Project], capsys
) -> None:
    tasks = jsonc((REPO / ".vscode" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    check = next(task for task in tasks if task["args"][0] == "check")
    assert check["args"] == ["check", "${file}"]
    pattern = check["problemMatcher"]["pattern"]
    project = make_archive(
        {
            "2025/2025-03-04-typo.md": record_text(themes="[dron]"),
            "2025/2025-03-05-no-url.md": record_text(date="2025-03-05", source="\n  name: Test Wire"),
        }
    )
    assert main(["--root", str(project.root), "check"]) == 1
    found = [
        (match[pattern["file"]], match[pattern["line"]], match[pattern["severity"]] or "error")
        for line in capsys.readouterr().out.splitlines()
        if (match := re.match(pattern["regexp"], line))
    ]
    assert found == [
        ("content/2025/2025-03-04-typo.md", "4", "error"),
        ("content/2025/2025-03-05-no-url.md", "5", "warning"),
    ]
