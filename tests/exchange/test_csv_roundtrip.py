"""CSV export then import into an empty database loses nothing; formulas are neutralised."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date

import pytest

from lupus_tracker.domain.records import Dose, LabEntry, Medication, SymptomEntry
from lupus_tracker.exchange.csv_export import export_csv
from lupus_tracker.exchange.csv_format import neutralise, restore
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.options import ImportOptions
from lupus_tracker.exchange.plan import apply_plan
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.store.repository import Repository

# Compared column by column; ids and time stamps are the new database's own.
TABLES = {
    "patient": "name, birth_date, sex",
    "results": "taken_on, marker, value_text, comparator, number, unit, base_value, base_unit, "
    "ref_range, lab, assay, pattern, note, source, taken_at, source_id",
    "symptoms": "day, symptom, severity, location, note",
    "diary_notes": "day, note",
    "medications": "name, started_on, stopped_on, note",
    "medication_doses": "(SELECT name FROM medications m WHERE m.id = medication_id), "
    "from_date, dose, unit, frequency, note",
    "events": "occurred_on, ended_on, kind, title, note",
    "photos": "day, symptom, caption, mime_type, data",
    "sledai_assessments": "visit_on, score, items, note",
    "report_notes": "period_start, period_end, note",
    "settings": "key, value",
}


def dump(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: sorted(conn.execute(f"SELECT {c} FROM {t}").fetchall(), key=repr)
            for t, c in TABLES.items()
        }
    finally:
        conn.close()


def add_awkward_records(repo: Repository) -> None:
    """What other trackers lose: no dose, notes, captions, formula-like text."""
    repo.treatments.add(Medication(None, "Sunscreen SPF 50", date(2026, 1, 1)))
    repo.results.add_many(
        [
            LabEntry(date(2026, 1, 2), "albumin", "38", "g/L", taken_at=t, source_id=f"urn:lab|{t}")
            for t in ("09:45", "20:30")
        ]
    )
    repo.treatments.add(
        Medication(
            None,
            '=HYPERLINK("x")',
            date(2026, 2, 1),
            None,
            "+start slowly",
            (Dose(date(2026, 2, 1), None, "tablet", "as needed", "-only if pain"),),
        )
    )
    repo.results.add(
        LabEntry(
            date(2026, 3, 1),
            "c3",
            "0,60",
            "mg/dL",
            "90-180",
            "@Home lab",
            note='\'=quoted, "double", comma',
            assay="\ttab",
        )
    )
    repo.results.add(LabEntry(date(2026, 3, 1), "ana", "<1:40", pattern="speckled"))
    repo.results.add(LabEntry(date(2026, 3, 1), "anti_dsdna", "positive", "U/mL"))
    repo.photos.add(
        Photo(
            None,
            date(2026, 3, 2),
            b"\x89PNG\r\n\x1a\nfake",
            "image/png",
            "=cmd|'/C calc'!A0",
            "rash",
        )
    )
    repo.diary.save_day(
        date(2026, 3, 2),
        [SymptomEntry(date(2026, 3, 2), "rash", 5, "discoid", "multi\nline note")],
        "Ünïcödé diary — 😀",
    )
    repo.report_notes.set(date(2026, 1, 1), date(2026, 3, 31), "Ask about - tapering?")


def test_export_then_import_loses_nothing(demo_repo, tmp_path):
    add_awkward_records(demo_repo)
    demo_repo.settings.set_preferred_unit("albumin", "g/dL")
    out = tmp_path / "all.csv"
    export_csv(demo_repo, out)
    with Repository.open(tmp_path / "copy.sqlite") as copy:
        plan = read_plan(out, copy, ImportOptions(include_settings=True))
        assert not plan.skipped
        apply_plan(copy, plan)
    before, after = dump(demo_repo.db.path), dump(tmp_path / "copy.sqlite")
    for table in TABLES:
        assert after[table] == before[table], table
    assert before["photos"] and before["report_notes"] and before["sledai_assessments"]


def test_reimport_adds_nothing(repo, tmp_path):
    add_awkward_records(repo)
    out = tmp_path / "all.csv"
    export_csv(repo, out)
    plan = read_plan(out, repo)
    assert plan.total == 0 and plan.duplicates > 0
    assert apply_plan(repo, plan) == 0


def test_header_and_formula_cells(repo, tmp_path):
    add_awkward_records(repo)
    out = tmp_path / "x.csv"
    export_csv(repo, out)
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    with out.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        cells = [c for row in reader for c in row]
    assert header[:9] == [
        "date",
        "kind",
        "item",
        "value",
        "unit",
        "ref_low",
        "ref_high",
        "lab",
        "note",
    ]
    dangerous = [c for c in cells if c and c[0] in "=+-@\t\r"]
    assert dangerous == [], dangerous
    assert '\'=HYPERLINK("x")' in cells and "<1:40" in cells and "0.60" in cells


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+x", "-x", "@x", "\tx", "'=x", "''", "'", "x", "-12.5", "-3", "normal 'quote'"],
)
def test_neutralise_is_reversible_and_keeps_negative_numbers(text):
    assert restore(neutralise(text)) == text
    if text in ("-12.5", "-3"):
        assert neutralise(text) == text
