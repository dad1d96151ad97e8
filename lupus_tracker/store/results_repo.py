"""Lab results and vitals: checked on the way in, one transaction per user action."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from lupus_tracker.domain.catalog import Marker, UnknownMarkerError, get_marker
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.measurement import Measurement, interpret
from lupus_tracker.domain.records import (
    InvalidEntryError,
    LabEntry,
    LabResult,
    NumberFormat,
    Sex,
    Source,
)
from lupus_tracker.domain.units import UnitError
from lupus_tracker.domain.values import ValueParseError
from lupus_tracker.store import frames
from lupus_tracker.store.base import ConflictError, Manager, Notifier, now_stamp
from lupus_tracker.store.db import Database
from lupus_tracker.store.derived_egfr import derived_egfr_entries
from lupus_tracker.store.errors import NotFoundError, StoreError

if TYPE_CHECKING:
    import pandas as pd

    from lupus_tracker.store.profile_repo import ProfileManager
    from lupus_tracker.store.settings_repo import SettingsManager

CREATININE = "creatinine"
HEIGHT = "height"
_COLUMNS = (
    "taken_on, marker, value_text, comparator, number, unit, base_value, base_unit, "
    "ref_range, lab, assay, pattern, note, source, taken_at, source_id"
)
_MARKS = ", ".join("?" * len(_COLUMNS.split(",")))


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def _row_values(entry: LabEntry, m: Measurement) -> tuple[object, ...]:
    return (
        entry.taken_on.isoformat(),
        entry.marker,
        m.value.text,
        m.value.comparator.value if m.value.comparator else None,
        m.value.number,
        m.unit.code,
        m.base_value,
        m.base_unit.code,
        m.ref.text() if m.ref_is_lab and m.ref is not None else None,
        _clean(entry.lab),
        _clean(entry.assay),
        _clean(entry.pattern),
        _clean(entry.note),
        Source(entry.source).value,
        entry.taken_at,
        _clean(entry.source_id),
    )


# Interpretations already made, by the stored text they came from, with the catalog marker
# that made them (a replaced marker, as when a conversion is corrected, is never served an
# old interpretation). Measurements are frozen, so one object can serve every reader.
_MEASURED: dict[tuple[object, ...], tuple[Marker, Measurement | None]] = {}
_MEASURED_LIMIT = 100_000


def measure(
    marker_key: str, value_text: str, unit: str, ref_range: str | None, sex: Sex | None
) -> Measurement | None:
    """The stored text interpreted by the catalog (stored text is canonical: decimal point);
    None when the current catalog cannot read it."""
    try:
        marker = get_marker(marker_key)
    except UnknownMarkerError:
        return None
    key = (marker_key, value_text, unit, ref_range, sex)
    known = _MEASURED.get(key)
    if known is not None and known[0] is marker:
        return known[1]
    try:
        found: Measurement | None = interpret(
            marker, value_text, unit, ref_range, sex, NumberFormat.POINT
        )
    except (ValueParseError, UnitError):
        found = None
    if len(_MEASURED) >= _MEASURED_LIMIT:
        _MEASURED.clear()
    _MEASURED[key] = (marker, found)
    return found


class StoredText(Protocol):
    """A stored result's text and its interpretation made at load (``LabResult`` or a
    lighter record of the same columns)."""

    @property
    def marker(self) -> str: ...
    @property
    def value_text(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def ref_range(self) -> str | None: ...
    @property
    def measurement(self) -> Measurement | None: ...


def measured(result: StoredText) -> Measurement | None:
    """The result's measurement (interpreted when the store loaded it; a record built from
    plain data is interpreted here); None when the catalog cannot read it."""
    if result.measurement is not None:
        return result.measurement
    return measure(result.marker, result.value_text, result.unit, result.ref_range, None)


def measurement_of(result: LabResult) -> Measurement:
    """The result's measurement (interpreted when the store loaded it; a record built from
    plain data is interpreted here), or a clear error when the catalog cannot read it."""
    found = measured(result)
    if found is None:
        raise StoreError(
            f"The stored {result.marker} result of {result.taken_on.isoformat()} "
            f"({result.value_text} {result.unit}) cannot be read by this "
            "version's catalog; correct or delete it."
        )
    return found


_SOURCES = {source.value: source for source in Source}  # a dict look-up per row, not Enum()


def result_from_row(row: sqlite3.Row, sex: Sex | None = None) -> LabResult:
    """A stored result with its measurement, interpreted once here."""
    return LabResult(
        id=row["id"],
        taken_on=date.fromisoformat(row["taken_on"]),
        marker=row["marker"],
        value_text=row["value_text"],
        comparator=row["comparator"],
        number=row["number"],
        unit=row["unit"],
        base_value=row["base_value"],
        base_unit=row["base_unit"],
        ref_range=row["ref_range"],
        lab=row["lab"],
        assay=row["assay"],
        pattern=row["pattern"],
        note=row["note"],
        source=_SOURCES.get(row["source"]) or Source(row["source"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        taken_at=row["taken_at"],
        source_id=row["source_id"],
        measurement=measure(row["marker"], row["value_text"], row["unit"], row["ref_range"], sex),
    )


class ResultsManager(Manager):
    """Lab results and vitals: ``repo.results``."""

    def __init__(
        self,
        db: Database,
        notifier: Notifier,
        profile: ProfileManager,
        settings: SettingsManager | None = None,
    ):
        super().__init__(db, notifier)
        self._profile = profile
        self._settings = settings
        # What all() has read, by marker, under the data stamp it was read at.
        self._cache_stamp: tuple[object, ...] | None = None
        self._by_marker: dict[str, tuple[LabResult, ...]] = {}
        self._complete = False

    def check(self, entries: Sequence[LabEntry]) -> list[Measurement]:
        """Check every entry; the first invalid one raises with its position."""
        profile = self._profile.get()
        sex = profile.sex
        number_format = None if self._settings is None else self._settings.number_format()
        checked = []
        for index, entry in enumerate(entries):
            try:
                checked.append(check_entry(entry, sex, number_format, profile.birth_date))
            except InvalidEntryError as error:
                raise InvalidEntryError(str(error), index) from None
        return checked

    def add_many(self, entries: Sequence[LabEntry]) -> list[LabResult]:
        """Save a whole lab report in one transaction: all entries or none."""
        checked = self.check(entries)
        with self.db.transaction() as conn:
            ids = [
                self._new_id(
                    conn.execute(
                        f"INSERT INTO results ({_COLUMNS}) VALUES ({_MARKS})",
                        _row_values(entry, m),
                    ).lastrowid
                )
                for entry, m in zip(entries, checked, strict=True)
            ]
            saved = self._by_ids(ids)
            if any(r.marker == HEIGHT for r in saved):
                self.refresh_egfr()  # a height changes the bedside Schwartz eGFR (under 18)
            else:
                self._follow_creatinine({r.taken_on for r in saved if r.marker == CREATININE})
        self._changed("results")
        return saved

    def add_checked(
        self, entries: Sequence[LabEntry], checked: Sequence[Measurement | None]
    ) -> int:
        """Save entries an importer has already interpreted with ``check_entry`` (each row
        checked and interpreted once, in the plan), in one transaction: all or none; returns
        how many were saved. Nothing is read back.

        Only what may have changed since the plan was read is checked again: the profile's
        date of birth (the same import may set it) and, for an entry that does not say how
        its numbers are written, the number format setting; an entry without its
        measurement is checked in full, as :meth:`add_many` does."""
        profile = self._profile.get()
        number_format = None if self._settings is None else self._settings.number_format()
        born = profile.birth_date
        final: list[Measurement] = []
        for index, (entry, m) in enumerate(zip(entries, checked, strict=True)):
            if (
                m is None
                or (number_format is not None and entry.number_format is None)
                or (born is not None and entry.taken_on < born)
            ):
                try:
                    m = check_entry(entry, profile.sex, number_format, born)
                except InvalidEntryError as error:
                    raise InvalidEntryError(str(error), index) from None
            final.append(m)
        with self.db.transaction() as conn:
            conn.executemany(
                f"INSERT INTO results ({_COLUMNS}) VALUES ({_MARKS})",
                [_row_values(entry, m) for entry, m in zip(entries, final, strict=True)],
            )
            if any(entry.marker == HEIGHT for entry in entries):
                self.refresh_egfr()  # a height changes the bedside Schwartz eGFR (under 18)
            else:
                self._follow_creatinine({e.taken_on for e in entries if e.marker == CREATININE})
        if entries:
            self._changed("results")
        return len(entries)

    def _by_ids(self, ids: list[int]) -> list[LabResult]:
        """The rows with these ids, in the same order (one query per 500 ids)."""
        found: dict[int, LabResult] = {}
        sex = self._profile.get().sex
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.db.query(
                f"SELECT * FROM results WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk)
            )
            found.update((row["id"], result_from_row(row, sex)) for row in rows)
        return [found[i] for i in ids]

    def add(self, entry: LabEntry) -> LabResult:
        return self.add_many([entry])[0]

    def update(self, result_id: int, entry: LabEntry) -> LabResult:
        (m,) = self.check([entry])
        assignments = ", ".join(f"{name.strip()} = ?" for name in _COLUMNS.split(","))
        with self.db.transaction() as conn:
            days = self._creatinine_days_of([result_id])
            cursor = conn.execute(
                f"UPDATE results SET {assignments}, updated_at = ? WHERE id = ?",
                (*_row_values(entry, m), now_stamp(), result_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"Result {result_id} no longer exists.")
            self._follow_creatinine(days | self._creatinine_days_of([result_id]))
        self._changed("results")
        return self.get(result_id)

    def delete(self, result_id: int) -> LabResult:
        """Delete a result and return it, so that it can be restored (undo)."""
        result = self.get(result_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM results WHERE id = ?", (result_id,))
            if result.marker == CREATININE:
                self._follow_creatinine({result.taken_on})
        self._changed("results")
        return result

    def restore(self, results: Sequence[LabResult]) -> list[LabResult]:
        """Put back deleted results under their own ids and time stamps (undo of a delete),
        all or none. An id in use is refused, never overwritten: ids are never reused
        (AUTOINCREMENT), so a taken id means the result is already back."""
        checked = self.check([r.entry() for r in results])
        with self.db.transaction() as conn:
            for result, m in zip(results, checked, strict=True):
                if self.db.query("SELECT 1 FROM results WHERE id = ?", (result.id,)):
                    raise ConflictError(
                        f"The {result.marker} result of {result.taken_on.isoformat()} is "
                        "already there (put back in another window?); nothing was changed."
                    )
                conn.execute(
                    f"INSERT INTO results (id, {_COLUMNS}, created_at, updated_at) "
                    f"VALUES (?, {_MARKS}, ?, ?)",
                    (
                        result.id,
                        *_row_values(result.entry(), m),
                        result.created_at,
                        result.updated_at,
                    ),
                )
            self._follow_creatinine({r.taken_on for r in results if r.marker == CREATININE})
        self._changed("results")
        return self._by_ids([r.id for r in results])

    def put(self, result: LabResult) -> LabResult:
        """Overwrite the stored result with the same id by ``result`` as it was, time stamps
        included (undo and redo of an edit)."""
        (m,) = self.check([result.entry()])
        assignments = ", ".join(f"{name.strip()} = ?" for name in _COLUMNS.split(","))
        with self.db.transaction() as conn:
            days = self._creatinine_days_of([result.id])
            cursor = conn.execute(
                f"UPDATE results SET {assignments}, created_at = ?, updated_at = ? WHERE id = ?",
                (*_row_values(result.entry(), m), result.created_at, result.updated_at, result.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(
                    f"The {result.marker} result of {result.taken_on.isoformat()} no longer exists."
                )
            self._follow_creatinine(days | self._creatinine_days_of([result.id]))
        self._changed("results")
        return self.get(result.id)

    def replace_computed(self, marker: str, entries: Sequence[LabEntry]) -> int:
        """Replace every computed (derived) result of ``marker`` by ``entries`` in one
        transaction; entered and imported results are never touched."""
        if any(Source(e.source) is not Source.COMPUTED or e.marker != marker for e in entries):
            raise InvalidEntryError("Only computed results of the same marker can be replaced.")
        checked = self.check(entries)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM results WHERE marker = ? AND source = 'computed'", (marker,))
            conn.executemany(
                f"INSERT INTO results ({_COLUMNS}) VALUES ({_MARKS})",
                [_row_values(e, m) for e, m in zip(entries, checked, strict=True)],
            )
        self._changed("results")
        return len(entries)

    def get(self, result_id: int) -> LabResult:
        rows = self.db.query("SELECT * FROM results WHERE id = ?", (result_id,))
        if not rows:
            raise NotFoundError(f"Result {result_id} does not exist.")
        return result_from_row(rows[0], self._profile.get().sex)

    def all(
        self,
        markers: Iterable[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[LabResult]:
        """Results ordered by date, optionally for some markers and a date range.

        Each marker's results are read and interpreted once and kept until the data may
        have changed (:meth:`Database.data_stamp`, with the profile's sex that the ranges
        depend on): the dashboard, the activity signal and treat-to-target ask for the
        same results several times per refresh, and interpreting them again each time
        took most of a second at 30 years. A reader gets its own list of the (frozen)
        records."""
        keys = None if markers is None else frozenset(markers)
        by_marker = self._loaded(keys)
        chosen = by_marker.values() if keys is None else (by_marker.get(k, ()) for k in keys)
        found = [
            r
            for results in chosen
            for r in results
            if (since is None or r.taken_on >= since) and (until is None or r.taken_on <= until)
        ]
        found.sort(key=lambda r: (r.taken_on, r.id))
        return found

    def _loaded(self, keys: frozenset[str] | None) -> dict[str, tuple[LabResult, ...]]:
        """The cached results of ``keys`` (every marker when None), reading what is
        missing; the whole cache is dropped when the data may have changed."""
        sex = self._profile.get().sex
        stamp = (self.db.data_stamp(), sex)
        if self._cache_stamp != stamp:
            self._cache_stamp, self._by_marker, self._complete = stamp, {}, False
        if self._complete or (keys is not None and keys <= self._by_marker.keys()):
            return self._by_marker
        missing = None if keys is None else sorted(keys - self._by_marker.keys())
        if missing is None:
            rows = self.db.query("SELECT * FROM results ORDER BY taken_on, id")
        else:
            rows = self.db.query(
                f"SELECT * FROM results WHERE marker IN "
                f"({', '.join('?' * len(missing))}) ORDER BY taken_on, id",
                tuple(missing),
            )
        read: dict[str, list[LabResult]] = {key: [] for key in missing or ()}
        for row in rows:
            read.setdefault(row["marker"], []).append(result_from_row(row, sex))
        if missing is None:
            self._by_marker, self._complete = {}, True
        self._by_marker.update((key, tuple(results)) for key, results in read.items())
        return self._by_marker

    def frame(
        self,
        markers: Iterable[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> pd.DataFrame:
        """The results as a DataFrame (see :mod:`lupus_tracker.store.frames`)."""
        return frames.results_frame(self.db, markers, since, until)

    def refresh_egfr(self, days: Collection[date] | None = None) -> int:
        """Recompute the derived eGFR (CKD-EPI 2021) from creatinine and the profile, in one
        transaction: of ``days`` only, or of every day (``None``, after a profile change).
        Returns how many computed eGFR values those days have now."""
        params: tuple[str, ...] = ()
        with self.db.transaction() as conn:
            if days is None:
                creatinine, scope = self.all([CREATININE]), ""
            else:
                if not days:
                    return 0
                params = tuple(sorted(d.isoformat() for d in days))
                scope = f" AND taken_on IN ({', '.join('?' * len(params))})"
                sex = self._profile.get().sex
                creatinine = [
                    result_from_row(row, sex)
                    for row in conn.execute(
                        f"SELECT * FROM results WHERE marker = ?{scope} ORDER BY taken_on, id",
                        (CREATININE, *params),
                    )
                ]
            heights = [
                (r.taken_on, r.base_value)
                for r in self.all([HEIGHT])
                if r.base_value is not None and r.comparator is None
            ]
            entries = derived_egfr_entries(self._profile.get(), creatinine, heights)
            checked = self.check(entries)
            removed = conn.execute(
                f"DELETE FROM results WHERE marker = 'egfr' AND source = 'computed'{scope}", params
            ).rowcount
            conn.executemany(
                f"INSERT INTO results ({_COLUMNS}) VALUES ({_MARKS})",
                [_row_values(e, m) for e, m in zip(entries, checked, strict=True)],
            )
        if removed or entries:
            self._changed("results")
        return len(entries)

    def _creatinine_days_of(self, ids: list[int]) -> set[date]:
        rows = self.db.query(
            f"SELECT taken_on FROM results WHERE marker = ? AND id IN "
            f"({', '.join('?' * len(ids))})",
            (CREATININE, *ids),
        )
        return {date.fromisoformat(row["taken_on"]) for row in rows}

    def _follow_creatinine(self, days: set[date]) -> None:
        """Creatinine of these days changed: their derived eGFR follows in the same
        transaction (when the profile has a date of birth and sex)."""
        if days:
            self.refresh_egfr(days)
