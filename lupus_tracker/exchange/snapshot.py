"""One consistent read of the whole database for an export: a single read transaction, so
that an export taken while the app writes never holds half of a change (symptoms saved
without the lab rows of the same transaction)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from lupus_tracker.store.repository import Repository


@contextlib.contextmanager
def read_snapshot(repo: Repository) -> Iterator[None]:
    """Every read inside sees the database as of the first one (SQLite WAL snapshot)."""
    conn = repo.db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN DEFERRED")
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # takes the snapshot
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
