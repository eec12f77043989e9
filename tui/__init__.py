"""Podium: a terminal browser for the proceedings of events."""

__version__ = "0.2.0"  # also the cache key: a new version reads every file again
