"""Lab results and vitals: checked on the way in, one transaction per user action."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, LabResult, Source
from lupus_tracker.store import frames
from lupus_tracker.store.base import Manager, Notifier, now_stamp
from lupus_tracker.store.db import Database
from lupus_tracker.store.errors import NotFoundError

if TYPE_CHECKING:
    import pandas as pd

    from lupus_tracker.store.profile_repo import ProfileManager

_COLUMNS = ("taken_on, marker, value_text, comparator, number, unit, base_value, base_unit, "
            "ref_range, lab, assay, pattern, note, source")


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def _row_values(entry: LabEntry, m: Measurement) -> tuple:
    return (
        entry.taken_on.isoformat(), entry.marker, m.value.text,
        m.value.comparator.value if m.value.comparator else None, m.value.number,
        m.unit.code, m.base_value, m.base_unit.code,
        m.ref.text() if m.ref_is_lab and m.ref is not None else None,
        _clean(entry.lab), _clean(entry.assay), _clean(entry.pattern), _clean(entry.note),
        Source(entry.source).value,
    )


def result_from_row(row: sqlite3.Row) -> LabResult:
    return LabResult(
        id=row["id"], taken_on=date.fromisoformat(row["taken_on"]), marker=row["marker"],
        value_text=row["value_text"], comparator=row["comparator"], number=row["number"],
        unit=row["unit"], base_value=row["base_value"], base_unit=row["base_unit"],
        ref_range=row["ref_range"], lab=row["lab"], assay=row["assay"], pattern=row["pattern"],
        note=row["note"], source=Source(row["source"]), created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class ResultsManager(Manager):
    """Lab results and vitals: ``repo.results``."""

    def __init__(self, db: Database, notifier: Notifier, profile: ProfileManager):
        super().__init__(db, notifier)
        self._profile = profile

    def check(self, entries: Sequence[LabEntry]) -> list[Measurement]:
        """Check every entry; the first invalid one raises with its position."""
        sex = self._profile.get().sex
        checked = []
        for index, entry in enumerate(entries):
            try:
                checked.append(check_entry(entry, sex))
            except InvalidEntryError as error:
                raise InvalidEntryError(str(error), index) from None
        return checked

    def add_many(self, entries: Sequence[LabEntry]) -> list[LabResult]:
        """Save a whole lab report in one transaction: all entries or none."""
        checked = self.check(entries)
        with self.db.transaction() as conn:
            ids = [
                conn.execute(
                    f"INSERT INTO results ({_COLUMNS}) VALUES ({', '.join('?' * 14)})",
                    _row_values(entry, m),
                ).lastrowid
                for entry, m in zip(entries, checked, strict=True)
            ]
            saved = self._by_ids(ids)
        self._changed("results")
        return saved

    def _by_ids(self, ids: list[int]) -> list[LabResult]:
        """The rows with these ids, in the same order (one query per 500 ids)."""
        found: dict[int, LabResult] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.db.query(
                f"SELECT * FROM results WHERE id IN ({', '.join('?' * len(chunk))})",
                tuple(chunk))
            found.update((row["id"], result_from_row(row)) for row in rows)
        return [found[i] for i in ids]

    def add(self, entry: LabEntry) -> LabResult:
        return self.add_many([entry])[0]

    def update(self, result_id: int, entry: LabEntry) -> LabResult:
        (m,) = self.check([entry])
        assignments = ", ".join(f"{name.strip()} = ?" for name in _COLUMNS.split(","))
        with self.db.transaction() as conn:
            cursor = conn.execute(
                f"UPDATE results SET {assignments}, updated_at = ? WHERE id = ?",
                (*_row_values(entry, m), now_stamp(), result_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"Result {result_id} no longer exists.")
        self._changed("results")
        return self.get(result_id)

    def delete(self, result_id: int) -> LabResult:
        """Delete a result and return it, so that it can be restored (undo)."""
        result = self.get(result_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM results WHERE id = ?", (result_id,))
        self._changed("results")
        return result

    def restore(self, result: LabResult) -> LabResult:
        """Put back a deleted result with its id and time stamps (undo of delete)."""
        values = (result.taken_on.isoformat(), result.marker, result.value_text,
                  result.comparator, result.number, result.unit, result.base_value,
                  result.base_unit, result.ref_range, result.lab, result.assay, result.pattern,
                  result.note, result.source.value)
        with self.db.transaction() as conn:
            conn.execute(
                f"INSERT OR REPLACE INTO results (id, {_COLUMNS}, created_at, updated_at) "
                f"VALUES ({', '.join('?' * 17)})",
                (result.id, *values, result.created_at, result.updated_at),
            )
        self._changed("results")
        return self.get(result.id)

    def replace_computed(self, marker: str, entries: Sequence[LabEntry]) -> int:
        """Replace every computed (derived) result of ``marker`` by ``entries`` in one
        transaction; entered and imported results are never touched."""
        if any(Source(e.source) is not Source.COMPUTED or e.marker != marker for e in entries):
            raise InvalidEntryError("Only computed results of the same marker can be replaced.")
        checked = self.check(entries)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM results WHERE marker = ? AND source = 'computed'",
                         (marker,))
            conn.executemany(
                f"INSERT INTO results ({_COLUMNS}) VALUES ({', '.join('?' * 14)})",
                [_row_values(e, m) for e, m in zip(entries, checked, strict=True)],
            )
        self._changed("results")
        return len(entries)

    def get(self, result_id: int) -> LabResult:
        rows = self.db.query("SELECT * FROM results WHERE id = ?", (result_id,))
        if not rows:
            raise NotFoundError(f"Result {result_id} does not exist.")
        return result_from_row(rows[0])

    def all(
        self,
        markers: Iterable[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[LabResult]:
        """Results ordered by date, optionally for some markers and a date range."""
        sql, params = ["SELECT * FROM results WHERE 1 = 1"], []
        if markers is not None:
            keys = list(markers)
            sql.append(f"AND marker IN ({', '.join('?' * len(keys))})")
            params += keys
        if since is not None:
            sql.append("AND taken_on >= ?")
            params.append(since.isoformat())
        if until is not None:
            sql.append("AND taken_on <= ?")
            params.append(until.isoformat())
        sql.append("ORDER BY taken_on, id")
        return [result_from_row(row) for row in self.db.query(" ".join(sql), tuple(params))]

    def frame(self, markers: Iterable[str] | None = None, since: date | None = None,
              until: date | None = None) -> pd.DataFrame:
        """The results as a DataFrame (see :mod:`lupus_tracker.store.frames`)."""
        return frames.results_frame(self.db, markers, since, until)
