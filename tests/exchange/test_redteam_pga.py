"""Red-team findings on import/export, round 2: the physician global assessment (PGA) and
the computed eGFR's note survive CSV, FHIR and Excel, on a real Synthea patient."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from lupus_tracker.domain.records import LabEntry, Profile, Sex
from lupus_tracker.exchange.formats import export, read_plan
from lupus_tracker.exchange.options import ImportOptions
from lupus_tracker.exchange.plan import apply_plan
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.sledai_repo import SledaiAssessment
from tests.exchange.synthea_helpers import SYNTHEA

ASSESSMENTS = (
    SledaiAssessment(date(2024, 3, 1), frozenset({"arthritis", "rash"}), None, 1.5),
    SledaiAssessment(date(2024, 6, 1), frozenset(), "quiet visit", 0.5),
    SledaiAssessment(date(2024, 9, 1), frozenset({"alopecia"}), None, None),
)


def _patient(repo: Repository) -> None:
    apply_plan(repo, read_plan(SYNTHEA / "Bambi_Murray.json", repo))
    for assessment in ASSESSMENTS:
        repo.sledai.save(assessment)


@pytest.mark.parametrize("fmt", ["csv", "fhir"])
def test_pga_round_trip_and_reimport_into_same_file(tmp_path, repo, fmt):
    _patient(repo)
    out = tmp_path / f"export.{fmt}"
    export(repo, fmt, out)
    # into the same file: identical assessments are no conflicts, nothing changes
    plan = read_plan(out, repo, ImportOptions(on_conflict="replace"))
    assert not [c for c in plan.conflicts if "SLEDAI" in c.what], plan.conflicts
    assert plan.sledai == []
    apply_plan(repo, read_plan(out, repo, ImportOptions(on_conflict="replace")))
    assert repo.sledai.all() == list(ASSESSMENTS)
    # into an empty file: every PGA comes back
    with Repository.open(tmp_path / "fresh.sqlite") as fresh:
        apply_plan(fresh, read_plan(out, fresh))
        assert fresh.sledai.all() == list(ASSESSMENTS)


def test_a_file_without_pga_never_blanks_the_stored_one(tmp_path, repo):
    _patient(repo)
    out = tmp_path / "export.csv"
    export(repo, "csv", out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][-1] == "pga"
    # an older export, without the pga column, one assessment with a descriptor less
    old = [row[:-1] for row in table if row[1] != "sledai" or row[0] == "2024-03-01"]
    for row in old:
        if row[1] == "sledai":
            row[table[0].index("data")] = '["arthritis"]'
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(old)
    options = ImportOptions(on_conflict="replace")
    plan = read_plan(out, repo, options)
    assert [c.what for c in plan.conflicts if "SLEDAI" in c.what] == ["SLEDAI-2K on 2024-03-01"]
    apply_plan(repo, read_plan(out, repo, options))
    stored = repo.sledai.get(date(2024, 3, 1))
    assert stored.items == frozenset({"arthritis"}) and stored.pga == 1.5


def test_a_different_pga_is_a_conflict_kept_by_default(tmp_path, repo):
    _patient(repo)
    out = tmp_path / "export.fhir.json"
    export(repo, "fhir", out)
    repo.sledai.save(
        SledaiAssessment(date(2024, 3, 1), frozenset({"arthritis", "rash"}), None, 2.0)
    )
    plan = read_plan(out, repo)
    assert [c.text() for c in plan.conflicts if "SLEDAI" in c.what] == [
        "SLEDAI-2K on 2024-03-01: kept score 6 (arthritis, rash), PGA 2, "
        "not imported score 6 (arthritis, rash), PGA 1.5"
    ]
    apply_plan(repo, read_plan(out, repo))
    assert repo.sledai.get(date(2024, 3, 1)).pga == 2.0


def test_excel_has_a_sledai_sheet_with_pga_as_numbers(tmp_path, repo):
    from openpyxl import load_workbook

    _patient(repo)
    out = tmp_path / "export.xlsx"
    export(repo, "xlsx", out)
    sheet = load_workbook(out)["SLEDAI-2K"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Date", "Score", "Descriptors", "PGA (0-3)", "Note")
    assert rows[1][1:4] == (6, "arthritis, rash", 1.5)
    assert rows[2][1:5] == (0, None, 0.5, "quiet visit")
    assert rows[3][3] is None


def test_computed_egfr_note_quotes_creatinine_as_printed(repo):
    repo.profile.set(Profile("A", date(1980, 1, 1), Sex.FEMALE))
    repo.results.add(LabEntry(date(2024, 1, 5), "creatinine", "0.654853372222976", "mg/dL"))
    repo.results.refresh_egfr()
    notes = [r.note for r in repo.results.all(["egfr"])]
    assert notes and all("0.654853372222976" not in n for n in notes), notes
    assert notes[0].startswith("from creatinine 0.65 on 2024-01-05"), notes
