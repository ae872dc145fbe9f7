"""Publish: build the HTML with the engine, index it, audit it and swap it into `site/`.

The engine is MkDocs 1.6.1, or with `BRIEFING_ENGINE=properdocs` ProperDocs 1.6.7, its maintained
fork (README, "The plan for May 2027"). ProperDocs keeps MkDocs' module layout under its own
name and ships an import hook that answers every `mkdocs.*` import from `properdocs.*`; it is
installed here, before any module of this package imports MkDocs, so the one adapter drives
either engine. When MkDocs or ProperDocs is already running (their CLIs load our hook), the
engine is the one running.
"""

from __future__ import annotations

import os
import sys

ENGINE_VARIABLE = "BRIEFING_ENGINE"

if os.environ.get(ENGINE_VARIABLE) == "properdocs" and "mkdocs" not in sys.modules:
    import properdocs.replacement  # noqa: F401 (imported for its import hook)
