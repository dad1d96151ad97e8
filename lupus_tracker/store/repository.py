"""The repository: the one read/write API that the GUI, charts, report and exports use.

Each write is one transaction and tells subscribers which table changed. Reads that feed
analysis return pandas DataFrames (see :mod:`lupus_tracker.store.frames`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.catalog import Marker, get_marker
from lupus_tracker.domain.units import Unit, UnitError
from lupus_tracker.store import frames
from lupus_tracker.store.db import open_database
from lupus_tracker.store.diary_repo import DiaryMixin
from lupus_tracker.store.photos_repo import PhotosMixin
from lupus_tracker.store.report_notes_repo import ReportNotesMixin
from lupus_tracker.store.results_repo import ResultsMixin
from lupus_tracker.store.sledai_repo import SledaiMixin
from lupus_tracker.store.treatments_repo import TreatmentsMixin

if TYPE_CHECKING:
    import os

    import pandas as pd

_COUNTED = ("results", "symptoms", "diary_notes", "medications", "medication_doses", "events",
            "photos", "sledai_assessments")


class Repository(ResultsMixin, DiaryMixin, TreatmentsMixin, SledaiMixin, PhotosMixin,
                 ReportNotesMixin):
    """Everything stored in one Lupus Tracker file."""

    @classmethod
    def open(cls, path: os.PathLike | str, *, create: bool = True, **options: bool) -> Repository:
        """Open a database; ``options`` go to :func:`~lupus_tracker.store.db.open_database`
        (``new_ok``, ``migrate``, ``quick_check``)."""
        return cls(open_database(path, create=create, **options))

    def identity(self) -> str | None:
        """The database's identity: a random UUID stored in the file (schema 3), the same in
        its backups, new in a Save a Copy As. Backups are keyed by it; exports may use it
        as the patient's stable id. ``None`` only for an older file opened unmigrated."""
        return self.db.identity()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- preferred display units ------------------------------------------------------
    def preferred_unit(self, marker: Marker | str) -> Unit:
        """The unit the user wants to see ``marker`` in (default: its canonical unit)."""
        marker = get_marker(marker) if isinstance(marker, str) else marker
        code = self.get_setting(f"unit.{marker.key}")
        if code is not None:
            unit = marker.units.find(code)
            if unit is not None:
                return unit
        return marker.canonical_unit

    def set_preferred_unit(self, marker_key: str, unit_text: str | None) -> None:
        marker = get_marker(marker_key)
        if unit_text is None:
            self.set_setting(f"unit.{marker.key}", None)
            return
        unit = marker.units.lookup(unit_text, marker.name)
        if unit.family != marker.canonical_unit.family:
            raise UnitError(f"{unit.label} cannot be the display unit of {marker.name}.")
        self.set_setting(f"unit.{marker.key}", unit.code)

    # -- overview -------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {
            table: self.db.query(f"SELECT count(*) FROM {table}")[0][0] for table in _COUNTED
        }

    def is_empty(self) -> bool:
        return not any(self.counts().values())

    def date_span(self) -> tuple[date, date] | None:
        row = self.db.query(
            "SELECT min(d), max(d) FROM (SELECT taken_on AS d FROM results "
            "UNION ALL SELECT day FROM symptoms UNION ALL SELECT occurred_on FROM events)"
        )[0]
        if row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    # -- DataFrames for analysis ------------------------------------------------------------
    def results_frame(self, markers: Iterable[str] | None = None, since: date | None = None,
                      until: date | None = None) -> pd.DataFrame:
        return frames.results_frame(self.db, markers, since, until)

    def symptoms_frame(self, since: date | None = None,
                       until: date | None = None) -> pd.DataFrame:
        return frames.symptoms_frame(self.db, since, until)

    def doses_frame(self) -> pd.DataFrame:
        return frames.doses_frame(self.db)

    def events_frame(self, since: date | None = None, until: date | None = None) -> pd.DataFrame:
        return frames.events_frame(self.db, since, until)
