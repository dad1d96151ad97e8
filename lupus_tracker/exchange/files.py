"""Writing exported files safely: owner-only (0600), complete or not at all.

The content goes to a private temporary file beside the target, which replaces the
target only when fully written; a failure leaves no partial export and no temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from lupus_tracker.exchange.errors import ExchangeError


def write_private_by_name(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` with a private (0600) temporary path beside ``path``, then move the
    finished file into place. For writers that open the file by name (QPdfWriter)."""
    path = Path(path)
    if path.is_dir():
        raise ExchangeError(f"{path} is a folder; give a file name.")
    if not path.parent.exists():
        raise ExchangeError(f"The folder {path.parent} does not exist.")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise ExchangeError(f"Cannot write in {path.parent}: {error.strerror}.") from None
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise ExchangeError(f"Cannot write {path}: {error.strerror}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_private(path: Path, write: Callable[[IO], None], *, binary: bool = False,
                  newline: str | None = None, encoding: str = "utf-8") -> None:
    """Write ``path`` through ``write(handle)``, owner-only and all or nothing."""

    def fill(temp: Path) -> None:
        mode = "wb" if binary else "w"
        encoding_used = None if binary else encoding
        with temp.open(mode, encoding=encoding_used, newline=newline) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())

    write_private_by_name(path, fill)
