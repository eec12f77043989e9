"""Podium: a terminal browser for the proceedings of events."""

__version__ = "0.1.0"
