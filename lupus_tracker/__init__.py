"""Lupus Tracker: a local-first desktop app for people living with lupus (SLE)."""

__version__ = "0.1.0"
