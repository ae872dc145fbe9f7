"""Benchmarks: a synthetic archive generator and the scale harness (`python -m bench.run`).

The benchmarks use the tests' helper modules (the synthetic archive, site comparison, search
probes), imported by name as the tests import them: tests/ is on the path.
"""

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent.parent / "tests")
if _TESTS not in sys.path:
    sys.path.append(_TESTS)
