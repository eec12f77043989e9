"""Screens of the Podium browser."""
