"""A version-1 database opens with the current code: rows kept, schema as a fresh one."""

from __future__ import annotations

import sqlite3

from lupus_tracker.store.db import open_database
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def schema_of(conn) -> set[tuple[str, str]]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    return {(kind, " ".join((sql or "").split())) for kind, name, sql in rows}


def make_version_1(path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(
        f"PRAGMA application_id = {APPLICATION_ID};" + MIGRATIONS[1] + "PRAGMA user_version = 1;"
    )
    conn.executescript("""
        INSERT INTO patient (id, name, birth_date, sex) VALUES (1, 'Ana', '1990-05-01', 'female');
        INSERT INTO results (taken_on, marker, value_text, comparator, number, unit, base_value,
                             base_unit, ref_range, lab, assay)
            VALUES ('2024-01-05', 'c3', '62', NULL, 62, 'mg/dL', 0.62, 'g/L', '90-180', 'Lab',
                    NULL),
                   ('2024-01-05', 'anti_dsdna', '>300', '>', 300, '[IU]/mL', 300, '[IU]/mL',
                    '<30', 'Lab', 'ELISA');
        INSERT INTO symptoms (day, symptom, severity, location) VALUES
            ('2024-01-05', 'rash', 6, 'malar/butterfly');
        INSERT INTO medications (name, started_on) VALUES ('Prednisone', '2024-01-01');
        INSERT INTO medication_doses (medication_id, from_date, dose, unit, frequency)
            VALUES (1, '2024-01-01', 40, 'mg', 'daily');
        INSERT INTO events (occurred_on, kind, title) VALUES ('2024-02-01', 'infusion', 'MSC');
    """)
    conn.commit()
    conn.close()


def test_version_1_database_is_migrated_and_keeps_every_row(tmp_path):
    old = tmp_path / "v1.sqlite"
    make_version_1(old)
    before = sqlite3.connect(old)
    tables = [r[0] for r in before.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    rows_before = {t: before.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    before.close()

    with Repository.open(old) as repo:
        assert repo.db.schema_version() == SCHEMA_VERSION
        for table, rows in rows_before.items():
            after = [tuple(r) for r in repo.db.query(f"SELECT * FROM {table} ORDER BY 1")]
            # Every old column keeps its value; later migrations only add columns at the end.
            assert [row[: len(old)] for row, old in zip(after, rows, strict=True)] == rows, table
        assert repo.results.all()[1].value_text == ">300"
        assert repo.treatments.all()[0].doses[0].dose == 40
        migrated_schema = schema_of(repo.db.conn)
    # A copy of the old file was kept before migrating.
    assert (tmp_path / f"v1.sqlite.before-schema-{SCHEMA_VERSION}").exists()

    with open_database(tmp_path / "fresh.sqlite") as fresh:
        assert migrated_schema == schema_of(fresh.conn)
