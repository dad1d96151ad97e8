"""The error every import and export raises for a file the user must fix."""

from __future__ import annotations


class ExchangeError(ValueError):
    """A malformed or unreadable file; the message names the row or element."""
