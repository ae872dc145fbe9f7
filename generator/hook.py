"""MkDocs hook: plain `mkdocs build` and `mkdocs serve` run the generator first.

A thin convenience over `generator.pipeline`; no logic lives here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# MkDocs imports this file by path; make the `generator` package importable without installing it.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from generator.files import Tree  # noqa: E402
from generator.pages.site_info import site_info  # noqa: E402
from generator.pipeline import generate  # noqa: E402
from generator.problems import Refused, errors, print_refused  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.publish.mkdocs import site_settings  # noqa: E402
from generator.publish.nav_section import on_page_context  # noqa: E402, F401 (an MkDocs event)
from generator.publish.serve_search import link_search_index, with_search_index  # noqa: E402


def on_config(config: Any) -> Any:
    project = Project.at(Path(config.config_file_path).parent, docs=Path(config.docs_dir))
    # Printed rather than logged: under --strict a logged warning would fail the build, and a
    # record without a source URL is worth a note, not a failed build.
    try:
        # The settings MkDocs loaded: mkdocs.yml is not read a second time.
        generated = generate(project, site_info(**site_settings(config)))
    except Refused as refused:
        print_refused(refused, "Nothing was built", out=sys.stderr)
        raise PluginError(f"{len(errors(refused.problems))} error(s); nothing was built") from None
    for problem in generated.checked.problems:
        print(problem.as_text(), file=sys.stderr)
    return config


def on_post_build(config: Any) -> None:
    # Feeds, data and citation files are published as they are, not through the engine.
    project = Project.at(Path(config.config_file_path).parent, docs=Path(config.docs_dir))
    Tree(Path(config.site_dir)).link_folder(project.files)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    root = Path(config.config_file_path).parent
    for folder in ("content", "site_config"):
        server.watch(str(root / folder))
    # Search answers from the last `briefing build`'s index, linked into the served folder.
    served = Path(config.site_dir)
    link_search_index(Project.at(root), served)
    server.builder = with_search_index(server.builder, Project.at(root), served)
    return server
