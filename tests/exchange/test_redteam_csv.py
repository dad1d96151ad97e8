"""Red-team findings on import/export, round 2: the app's own CSV and FHIR read back into
the same file (record ids, three-decimal numbers) and CSV rows without a unit, on a real
Synthea patient (tests/data/synthea)."""

from __future__ import annotations

import csv
import json
from datetime import date

from lupus_tracker.domain.records import LabEntry, NumberFormat
from lupus_tracker.exchange.formats import export, read_plan
from lupus_tracker.exchange.options import ImportOptions
from lupus_tracker.exchange.plan import apply_plan
from lupus_tracker.store.repository import Repository
from tests.exchange.synthea_helpers import SYNTHEA

REPLACE = ImportOptions(on_conflict="replace")


def _patient(repo: Repository) -> None:
    apply_plan(repo, read_plan(SYNTHEA / "Danae_Kshlerin.json", repo))


def _table(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _write(path, table) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(table)


def _dump(repo: Repository) -> list[tuple]:
    return sorted(
        (r.taken_on, r.marker, r.value_text, r.unit, r.ref_range, r.note, r.lab)
        for r in repo.results.all()
    )


def test_three_decimal_values_come_back_exactly_from_the_apps_own_csv(tmp_path, repo):
    _patient(repo)
    # 1.25 g/L as the lab printed it, three decimals (stored text is canonical: a point)
    repo.results.add(
        LabEntry(
            date(2024, 2, 1), "c3", "1.250", "g/L", "0.900-1.800", number_format=NumberFormat.POINT
        )
    )
    out = tmp_path / "export.csv"
    export(repo, "csv", out)
    before = _dump(repo)
    plan = read_plan(out, repo)  # into the same file: nothing new, nothing refused
    assert plan.results == [] and plan.conflicts == []
    with Repository.open(tmp_path / "fresh.sqlite") as fresh:
        apply_plan(fresh, read_plan(out, fresh))
        assert _dump(fresh) == before
        assert "1.250" in {r.value_text for r in fresh.results.all(["c3"])}


def test_a_changed_note_or_lab_with_the_same_record_id_is_a_conflict(tmp_path, repo):
    _patient(repo)
    out = tmp_path / "export.csv"
    export(repo, "csv", out)
    table = _table(out)
    header = table[0]
    rows = [i for i, row in enumerate(table) if row[1] == "lab"]
    table[rows[0]][header.index("note")] = "retyped from the letter"
    table[rows[1]][header.index("lab")] = "Another lab"
    _write(out, table)
    before = _dump(repo)
    for _ in range(2):  # re-importing never adds a copy
        plan = read_plan(out, repo)
        assert len(plan.conflicts) == 2 and plan.results == [], plan.conflicts
        apply_plan(repo, plan)
        assert _dump(repo) == before
    apply_plan(repo, read_plan(out, repo, REPLACE))
    after = _dump(repo)
    assert len(after) == len(before)
    assert any(row[5] == "retyped from the letter" for row in after)
    assert any(row[6] == "Another lab" for row in after)


def test_an_amended_copy_of_the_apps_own_fhir_export_is_a_conflict(tmp_path, repo):
    _patient(repo)
    out = tmp_path / "export.json"
    export(repo, "fhir", out)
    bundle = json.loads(out.read_text(encoding="utf-8"))
    observation = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and "valueQuantity" in e["resource"]
        and e["resource"]["identifier"][0]["value"].startswith("result/")
    )
    observation["note"] = [{"text": "amended by hand"}]
    out.write_text(json.dumps(bundle), encoding="utf-8")
    before = _dump(repo)
    plan = read_plan(out, repo)
    assert plan.results == [] and len(plan.conflicts) == 1, plan.conflicts
    apply_plan(repo, plan)
    assert _dump(repo) == before
    apply_plan(repo, read_plan(out, repo, REPLACE))
    after = _dump(repo)
    assert len(after) == len(before) and any(r[5] == "amended by hand" for r in after)


def test_a_csv_number_without_unit_is_skipped_with_the_reason(tmp_path, repo):
    out = tmp_path / "typed.csv"
    out.write_text(
        "date,kind,item,value,unit,ref_low,ref_high,lab,note\r\n"
        "2024-03-01,lab,c3,49,,,,,\r\n"
        "2024-03-01,lab,c3,0.9,g/L,,,,\r\n"
        "2024-03-01,lab,ana,1:160,,,,,\r\n"
        "2024-03-01,lab,urine_protein_dipstick,2+,,,,,\r\n",
        encoding="utf-8",
    )
    plan = read_plan(out, repo)
    assert [s.where for s in plan.skipped] == ["row 2"]
    assert plan.skipped[0].reason.endswith(
        " 49: a number without a unit cannot be read (the unit is not guessed)"
    )
    assert sorted(e.marker for e in plan.results) == ["ana", "c3", "urine_protein_dipstick"]


def test_excel_summary_holds_values_and_changes_as_numbers(tmp_path, repo):
    from openpyxl import load_workbook

    _patient(repo)
    repo.results.add(LabEntry(date(2024, 5, 1), "c3", "1.90", "g/L"))
    repo.results.add(LabEntry(date(2024, 6, 1), "c3", "1.20", "g/L"))
    out = tmp_path / "export.xlsx"
    export(repo, "xlsx", out)
    sheet = load_workbook(out)["Summary"]
    rows = {r[0].value: r for r in sheet.iter_rows() if r[0].value}
    c3 = rows["Complement C3"]
    assert (c3[1].value, c3[1].number_format) == (1.2, "0.00")
    assert c3[6].value == 1.9
    assert c3[7].value == -0.7 and c3[7].data_type == "n"
