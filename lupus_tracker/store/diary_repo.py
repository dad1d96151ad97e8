"""The daily symptom diary: severities 0-10 per symptom, a rash location, a day's note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.dates import DateParseError, check_not_future
from lupus_tracker.domain.records import InvalidEntryError, SymptomDay, SymptomEntry
from lupus_tracker.domain.symptoms import SymptomError, check_severity, get_symptom
from lupus_tracker.store import frames
from lupus_tracker.store.base import Manager, iso, now_stamp

if TYPE_CHECKING:
    import pandas as pd


def check_symptom(entry: SymptomEntry) -> SymptomEntry:
    """The entry cleaned up, or ``InvalidEntryError`` saying what is wrong."""
    try:
        symptom = get_symptom(entry.symptom)
        severity = check_severity(entry.severity)
    except SymptomError as error:
        raise InvalidEntryError(str(error)) from None
    location = (entry.location or "").strip() or None
    if location is not None and not symptom.locations:
        raise InvalidEntryError(f"{symptom.name} has no location; leave it empty.")
    try:
        check_not_future(entry.day, "symptom")
    except DateParseError as error:
        raise InvalidEntryError(str(error)) from None
    note = (entry.note or "").strip() or None
    return SymptomEntry(entry.day, entry.symptom, severity, location, note)


class DiaryManager(Manager):
    """Symptom days and the day's notes: ``repo.diary``."""

    def save_day(
        self, day: date, entries: Sequence[SymptomEntry], note: str | None = None
    ) -> SymptomDay:
        """Replace everything logged for ``day`` in one transaction; return what was there
        before, so that the change can be undone with another ``save_day``."""
        checked = []
        for index, entry in enumerate(entries):
            if entry.day != day:
                raise InvalidEntryError("An entry belongs to another day.", index)
            try:
                checked.append(check_symptom(entry))
            except InvalidEntryError as error:
                raise InvalidEntryError(str(error), index) from None
        keys = [entry.symptom for entry in checked]
        if len(set(keys)) != len(keys):
            raise InvalidEntryError("A symptom is listed twice for the same day.")
        before = self.day(day)
        stamp = now_stamp()
        with self.db.transaction() as conn:
            conn.execute(
                f"DELETE FROM symptoms WHERE day = ? AND symptom NOT IN "
                f"({', '.join('?' * len(keys))})",
                (iso(day), *keys),
            )
            for entry in checked:
                conn.execute(
                    "INSERT INTO symptoms (day, symptom, severity, location, note) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, symptom) DO UPDATE SET "
                    "severity = excluded.severity, location = excluded.location, "
                    "note = excluded.note, updated_at = ?",
                    (iso(day), entry.symptom, entry.severity, entry.location, entry.note, stamp),
                )
            note = (note or "").strip()
            if note:
                conn.execute(
                    "INSERT INTO diary_notes (day, note) VALUES (?, ?) ON CONFLICT (day) "
                    "DO UPDATE SET note = excluded.note, updated_at = ?",
                    (iso(day), note, stamp),
                )
            else:
                conn.execute("DELETE FROM diary_notes WHERE day = ?", (iso(day),))
        self._changed("symptoms")
        return before

    def log_many(self, entries: Sequence[SymptomEntry]) -> int:
        """Add or replace many symptom entries in one transaction (imports, generators)."""
        checked = []
        for index, entry in enumerate(entries):
            try:
                checked.append(check_symptom(entry))
            except InvalidEntryError as error:
                raise InvalidEntryError(str(error), index) from None
        stamp = now_stamp()
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO symptoms (day, symptom, severity, location, note) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, symptom) DO UPDATE SET "
                "severity = excluded.severity, location = excluded.location, "
                "note = excluded.note, updated_at = ?",
                [(iso(e.day), e.symptom, e.severity, e.location, e.note, stamp)
                 for e in checked],
            )
        self._changed("symptoms")
        return len(checked)

    def log(self, entry: SymptomEntry) -> None:
        """Add or replace one symptom on one day, leaving the day's other entries alone."""
        checked = check_symptom(entry)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO symptoms (day, symptom, severity, location, note) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, symptom) DO UPDATE SET "
                "severity = excluded.severity, location = excluded.location, "
                "note = excluded.note, updated_at = ?",
                (iso(checked.day), checked.symptom, checked.severity, checked.location,
                 checked.note, now_stamp()),
            )
        self._changed("symptoms")

    def day(self, day: date) -> SymptomDay:
        rows = self.db.query(
            "SELECT symptom, severity, location, note FROM symptoms WHERE day = ? ORDER BY id",
            (iso(day),),
        )
        notes = self.db.query("SELECT note FROM diary_notes WHERE day = ?", (iso(day),))
        entries = tuple(
            SymptomEntry(day, r["symptom"], r["severity"], r["location"], r["note"]) for r in rows
        )
        return SymptomDay(day, entries, notes[0]["note"] if notes else None)

    def symptoms(
        self, since: date | None = None, until: date | None = None
    ) -> list[SymptomEntry]:
        rows = self.db.query(
            "SELECT day, symptom, severity, location, note FROM symptoms "
            "WHERE day >= coalesce(?, '0000') AND day <= coalesce(?, '9999') ORDER BY day, id",
            (iso(since), iso(until)),
        )
        return [
            SymptomEntry(date.fromisoformat(r["day"]), r["symptom"], r["severity"],
                         r["location"], r["note"])
            for r in rows
        ]

    def notes(
        self, since: date | None = None, until: date | None = None
    ) -> list[tuple[date, str]]:
        rows = self.db.query(
            "SELECT day, note FROM diary_notes WHERE day >= coalesce(?, '0000') "
            "AND day <= coalesce(?, '9999') ORDER BY day",
            (iso(since), iso(until)),
        )
        return [(date.fromisoformat(r["day"]), r["note"]) for r in rows]

    def frame(self, since: date | None = None, until: date | None = None) -> pd.DataFrame:
        """The symptom entries as a DataFrame (see :mod:`lupus_tracker.store.frames`)."""
        return frames.symptoms_frame(self.db, since, until)
