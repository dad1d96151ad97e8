"""The database schema as ordered migrations; ``PRAGMA user_version`` counts them.

Migration N takes a database at version N-1 to version N, inside one transaction. Never
edit a released migration: add a new one. ``tests/store/test_migrations.py`` checks that a
database migrated step by step from version 1 has the same schema as a fresh one.
"""

from __future__ import annotations

APPLICATION_ID = 0x4C555053  # "LUPS"

_TIMESTAMPS = """
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
"""

_V1 = f"""
CREATE TABLE patient (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL DEFAULT '',
    birth_date TEXT CHECK (birth_date IS NULL OR birth_date IS date(birth_date)),
    sex TEXT CHECK (sex IS NULL OR sex IN ('female', 'male')),
    {_TIMESTAMPS}
);
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    taken_on TEXT NOT NULL CHECK (taken_on IS date(taken_on)),
    marker TEXT NOT NULL,
    value_text TEXT NOT NULL CHECK (value_text <> ''),
    comparator TEXT CHECK (comparator IS NULL OR comparator IN ('<', '<=', '>', '>=')),
    number REAL,
    unit TEXT NOT NULL,
    base_value REAL,
    base_unit TEXT NOT NULL,
    ref_range TEXT,
    lab TEXT,
    assay TEXT,
    pattern TEXT,
    note TEXT,
    source TEXT NOT NULL DEFAULT 'entered' CHECK (source IN ('entered', 'imported', 'computed')),
    {_TIMESTAMPS}
);
CREATE INDEX results_by_marker_date ON results (marker, taken_on);
CREATE INDEX results_by_date ON results (taken_on);
CREATE TABLE symptoms (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL CHECK (day IS date(day)),
    symptom TEXT NOT NULL,
    severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 10),
    location TEXT,
    note TEXT,
    {_TIMESTAMPS},
    UNIQUE (day, symptom)
);
CREATE TABLE diary_notes (
    day TEXT PRIMARY KEY CHECK (day IS date(day)),
    note TEXT NOT NULL,
    {_TIMESTAMPS}
);
CREATE TABLE medications (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name <> ''),
    started_on TEXT NOT NULL CHECK (started_on IS date(started_on)),
    stopped_on TEXT CHECK (stopped_on IS NULL OR stopped_on IS date(stopped_on)),
    note TEXT,
    {_TIMESTAMPS},
    CHECK (stopped_on IS NULL OR stopped_on >= started_on)
);
CREATE TABLE medication_doses (
    id INTEGER PRIMARY KEY,
    medication_id INTEGER NOT NULL REFERENCES medications (id) ON DELETE CASCADE,
    from_date TEXT NOT NULL CHECK (from_date IS date(from_date)),
    dose REAL CHECK (dose IS NULL OR dose >= 0),
    unit TEXT,
    frequency TEXT,
    note TEXT,
    {_TIMESTAMPS},
    UNIQUE (medication_id, from_date)
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    occurred_on TEXT NOT NULL CHECK (occurred_on IS date(occurred_on)),
    ended_on TEXT CHECK (ended_on IS NULL OR ended_on IS date(ended_on)),
    kind TEXT NOT NULL
        CHECK (kind IN ('flare', 'infusion', 'hospital_stay', 'visit', 'other')),
    title TEXT NOT NULL DEFAULT '',
    note TEXT,
    {_TIMESTAMPS}
);
CREATE INDEX events_by_date ON events (occurred_on);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

_V2 = f"""
CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL CHECK (day IS date(day)),
    symptom TEXT,
    caption TEXT,
    mime_type TEXT NOT NULL,
    data BLOB NOT NULL,
    thumbnail BLOB,
    {_TIMESTAMPS}
);
CREATE INDEX photos_by_day ON photos (day);
CREATE TABLE report_notes (
    period_start TEXT NOT NULL CHECK (period_start IS date(period_start)),
    period_end TEXT NOT NULL CHECK (period_end IS date(period_end)),
    note TEXT NOT NULL,
    {_TIMESTAMPS},
    PRIMARY KEY (period_start, period_end)
);
CREATE TABLE sledai_assessments (
    id INTEGER PRIMARY KEY,
    visit_on TEXT NOT NULL UNIQUE CHECK (visit_on IS date(visit_on)),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 105),
    items TEXT NOT NULL,
    note TEXT,
    {_TIMESTAMPS}
);
CREATE INDEX symptoms_by_symptom_day ON symptoms (symptom, day);
"""

# Migration 3 (files area): the database identity, a random version-4 UUID made once when
# the file is created or first migrated. Backups are keyed by it (never by the file name)
# and exports use it as the patient's stable id. A copy made by Save a Copy As gets a new
# one. Read it through ``Repository.identity()``.
_RANDOM_UUID4 = """lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) ||
    substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"""

_V3 = f"""
CREATE TABLE database_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uuid TEXT NOT NULL CHECK (length(uuid) = 36)
);
INSERT INTO database_identity (id, uuid) VALUES (1, {_RANDOM_UUID4});
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)
