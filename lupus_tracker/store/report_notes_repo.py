"""The patient's own notes and questions for the doctor, saved per report period."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.records import InvalidEntryError
from lupus_tracker.store.base import Manager, iso, now_stamp


class ReportNotesManager(Manager):
    """Notes and questions for the doctor per report period: ``repo.report_notes``."""

    def get(self, start: date, end: date) -> str:
        rows = self.db.query(
            "SELECT note FROM report_notes WHERE period_start = ? AND period_end = ?",
            (iso(start), iso(end)),
        )
        return rows[0]["note"] if rows else ""

    def set(self, start: date, end: date, note: str) -> None:
        if end < start:
            raise InvalidEntryError("The report period ends before it starts.")
        with self.db.transaction() as conn:
            if note.strip():
                conn.execute(
                    "INSERT INTO report_notes (period_start, period_end, note) VALUES (?, ?, ?) "
                    "ON CONFLICT (period_start, period_end) DO UPDATE SET note = excluded.note, "
                    "updated_at = ?",
                    (iso(start), iso(end), note.strip(), now_stamp()),
                )
            else:
                conn.execute(
                    "DELETE FROM report_notes WHERE period_start = ? AND period_end = ?",
                    (iso(start), iso(end)),
                )
        self._changed("report_notes")

    def all(self) -> list[tuple[date, date, str]]:
        rows = self.db.query(
            "SELECT period_start, period_end, note FROM report_notes "
            "ORDER BY period_start, period_end"
        )
        return [(date.fromisoformat(r[0]), date.fromisoformat(r[1]), r[2]) for r in rows]
