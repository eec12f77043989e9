"""Widgets of the Podium browser."""
