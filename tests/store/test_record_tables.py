"""One list of the tables that hold the patient's records (``schema.RECORD_TABLES``), used
by ``check``'s counts, "is the file empty", a backup's record count and the backups'
"changed since the last one" (report_notes was counted by the backups but not by the
repository; a custom symptom by neither)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from lupus_tracker.store import backup
from lupus_tracker.store.backup import backup_if_changed, backup_now, describe
from lupus_tracker.store.schema import RECORD_TABLES

NOW = datetime(2026, 11, 1, 9, 0)
# Tables that are not records: the profile, settings and the file's own bookkeeping.
NOT_RECORDS = {"patient", "settings", "database_identity", "derived_stamp", "sqlite_sequence"}


def test_every_table_of_the_schema_is_a_record_table_or_named_as_not_one(repo):
    tables = {row[0] for row in repo.db.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables - NOT_RECORDS == set(RECORD_TABLES)


def test_a_file_with_only_report_notes_and_a_custom_symptom_is_not_empty(repo):
    assert repo.is_empty()
    repo.report_notes.set(date(2026, 9, 1), date(2026, 10, 1), "Ask about the rash")
    assert not repo.is_empty()
    repo.diary.add_custom_symptom("Itching")
    assert repo.counts()["report_notes"] == 1 and repo.counts()["custom_symptoms"] == 1
    assert set(repo.counts()) == set(RECORD_TABLES)


def test_a_backup_counts_the_records_the_repository_counts(repo):
    repo.report_notes.set(date(2026, 9, 1), date(2026, 10, 1), "Ask about the rash")
    repo.diary.add_custom_symptom("Itching")
    path = backup_now(repo.db, NOW)
    assert describe(path).records == sum(repo.counts().values()) == 2


def test_a_new_custom_symptom_alone_is_backed_up(repo):
    assert backup_if_changed(repo.db, NOW) is not None
    assert backup_if_changed(repo.db, NOW + timedelta(hours=1)) is None  # nothing changed
    repo.diary.add_custom_symptom("Itching")
    assert backup_if_changed(repo.db, NOW + timedelta(hours=2)) is not None


def test_a_backup_of_an_older_schema_compares_as_changed_rather_than_failing(repo, tmp_path):
    """A backup taken before migration 8 has no custom_symptoms table."""
    conn = sqlite3.connect(tmp_path / "older.sqlite")
    repo.db.conn.backup(conn)
    conn.execute("DROP TABLE custom_symptoms")
    assert backup._fingerprint(conn) != backup._fingerprint(repo.db.conn)
    conn.close()
