"""Where the report may be written: never over the database or its -wal/-shm/-journal files.

A stop-gap for the report until the files issue's output-file module (which also refuses any
SQLite file and the backups folder, and writes atomically) is in this build.
"""

from __future__ import annotations

from pathlib import Path

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def database_as_output(out: Path, database: Path) -> str:
    """The one-line refusal when ``out`` is the database or one of its files, else ''."""
    target = Path(out).expanduser().resolve()
    base = Path(database).expanduser().resolve()
    if target in {base, *(Path(f"{base}{suffix}") for suffix in SIDE_SUFFIXES)}:
        return (
            f"{out} is the database (or one of its files); choose another file name. "
            "Nothing was written."
        )
    return ""
