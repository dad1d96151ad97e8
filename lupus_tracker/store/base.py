"""What every manager of the repository shares: the database, change notification and
the small date helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from lupus_tracker.store.db import Database
from lupus_tracker.store.errors import StoreError

ChangeListener = Callable[[str], None]


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def parse_iso(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class ConflictError(StoreError):
    """A change that would overwrite or duplicate what is stored now (for instance a row
    changed in another window since); nothing was changed."""


class Notifier:
    """Listeners told the table name after each committed change."""

    def __init__(self) -> None:
        self._listeners: list[ChangeListener] = []

    def subscribe(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def changed(self, table: str) -> None:
        for listener in list(self._listeners):
            listener(table)


class Manager:
    """One kind of record in one database (as Anki's collection has ``col.decks``)."""

    def __init__(self, db: Database, notifier: Notifier):
        self.db = db
        self._notifier = notifier

    def _changed(self, table: str) -> None:
        self._notifier.changed(table)

    @staticmethod
    def _new_id(row_id: int | None) -> int:
        """The id SQLite gave an inserted row (never None after an INSERT)."""
        if row_id is None:
            raise StoreError("The database gave no id to a new row.")
        return row_id

    def _id_taken(self, table: str, row_id: int | None) -> bool:
        return row_id is not None and bool(
            self.db.query(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,))
        )
