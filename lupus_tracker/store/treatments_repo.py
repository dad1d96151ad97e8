"""Medications (with their dose history) and events (flares, infusions, stays, visits)."""

from __future__ import annotations

import math
from datetime import date

from lupus_tracker.domain.records import Dose, Event, EventKind, InvalidEntryError, Medication
from lupus_tracker.store.base import RepositoryBase, iso, now_stamp, parse_iso
from lupus_tracker.store.errors import NotFoundError


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _check_dose(dose: Dose) -> None:
    if dose.dose is not None and (not math.isfinite(dose.dose) or dose.dose < 0):
        raise InvalidEntryError(f"A dose must be a number of 0 or more, not {dose.dose}.")


def _check_medication(medication: Medication) -> str:
    """Check a medication and its doses; return its cleaned name."""
    name = medication.name.strip()
    if not name:
        raise InvalidEntryError("A medication needs a name.")
    if medication.stopped_on is not None and medication.stopped_on < medication.started_on:
        raise InvalidEntryError("A medication cannot stop before it starts.")
    for dose in medication.doses:
        _check_dose(dose)
    return name


class TreatmentsMixin(RepositoryBase):
    # -- medications -------------------------------------------------------------------
    def add_medication(self, medication: Medication) -> Medication:
        """Save a medication with its first dose(s); returns it with its id."""
        name = _check_medication(medication)
        with self.db.transaction() as conn:
            columns = "name, started_on, stopped_on, note"
            values = [name, iso(medication.started_on), iso(medication.stopped_on),
                      _text(medication.note)]
            if medication.id is not None:
                columns, values = "id, " + columns, [medication.id, *values]
            med_id = conn.execute(
                f"INSERT INTO medications ({columns}) VALUES ({', '.join('?' * len(values))})",
                values,
            ).lastrowid
            for dose in medication.doses:
                self._insert_dose(conn, med_id, dose)
        self._changed("medications")
        return self.get_medication(med_id)

    @staticmethod
    def _insert_dose(conn, med_id: int, dose: Dose) -> None:
        conn.execute(
            "INSERT INTO medication_doses (medication_id, from_date, dose, unit, frequency, note) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (medication_id, from_date) DO UPDATE SET "
            "dose = excluded.dose, unit = excluded.unit, frequency = excluded.frequency, "
            "note = excluded.note, updated_at = ?",
            (med_id, iso(dose.from_date), dose.dose, _text(dose.unit), _text(dose.frequency),
             _text(dose.note), now_stamp()),
        )

    def change_dose(self, med_id: int, dose: Dose) -> Medication:
        """Record a new dose from a date on (a taper step); earlier doses are kept."""
        _check_dose(dose)
        medication = self.get_medication(med_id)
        if dose.from_date < medication.started_on:
            raise InvalidEntryError("A dose change cannot be before the medication started.")
        with self.db.transaction() as conn:
            self._insert_dose(conn, med_id, dose)
        self._changed("medications")
        return self.get_medication(med_id)

    def stop_medication(self, med_id: int, stopped_on: date | None) -> Medication:
        """Stop (or, with ``None``, resume) a medication; its history stays."""
        medication = self.get_medication(med_id)
        if stopped_on is not None and stopped_on < medication.started_on:
            raise InvalidEntryError("A medication cannot stop before it starts.")
        with self.db.transaction() as conn:
            conn.execute("UPDATE medications SET stopped_on = ?, updated_at = ? WHERE id = ?",
                         (iso(stopped_on), now_stamp(), med_id))
        self._changed("medications")
        return self.get_medication(med_id)

    def replace_medication(self, medication: Medication) -> Medication:
        """Overwrite a medication and its whole dose history (edit, or undo of an edit);
        its ``created_at`` is kept."""
        if medication.id is None:
            raise InvalidEntryError("Only a saved medication can be replaced.")
        name = _check_medication(medication)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE medications SET name = ?, started_on = ?, stopped_on = ?, note = ?, "
                "updated_at = ? WHERE id = ?",
                (name, iso(medication.started_on), iso(medication.stopped_on),
                 _text(medication.note), now_stamp(), medication.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"Medication {medication.id} no longer exists.")
            conn.execute("DELETE FROM medication_doses WHERE medication_id = ?", (medication.id,))
            for dose in medication.doses:
                self._insert_dose(conn, medication.id, dose)
        self._changed("medications")
        return self.get_medication(medication.id)

    def delete_medication(self, med_id: int) -> Medication:
        medication = self.get_medication(med_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM medications WHERE id = ?", (med_id,))
        self._changed("medications")
        return medication

    def get_medication(self, med_id: int) -> Medication:
        meds = self.list_medications(med_id=med_id)
        if not meds:
            raise NotFoundError(f"Medication {med_id} does not exist.")
        return meds[0]

    def list_medications(self, med_id: int | None = None) -> list[Medication]:
        where = "WHERE id = ?" if med_id is not None else ""
        params = (med_id,) if med_id is not None else ()
        meds = self.db.query(f"SELECT * FROM medications {where} ORDER BY started_on, id", params)
        doses: dict[int, list[Dose]] = {}
        dose_where = "WHERE medication_id = ?" if med_id is not None else ""
        for r in self.db.query(
            f"SELECT * FROM medication_doses {dose_where} ORDER BY from_date", params
        ):
            doses.setdefault(r["medication_id"], []).append(
                Dose(date.fromisoformat(r["from_date"]), r["dose"], r["unit"], r["frequency"],
                     r["note"])
            )
        return [
            Medication(m["id"], m["name"], date.fromisoformat(m["started_on"]),
                       parse_iso(m["stopped_on"]), m["note"], tuple(doses.get(m["id"], ())))
            for m in meds
        ]

    # -- events --------------------------------------------------------------------------
    @staticmethod
    def _event_kind(event: Event) -> EventKind:
        try:
            kind = EventKind(event.kind)
        except ValueError:
            kinds = ", ".join(k.value for k in EventKind)
            raise InvalidEntryError(f"Unknown event kind {event.kind!r}; use {kinds}.") from None
        if event.ended_on is not None and event.ended_on < event.occurred_on:
            raise InvalidEntryError("An event cannot end before it starts.")
        return kind

    def add_event(self, event: Event) -> Event:
        """Save an event; an ``id`` is kept (undo of a delete puts it back as it was)."""
        kind = self._event_kind(event)
        values = [iso(event.occurred_on), iso(event.ended_on), kind.value,
                  (event.title or "").strip(), _text(event.note)]
        columns = "occurred_on, ended_on, kind, title, note"
        if event.id is not None:
            columns, values = "id, " + columns, [event.id, *values]
        with self.db.transaction() as conn:
            event_id = conn.execute(
                f"INSERT INTO events ({columns}) VALUES ({', '.join('?' * len(values))})", values
            ).lastrowid
        self._changed("events")
        return self.get_event(event_id)

    def update_event(self, event: Event) -> Event:
        if event.id is None:
            raise InvalidEntryError("Only a saved event can be changed.")
        kind = self._event_kind(event)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE events SET occurred_on = ?, ended_on = ?, kind = ?, title = ?, note = ?, "
                "updated_at = ? WHERE id = ?",
                (iso(event.occurred_on), iso(event.ended_on), kind.value,
                 (event.title or "").strip(), _text(event.note), now_stamp(), event.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"Event {event.id} no longer exists.")
        self._changed("events")
        return self.get_event(event.id)

    def delete_event(self, event_id: int) -> Event:
        event = self.get_event(event_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        self._changed("events")
        return event

    def get_event(self, event_id: int) -> Event:
        events = self.list_events(event_id=event_id)
        if not events:
            raise NotFoundError(f"Event {event_id} does not exist.")
        return events[0]

    def list_events(
        self,
        since: date | None = None,
        until: date | None = None,
        kinds: tuple[EventKind, ...] | None = None,
        event_id: int | None = None,
    ) -> list[Event]:
        sql = ["SELECT * FROM events WHERE occurred_on >= coalesce(?, '0000') "
               "AND occurred_on <= coalesce(?, '9999')"]
        params: list = [iso(since), iso(until)]
        if kinds is not None:
            sql.append(f"AND kind IN ({', '.join('?' * len(kinds))})")
            params += [EventKind(k).value for k in kinds]
        if event_id is not None:
            sql.append("AND id = ?")
            params.append(event_id)
        sql.append("ORDER BY occurred_on, id")
        return [
            Event(r["id"], date.fromisoformat(r["occurred_on"]), EventKind(r["kind"]),
                  r["title"], r["note"], parse_iso(r["ended_on"]))
            for r in self.db.query(" ".join(sql), tuple(params))
        ]
