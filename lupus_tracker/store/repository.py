"""The repository: one open Lupus Tracker file and a manager per kind of record.

As Anki's collection has ``col.decks`` and ``col.models``, a :class:`Repository` has
``repo.results``, ``repo.diary`` (symptom days and notes), ``repo.photos``,
``repo.treatments`` (medications and doses), ``repo.events``, ``repo.sledai``,
``repo.report_notes``, ``repo.settings`` (including display units) and ``repo.profile``.
Each write is one transaction and tells subscribers which table changed. Reads that feed
analysis return pandas DataFrames (``repo.results.frame()``, see
:mod:`lupus_tracker.store.frames`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lupus_tracker.store.base import ChangeListener, Notifier
from lupus_tracker.store.db import Database, open_database
from lupus_tracker.store.derived_columns import recompute_if_catalog_changed
from lupus_tracker.store.diary_repo import DiaryManager
from lupus_tracker.store.events_repo import EventsManager
from lupus_tracker.store.photos_repo import PhotosManager
from lupus_tracker.store.profile_repo import ProfileManager
from lupus_tracker.store.report_notes_repo import ReportNotesManager
from lupus_tracker.store.results_repo import ResultsManager
from lupus_tracker.store.schema import RECORD_TABLES
from lupus_tracker.store.settings_repo import SettingsManager
from lupus_tracker.store.sledai_repo import SledaiManager
from lupus_tracker.store.treatments_repo import TreatmentsManager

if TYPE_CHECKING:
    import os


class Repository:
    """Everything stored in one Lupus Tracker file."""

    def __init__(self, db: Database):
        self.db = db
        self._notifier = Notifier()
        self.profile = ProfileManager(db, self._notifier)
        self.settings = SettingsManager(db, self._notifier)
        self.results = ResultsManager(db, self._notifier, self.profile, self.settings)
        self.profile.follow = self.results.refresh_egfr  # eGFR needs birth date and sex
        self.diary = DiaryManager(db, self._notifier)
        self.photos = PhotosManager(db, self._notifier)
        self.treatments = TreatmentsManager(db, self._notifier)
        self.events = EventsManager(db, self._notifier)
        self.sledai = SledaiManager(db, self._notifier)
        self.report_notes = ReportNotesManager(db, self._notifier)

    @classmethod
    def open(
        cls, path: os.PathLike[str] | str, *, create: bool = True, **options: bool
    ) -> Repository:
        """Open (or create) a file; derived columns follow the catalog's conversions.
        ``options`` go to :func:`~lupus_tracker.store.db.open_database` (``new_ok``,
        ``migrate``, ``quick_check``)."""
        repo = cls(open_database(path, create=create, **options))
        if options.get("migrate", True):
            recompute_if_catalog_changed(repo.db)
        return repo

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

    # -- change notification -------------------------------------------------------------
    def subscribe(self, listener: ChangeListener) -> None:
        """Call ``listener(table)`` after each committed change."""
        self._notifier.subscribe(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        self._notifier.unsubscribe(listener)

    # -- overview -------------------------------------------------------------------------
    def _record_tables(self) -> list[str]:
        """The record tables this file has (an older file opened unmigrated lacks some)."""
        present = {row[0] for row in self.db.query("SELECT name FROM sqlite_master")}
        return [table for table in RECORD_TABLES if table in present]

    def counts(self) -> dict[str, int]:
        """Rows per record table (``schema.RECORD_TABLES``, the backups' list too)."""
        return {
            table: self.db.query(f"SELECT count(*) FROM {table}")[0][0]
            for table in self._record_tables()
        }

    def is_empty(self) -> bool:
        """True when no record table holds a row (one look per table, not a count)."""
        return not any(
            self.db.query(f"SELECT EXISTS (SELECT 1 FROM {table})")[0][0]
            for table in self._record_tables()
        )
