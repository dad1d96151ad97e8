"""The database schema as numbered migrations; ``PRAGMA user_version`` is the last applied.

A fresh file runs every migration in ascending order; an older file runs those numbered
above its version (numbers may have gaps: each area of the app reserves its own), each
inside one transaction. Never edit a released migration: add a new one.
``tests/store/test_migrations.py`` checks that a database migrated step by step from
version 1 has the same schema as a fresh one.
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
# one. Read it through ``Repository.identity()``. Idempotent: a file that reached a later
# version without it (made while the numbers had a gap) gets it when opened.
_RANDOM_UUID4 = """lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) ||
    substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"""

_V3 = f"""
CREATE TABLE IF NOT EXISTS database_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uuid TEXT NOT NULL CHECK (length(uuid) = 36)
);
INSERT OR IGNORE INTO database_identity (id, uuid) VALUES (1, {_RANDOM_UUID4});
"""


def _with_autoincrement(script: str, table: str, new_name: str) -> str:
    """The CREATE TABLE statement of ``table`` in ``script``, with an AUTOINCREMENT key and
    named ``new_name`` (the released text stays the single source of the columns)."""
    start = script.index(f"CREATE TABLE {table} (")
    end = script.index("\n);", start) + 3
    statement = script[start:end].replace(f"CREATE TABLE {table} (", f"CREATE TABLE {new_name} (")
    return statement.replace("id INTEGER PRIMARY KEY,", "id INTEGER PRIMARY KEY AUTOINCREMENT,")


def _rebuilt(script: str, table: str, indexes: str = "") -> str:
    """Rebuild ``table`` with an AUTOINCREMENT key, keeping every row and its id."""
    return (
        f"{_with_autoincrement(script, table, f'{table}_new')}\n"
        f"INSERT INTO {table}_new SELECT * FROM {table};\n"
        f"DROP TABLE {table};\n"
        f"ALTER TABLE {table}_new RENAME TO {table};\n{indexes}"
    )


# Version 4: ids are never reused (AUTOINCREMENT), so that undoing a delete can put a row
# back under its own id without ever taking the id of a row added since (by this or another
# process). SQLite cannot add AUTOINCREMENT to a table: each table is rebuilt. The doses
# wait in a plain copy while medications are rebuilt, since dropping ``medications`` would
# otherwise cascade to them.
_V4 = "\n".join(
    (
        _rebuilt(
            _V1,
            "results",
            "CREATE INDEX results_by_marker_date ON results (marker, taken_on);\n"
            "CREATE INDEX results_by_date ON results (taken_on);\n",
        ),
        _rebuilt(
            _V1, "symptoms", "CREATE INDEX symptoms_by_symptom_day ON symptoms (symptom, day);\n"
        ),
        "CREATE TABLE doses_during_migration AS SELECT * FROM medication_doses;\n"
        "DROP TABLE medication_doses;",
        _rebuilt(_V1, "medications"),
        _with_autoincrement(_V1, "medication_doses", "medication_doses"),
        "INSERT INTO medication_doses SELECT * FROM doses_during_migration;\n"
        "DROP TABLE doses_during_migration;",
        _rebuilt(_V1, "events", "CREATE INDEX events_by_date ON events (occurred_on);\n"),
        _rebuilt(_V2, "photos", "CREATE INDEX photos_by_day ON photos (day);\n"),
        _rebuilt(_V2, "sledai_assessments"),
    )
)

# Version 5: which version of the catalog's conversions computed the derived columns of
# ``results`` (see store/derived_columns.py: they are recomputed whenever it changes).
_V5 = """
CREATE TABLE derived_stamp (
    name TEXT PRIMARY KEY,
    version TEXT NOT NULL
);
"""

# Numbers reserved per area (gaps are allowed): 3 files, 4-5 store, 6 t2t, 7 exchange, 8 core.
# Version 6 (treat-to-target, issue 15): the physician global assessment (PGA, 0-3, typed
# from the visit letter) is stored with each visit's SLEDAI-2K assessment; eye exams become
# an event kind (retinal screening on hydroxychloroquine). SQLite cannot change a CHECK, so
# events is rebuilt, keeping its AUTOINCREMENT key, every row and its id.
_EVENT_KINDS_V6 = _V1.replace(
    "'hospital_stay', 'visit', 'other')", "'hospital_stay', 'visit', 'eye_exam', 'other')"
)
_V6 = "\n".join(
    (
        "ALTER TABLE sledai_assessments ADD COLUMN pga REAL "
        "CHECK (pga IS NULL OR pga BETWEEN 0 AND 3);",
        _rebuilt(
            _EVENT_KINDS_V6, "events", "CREATE INDEX events_by_date ON events (occurred_on);\n"
        ),
    )
)

# 7 (exchange): the time of day a result was taken when its source gives one, and the
# source's identifier of the result (an amended result replaces the one it corrects).
_V7 = """
ALTER TABLE results ADD COLUMN taken_at TEXT
    CHECK (taken_at IS NULL OR (length(taken_at) = 5
                                AND taken_at GLOB '[0-2][0-9]:[0-5][0-9]'));
ALTER TABLE results ADD COLUMN source_id TEXT;
CREATE INDEX results_by_source_id ON results (source_id) WHERE source_id IS NOT NULL;
"""

# 8 (symptoms, issue 11 item 13): a patient's own symptoms ("itching"), each a name unique
# regardless of case (``folded`` is the name's casefold()); their entries live in
# ``symptoms`` under the key ``custom:NAME``. A rash entry keeps its kind in ``location``
# and says where on the body in ``body_site``.
_V8 = f"""
CREATE TABLE custom_symptoms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 40),
    folded TEXT NOT NULL UNIQUE,
    {_TIMESTAMPS}
);
ALTER TABLE symptoms ADD COLUMN body_site TEXT;
"""

# The tables that hold the patient's records (not the profile, settings or bookkeeping):
# what `check` counts, what makes a file "empty", what a backup's size is said in, and,
# with the patient row, what tells whether anything changed since the last backup.
RECORD_TABLES = (
    "results",
    "symptoms",
    "diary_notes",
    "medications",
    "medication_doses",
    "events",
    "photos",
    "sledai_assessments",
    "report_notes",
    "custom_symptoms",
)

MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2, 3: _V3, 4: _V4, 5: _V5, 6: _V6, 7: _V7, 8: _V8}
SCHEMA_VERSION = max(MIGRATIONS)
