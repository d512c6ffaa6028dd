"""Benchmarks: scripts that print measurements (not timed tests)."""
