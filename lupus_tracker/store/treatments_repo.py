"""Medications with their dose history (a prednisone taper keeps every step)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.dosing import check_dose_amount, check_dose_change, check_stop_date
from lupus_tracker.domain.records import Dose, InvalidEntryError, Medication
from lupus_tracker.store import frames
from lupus_tracker.store.base import ConflictError, Manager, iso, now_stamp, parse_iso
from lupus_tracker.store.errors import NotFoundError

if TYPE_CHECKING:
    import pandas as pd


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _check_medication(medication: Medication) -> str:
    """Check a medication and its doses; return its cleaned name."""
    name = medication.name.strip()
    if not name:
        raise InvalidEntryError("A medication needs a name.")
    if medication.stopped_on is not None and medication.stopped_on < medication.started_on:
        raise InvalidEntryError("A medication cannot stop before it starts.")
    for dose in medication.doses:
        check_dose_amount(dose, name)
    return name


class TreatmentsManager(Manager):
    """Medications and their doses: ``repo.treatments``."""

    def add(self, medication: Medication) -> Medication:
        """Save a medication with its first dose(s); returns it with its id (a given id is
        kept when free, refused when taken)."""
        name = _check_medication(medication)
        with self.db.transaction() as conn:
            if self._id_taken("medications", medication.id):
                raise ConflictError(
                    f"{name} is already there (put back in another window?); nothing was changed."
                )
            columns = "name, started_on, stopped_on, note"
            values: list[object] = [
                name,
                iso(medication.started_on),
                iso(medication.stopped_on),
                _text(medication.note),
            ]
            if medication.id is not None:
                columns, values = "id, " + columns, [medication.id, *values]
            med_id = self._new_id(
                conn.execute(
                    f"INSERT INTO medications ({columns}) VALUES ({', '.join('?' * len(values))})",
                    values,
                ).lastrowid
            )
            for dose in medication.doses:
                self._insert_dose(conn, med_id, dose)
        self._changed("medications")
        return self.get(med_id)

    @staticmethod
    def _insert_dose(conn: sqlite3.Connection, med_id: int, dose: Dose) -> None:
        conn.execute(
            "INSERT INTO medication_doses (medication_id, from_date, dose, unit, frequency, note) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (medication_id, from_date) DO UPDATE SET "
            "dose = excluded.dose, unit = excluded.unit, frequency = excluded.frequency, "
            "note = excluded.note, updated_at = ?",
            (
                med_id,
                iso(dose.from_date),
                dose.dose,
                _text(dose.unit),
                _text(dose.frequency),
                _text(dose.note),
                now_stamp(),
            ),
        )

    def change_dose(self, med_id: int, dose: Dose) -> Medication:
        """Record a new dose from a date on (a taper step); earlier doses are kept."""
        check_dose_change(self.get(med_id), dose)
        with self.db.transaction() as conn:
            self._insert_dose(conn, med_id, dose)
        self._changed("medications")
        return self.get(med_id)

    def stop(self, med_id: int, stopped_on: date | None) -> Medication:
        """Stop (or, with ``None``, resume) a medication; its history stays."""
        medication = self.get(med_id)
        if stopped_on is not None:
            check_stop_date(medication, stopped_on)
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE medications SET stopped_on = ?, updated_at = ? WHERE id = ?",
                (iso(stopped_on), now_stamp(), med_id),
            )
        self._changed("medications")
        return self.get(med_id)

    def replace(self, medication: Medication) -> Medication:
        """Overwrite a medication and its whole dose history (edit, or undo of an edit);
        its ``created_at`` is kept."""
        if medication.id is None:
            raise InvalidEntryError("Only a saved medication can be replaced.")
        name = _check_medication(medication)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE medications SET name = ?, started_on = ?, stopped_on = ?, note = ?, "
                "updated_at = ? WHERE id = ?",
                (
                    name,
                    iso(medication.started_on),
                    iso(medication.stopped_on),
                    _text(medication.note),
                    now_stamp(),
                    medication.id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"Medication {medication.id} no longer exists.")
            conn.execute("DELETE FROM medication_doses WHERE medication_id = ?", (medication.id,))
            for dose in medication.doses:
                self._insert_dose(conn, medication.id, dose)
        self._changed("medications")
        return self.get(medication.id)

    def delete(self, med_id: int) -> Medication:
        medication = self.get(med_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM medications WHERE id = ?", (med_id,))
        self._changed("medications")
        return medication

    def get(self, med_id: int) -> Medication:
        meds = self.all(med_id=med_id)
        if not meds:
            raise NotFoundError(f"Medication {med_id} does not exist.")
        return meds[0]

    def all(self, med_id: int | None = None) -> list[Medication]:
        where = "WHERE id = ?" if med_id is not None else ""
        params = (med_id,) if med_id is not None else ()
        meds = self.db.query(f"SELECT * FROM medications {where} ORDER BY started_on, id", params)
        doses: dict[int, list[Dose]] = {}
        dose_where = "WHERE medication_id = ?" if med_id is not None else ""
        for r in self.db.query(
            f"SELECT * FROM medication_doses {dose_where} ORDER BY from_date", params
        ):
            doses.setdefault(r["medication_id"], []).append(
                Dose(
                    date.fromisoformat(r["from_date"]),
                    r["dose"],
                    r["unit"],
                    r["frequency"],
                    r["note"],
                )
            )
        return [
            Medication(
                m["id"],
                m["name"],
                date.fromisoformat(m["started_on"]),
                parse_iso(m["stopped_on"]),
                m["note"],
                tuple(doses.get(m["id"], ())),
            )
            for m in meds
        ]

    def doses_frame(self) -> pd.DataFrame:
        """One row per dose period (see :func:`lupus_tracker.store.frames.doses_frame`)."""
        return frames.doses_frame(self.db)
