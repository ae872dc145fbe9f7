"""Benchmarks: a synthetic archive generator and the scale harness (`python -m bench.run`)."""
