"""One set of Jinja rules for every template: undefined names fail, block tags leave no blank lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates"


def template_environment(folder: Path = TEMPLATES, **options: Any) -> jinja2.Environment:
    """An environment over `folder`; `options` add escaping (`autoescape`, `finalize`) and the like."""
    settings: dict[str, Any] = {"keep_trailing_newline": True} | options
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        **settings,
    )
