"""Events on the time line: flares, infusions, hospital stays, visits."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.entry import check_event_text
from lupus_tracker.domain.records import Event, EventKind, InvalidEntryError
from lupus_tracker.store import frames
from lupus_tracker.store.base import ConflictError, Manager, iso, now_stamp, parse_iso
from lupus_tracker.store.errors import NotFoundError

if TYPE_CHECKING:
    import pandas as pd


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


class EventsManager(Manager):
    """Events: ``repo.events``."""

    @staticmethod
    def _event_kind(event: Event) -> EventKind:
        try:
            kind = EventKind(event.kind)
        except ValueError:
            kinds = ", ".join(k.value for k in EventKind)
            raise InvalidEntryError(f"Unknown event kind {event.kind!r}; use {kinds}.") from None
        if event.ended_on is not None and event.ended_on < event.occurred_on:
            raise InvalidEntryError("An event cannot end before it starts.")
        check_event_text(event.title, event.note)
        return kind

    def add(self, event: Event) -> Event:
        """Save an event; an ``id`` is kept when free (undo of a delete puts it back as it
        was), refused when taken."""
        kind = self._event_kind(event)
        values: list[object] = [
            iso(event.occurred_on),
            iso(event.ended_on),
            kind.value,
            (event.title or "").strip(),
            _text(event.note),
        ]
        columns = "occurred_on, ended_on, kind, title, note"
        if event.id is not None:
            columns, values = "id, " + columns, [event.id, *values]
        with self.db.transaction() as conn:
            if self._id_taken("events", event.id):
                raise ConflictError(
                    f"The event of {event.occurred_on.isoformat()} is already "
                    "there (put back in another window?); nothing was changed."
                )
            event_id = self._new_id(
                conn.execute(
                    f"INSERT INTO events ({columns}) VALUES ({', '.join('?' * len(values))})",
                    values,
                ).lastrowid
            )
        self._changed("events")
        return self.get(event_id)

    def update(self, event: Event) -> Event:
        if event.id is None:
            raise InvalidEntryError("Only a saved event can be changed.")
        kind = self._event_kind(event)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE events SET occurred_on = ?, ended_on = ?, kind = ?, title = ?, note = ?, "
                "updated_at = ? WHERE id = ?",
                (
                    iso(event.occurred_on),
                    iso(event.ended_on),
                    kind.value,
                    (event.title or "").strip(),
                    _text(event.note),
                    now_stamp(),
                    event.id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"Event {event.id} no longer exists.")
        self._changed("events")
        return self.get(event.id)

    def delete(self, event_id: int) -> Event:
        event = self.get(event_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        self._changed("events")
        return event

    def get(self, event_id: int) -> Event:
        events = self.all(event_id=event_id)
        if not events:
            raise NotFoundError(f"Event {event_id} does not exist.")
        return events[0]

    def all(
        self,
        since: date | None = None,
        until: date | None = None,
        kinds: tuple[EventKind, ...] | None = None,
        event_id: int | None = None,
    ) -> list[Event]:
        sql = [
            "SELECT * FROM events WHERE occurred_on >= coalesce(?, '0000') "
            "AND occurred_on <= coalesce(?, '9999')"
        ]
        params: list[object] = [iso(since), iso(until)]
        if kinds is not None:
            sql.append(f"AND kind IN ({', '.join('?' * len(kinds))})")
            params += [EventKind(k).value for k in kinds]
        if event_id is not None:
            sql.append("AND id = ?")
            params.append(event_id)
        sql.append("ORDER BY occurred_on, id")
        return [
            Event(
                r["id"],
                date.fromisoformat(r["occurred_on"]),
                EventKind(r["kind"]),
                r["title"],
                r["note"],
                parse_iso(r["ended_on"]),
            )
            for r in self.db.query(" ".join(sql), tuple(params))
        ]

    def frame(self, since: date | None = None, until: date | None = None) -> pd.DataFrame:
        """The events as a DataFrame (see :mod:`lupus_tracker.store.frames`)."""
        return frames.events_frame(self.db, since, until)
