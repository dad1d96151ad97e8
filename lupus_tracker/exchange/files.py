"""Writing exported files safely: owner-only (0600), complete or not at all.

The content goes to a private temporary file (see :mod:`lupus_tracker.output_files`),
which replaces the target only when fully written and synced; a failure leaves no partial
export and no temporary file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

from lupus_tracker.exchange.errors import ExchangeError


def write_private_by_name(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` with a private (0600) temporary path, then move the finished file
    into place (:func:`lupus_tracker.output_files.write_atomically`: a database, its side
    files or a backups folder are refused). For writers that open the file by name."""
    from lupus_tracker.output_files import OutputFileError, write_atomically

    try:
        write_atomically(path, write)
    except OutputFileError as error:
        raise ExchangeError(str(error)) from None


def write_private(
    path: Path,
    write: Callable[[IO], None],
    *,
    binary: bool = False,
    newline: str | None = None,
    encoding: str = "utf-8",
) -> None:
    """Write ``path`` through ``write(handle)``, owner-only and all or nothing."""

    def fill(temp: Path) -> None:
        mode = "wb" if binary else "w"
        encoding_used = None if binary else encoding
        with temp.open(mode, encoding=encoding_used, newline=newline) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())

    write_private_by_name(path, fill)
