"""Benchmarks and evaluation gates: scripts that print figures (python -m bench.<name>)."""
