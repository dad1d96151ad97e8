"""The daily symptom diary: severities 0-10 per symptom (built-in or the patient's own), the
kind of rash and where on the body, a day's note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any

from lupus_tracker.domain.dates import DateParseError, check_not_future
from lupus_tracker.domain.records import InvalidEntryError, SymptomDay, SymptomEntry
from lupus_tracker.domain.symptoms import (
    CUSTOM_PREFIX,
    Symptom,
    SymptomError,
    check_body_site,
    check_severity,
    custom_symptom,
    get_symptom,
)
from lupus_tracker.store import frames
from lupus_tracker.store.base import ConflictError, Manager, iso, now_stamp

if TYPE_CHECKING:
    import pandas as pd


def check_symptom(entry: SymptomEntry, today: date | None = None) -> SymptomEntry:
    """The entry cleaned up, or ``InvalidEntryError`` saying what is wrong. ``today`` (by
    default the date now) is the last day a symptom may be logged for."""
    return checked_symptom(
        entry.day, entry.symptom, entry.severity, entry.location, entry.note, entry.body_site, today
    )


def checked_symptom(
    day: date,
    key: str,
    severity: object,
    location: str | None = None,
    note: str | None = None,
    body_site: str | None = None,
    today: date | None = None,
) -> SymptomEntry:
    """:func:`check_symptom` of the entry these fields make, built once (an import reads
    100,000 rows: its reader passes the fields and one ``today`` for the whole file)."""
    try:
        symptom = get_symptom(key)
        checked_severity = check_severity(severity)
        site = check_body_site(body_site)
    except SymptomError as error:
        raise InvalidEntryError(str(error)) from None
    kind = location.strip() or None if location else None
    if kind is not None and not symptom.locations:
        raise InvalidEntryError(f"{symptom.name} has no kind; leave it empty.")
    if site is not None and not symptom.has_body_site:
        raise InvalidEntryError(f"{symptom.name} has no place on the body; leave it empty.")
    try:
        check_not_future(day, "symptom", today)
    except DateParseError as error:
        raise InvalidEntryError(str(error)) from None
    return SymptomEntry(
        day, symptom.key, checked_severity, kind, note.strip() or None if note else None, site
    )


class AlreadyLoggedError(ConflictError):
    """A symptom is already logged for that day with other values; nothing was changed."""

    def __init__(self, logged: SymptomEntry):
        self.logged = logged
        super().__init__(
            f"{get_symptom(logged.symptom).name} is already logged for "
            f"{logged.day.isoformat()}; nothing was changed."
        )


_UPSERT = (
    "INSERT INTO symptoms (day, symptom, severity, location, note, body_site) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (day, symptom) DO UPDATE SET "
    "severity = excluded.severity, location = excluded.location, "
    "note = excluded.note, body_site = excluded.body_site, updated_at = ?"
)


# The same upsert for an entry with only a severity: what it leaves out is NULL, as
# _UPSERT would have stored it.
_UPSERT_BARE = (
    "INSERT INTO symptoms (day, symptom, severity) VALUES (?, ?, ?) "
    "ON CONFLICT (day, symptom) DO UPDATE SET severity = excluded.severity, "
    "location = NULL, note = NULL, body_site = NULL, updated_at = ?"
)


def _is_bare(entry: SymptomEntry) -> bool:
    return entry.location is None and entry.note is None and entry.body_site is None


def _upsert_row(entry: SymptomEntry, stamp: str) -> tuple[object, ...]:
    return (
        iso(entry.day),
        entry.symptom,
        entry.severity,
        entry.location,
        entry.note,
        entry.body_site,
        stamp,
    )


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
        before = self.day(day)
        stamp = now_stamp()
        with self.db.transaction() as conn:
            checked = self._register_custom(checked)
            keys = [entry.symptom for entry in checked]
            if len(set(keys)) != len(keys):
                raise InvalidEntryError("A symptom is listed twice for the same day.")
            conn.execute(
                f"DELETE FROM symptoms WHERE day = ? AND symptom NOT IN "
                f"({', '.join('?' * len(keys))})",
                (iso(day), *keys),
            )
            for entry in checked:
                conn.execute(_UPSERT, _upsert_row(entry, stamp))
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

    def log_many(self, entries: Sequence[SymptomEntry], *, already_checked: bool = False) -> int:
        """Add or replace many symptom entries in one transaction (imports, generators).
        ``already_checked``: every entry is what :func:`check_symptom` returned (an import
        plan checks each row once), so it is not checked again."""
        checked = list(entries) if already_checked else []
        for index, entry in enumerate(() if already_checked else entries):
            try:
                checked.append(check_symptom(entry))
            except InvalidEntryError as error:
                raise InvalidEntryError(str(error), index) from None
        stamp = now_stamp()
        with self.db.transaction() as conn:
            checked = self._register_custom(checked)
            # Runs of entries in their order; one with no kind, note or place on the body
            # binds four values instead of seven (a tenth of the import's write time).
            for bare, run in groupby(checked, key=_is_bare):
                if bare:
                    rows = [(e.day.isoformat(), e.symptom, e.severity, stamp) for e in run]
                    conn.executemany(_UPSERT_BARE, rows)
                else:
                    conn.executemany(_UPSERT, [_upsert_row(e, stamp) for e in run])
        self._changed("symptoms")
        return len(checked)

    def log(self, entry: SymptomEntry, *, replace: bool = True) -> SymptomEntry | None:
        """Add or replace one symptom on one day, leaving the day's other entries alone;
        return the entry it replaced (None when there was none). With ``replace=False``
        a different entry already logged for that symptom and day raises
        ``AlreadyLoggedError`` and nothing is changed (checked in the same transaction)."""
        checked = check_symptom(entry)
        with self.db.transaction() as conn:
            (checked,) = self._register_custom([checked])
            row = conn.execute(
                "SELECT severity, location, note, body_site FROM symptoms "
                "WHERE day = ? AND symptom = ?",
                (iso(checked.day), checked.symptom),
            ).fetchone()
            before = None if row is None else SymptomEntry(checked.day, checked.symptom, *row)
            if before is not None and before != checked and not replace:
                raise AlreadyLoggedError(before)
            conn.execute(_UPSERT, _upsert_row(checked, now_stamp()))
        self._changed("symptoms")
        return before

    def day(self, day: date) -> SymptomDay:
        rows = self.db.query(
            "SELECT symptom, severity, location, note, body_site FROM symptoms WHERE day = ? "
            "ORDER BY id",
            (iso(day),),
        )
        notes = self.db.query("SELECT note FROM diary_notes WHERE day = ?", (iso(day),))
        entries = tuple(
            SymptomEntry(day, r["symptom"], r["severity"], r["location"], r["note"], r["body_site"])
            for r in rows
        )
        return SymptomDay(day, entries, notes[0]["note"] if notes else None)

    def symptoms(self, since: date | None = None, until: date | None = None) -> list[SymptomEntry]:
        rows = self.db.query(
            "SELECT day, symptom, severity, location, note, body_site FROM symptoms "
            "WHERE day >= coalesce(?, '0000') AND day <= coalesce(?, '9999') ORDER BY day, id",
            (iso(since), iso(until)),
        )
        return [
            SymptomEntry(
                date.fromisoformat(r["day"]),
                r["symptom"],
                r["severity"],
                r["location"],
                r["note"],
                r["body_site"],
            )
            for r in rows
        ]

    def symptom_columns(
        self, since: date | None = None, until: date | None = None, symptom: str | None = None
    ) -> dict[str, list[Any]]:
        """The entries of :meth:`symptoms` (of one symptom key, or all) as columns, in the
        same order: ``day`` (ISO text), ``symptom`` (key), ``severity``, ``location``,
        ``note``, ``body_site``. What a table of 30 years reads (issue 10 Speed): no record
        per entry, one symptom filtered by SQLite, rows read a few thousand at a time and
        each repeated text kept once (110,000 rows held 110,000 copies of a few keys)."""
        names = ("day", "symptom", "severity", "location", "note", "body_site")
        columns: dict[str, list[Any]] = {name: [] for name in names}
        once: dict[object, object] = {}
        shared = once.setdefault
        day, key, severity, location, note, site = columns.values()
        for rows in self.db.chunks(
            "SELECT day, symptom, severity, location, note, body_site FROM symptoms "
            "WHERE day >= coalesce(?, '0000') AND day <= coalesce(?, '9999') "
            "AND (? IS NULL OR symptom = ?) ORDER BY day, id",
            (iso(since), iso(until), symptom, symptom),
        ):
            for row in rows:
                day.append(row[0])
                key.append(shared(row[1], row[1]))
                severity.append(row[2])
                location.append(shared(row[3], row[3]))
                note.append(row[4])
                site.append(shared(row[5], row[5]))
        return columns

    def notes(self, since: date | None = None, until: date | None = None) -> list[tuple[date, str]]:
        rows = self.db.query(
            "SELECT day, note FROM diary_notes WHERE day >= coalesce(?, '0000') "
            "AND day <= coalesce(?, '9999') ORDER BY day",
            (iso(since), iso(until)),
        )
        return [(date.fromisoformat(r["day"]), r["note"]) for r in rows]

    def frame(self, since: date | None = None, until: date | None = None) -> pd.DataFrame:
        """The symptom entries as a DataFrame (see :mod:`lupus_tracker.store.frames`)."""
        return frames.symptoms_frame(self.db, since, until)

    # -- the patient's own symptoms ------------------------------------------------------
    def custom_symptoms(self) -> list[Symptom]:
        """The symptoms this patient added, in the order they were added."""
        rows = self.db.query("SELECT name FROM custom_symptoms ORDER BY id")
        return [custom_symptom(r["name"]) for r in rows]

    def all_symptoms(self) -> list[Symptom]:
        """The built-in symptoms, then the patient's own."""
        from lupus_tracker.domain.symptoms import SYMPTOMS

        return [*SYMPTOMS, *self.custom_symptoms()]

    def find_custom(self, name: str) -> Symptom | None:
        """The custom symptom with this name in any case (``custom:`` optional), if any."""
        try:
            wanted = custom_symptom(name.removeprefix(CUSTOM_PREFIX))
        except SymptomError:
            return None
        rows = self.db.query(
            "SELECT name FROM custom_symptoms WHERE folded = ?", (wanted.name.casefold(),)
        )
        return custom_symptom(rows[0]["name"]) if rows else None

    def add_custom_symptom(self, name: str, row_id: int | None = None) -> tuple[int, Symptom]:
        """Add a symptom of the patient's own; refused when the name is taken (in any case)
        or names a built-in symptom. ``row_id`` puts an undone deletion back under its id."""
        try:
            symptom = custom_symptom(name)
        except SymptomError as error:
            raise InvalidEntryError(str(error)) from None
        with self.db.transaction() as conn:
            existing = self.find_custom(symptom.name)
            if existing is not None:
                raise InvalidEntryError(f"{existing.name} is already one of your symptoms.")
            if self._id_taken("custom_symptoms", row_id):
                raise ConflictError(
                    "That symptom's place was taken meanwhile; nothing was changed."
                )
            cursor = conn.execute(
                "INSERT INTO custom_symptoms (id, name, folded) VALUES (?, ?, ?)",
                (row_id, symptom.name, symptom.name.casefold()),
            )
            new_id = self._new_id(cursor.lastrowid)
        self._changed("custom_symptoms")
        return new_id, symptom

    def delete_custom_symptom(self, key: str) -> tuple[int, str]:
        """Remove a symptom of the patient's own that no entry uses; return its id and
        name (to put it back)."""
        found = self.find_custom(key)
        if found is None:
            raise InvalidEntryError(
                f"{key.removeprefix(CUSTOM_PREFIX)} is not one of your symptoms."
            )
        with self.db.transaction() as conn:
            used = conn.execute(
                "SELECT count(*) FROM symptoms WHERE symptom = ?", (found.key,)
            ).fetchone()[0]
            if used:
                raise InvalidEntryError(
                    f"{found.name} is logged on {used} day(s); it stays "
                    "on the list while those entries exist."
                )
            row = conn.execute(
                "SELECT id FROM custom_symptoms WHERE folded = ?", (found.name.casefold(),)
            ).fetchone()
            conn.execute("DELETE FROM custom_symptoms WHERE id = ?", (row[0],))
        self._changed("custom_symptoms")
        return row[0], found.name

    def _register_custom(self, entries: Sequence[SymptomEntry]) -> list[SymptomEntry]:
        """Inside a write: each custom symptom the entries use is on the file's list (added
        when new, as an import brings it), and an entry named in another case uses the
        stored spelling, so that "Itching" and "itching" are one symptom."""
        conn = self.db.conn
        result = []
        for entry in entries:
            if entry.symptom.startswith(CUSTOM_PREFIX):
                name = entry.symptom.removeprefix(CUSTOM_PREFIX)
                row = conn.execute(
                    "SELECT name FROM custom_symptoms WHERE folded = ?", (name.casefold(),)
                ).fetchone()
                if row is None:
                    conn.execute(
                        "INSERT INTO custom_symptoms (name, folded) VALUES (?, ?)",
                        (name, name.casefold()),
                    )
                    self._changed("custom_symptoms")  # listeners only refresh what they show
                else:
                    entry = replace(entry, symptom=CUSTOM_PREFIX + row[0])
            result.append(entry)
        return result

    def span(self) -> tuple[date, date] | None:
        """The first and last day with a symptom entry; None when nothing is logged."""
        row = self.db.query("SELECT min(day), max(day) FROM symptoms")[0]
        return None if row[0] is None else (date.fromisoformat(row[0]), date.fromisoformat(row[1]))
