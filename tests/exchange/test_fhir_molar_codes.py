"""FHIR codes by unit (issue 13/15, rheumatologist's round-4 review): a molar result goes
out under its molar LOINC term and is imported back from it; a computed eGFR names no
performing lab; f205's race-stratified pair and an eGFR not per 1.73 m² are explained."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.domain.records import LabEntry, Source
from lupus_tracker.exchange.fhir_export import export_fhir
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.plan import apply_plan
from lupus_tracker.store.repository import Repository

DATA = Path(__file__).resolve().parents[1] / "data" / "fhir"
DAY = date(2026, 3, 1)

# (marker, value, unit, the LOINC code it must go out under)
MOLAR = [
    ("hemoglobin", "7.5", "mmol/L", "59260-0"),
    ("glucose", "5.5", "mmol/L", "14749-6"),
    ("hba1c", "48", "mmol/mol", "59261-8"),
    ("cholesterol", "5.2", "mmol/L", "14647-2"),
]
MASS_CODES = {"718-7", "2345-7", "4548-4", "2093-3", "13457-7", "62292-8"}


def _export(repo, tmp_path: Path, entries: list[LabEntry]) -> dict:
    repo.results.add_many(entries)
    out = tmp_path / "out.json"
    export_fhir(repo, out)
    return json.loads(out.read_text())


def _by_marker_value(document: dict) -> dict[tuple[str, object], dict]:
    found = {}
    for entry in document["entry"]:
        resource = entry["resource"]
        quantity = resource.get("valueQuantity")
        if resource["resourceType"] == "Observation" and quantity:
            found[(quantity.get("code"), quantity.get("value"))] = resource
    return found


def _observation(marker: str, code: str | None, value: float, unit: str) -> dict:
    concept: dict = {"text": marker}
    if code:
        concept["coding"] = [{"system": "http://loinc.org", "code": code}]
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": concept,
        "effectiveDateTime": DAY.isoformat(),
        "valueQuantity": {
            "value": value,
            "unit": unit,
            "system": "http://unitsofmeasure.org",
            "code": unit,
        },
    }


def _bundle(tmp_path: Path, *resources: dict) -> Path:
    path = tmp_path / "in.json"
    document = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in resources],
    }
    path.write_text(json.dumps(document))
    return path


def test_molar_results_go_out_under_their_molar_code(repo, tmp_path):
    entries = [LabEntry(DAY, key, value, unit) for key, value, unit, _ in MOLAR]
    entries += [
        LabEntry(DAY, "ldl", "3.1", "mmol/L"),
        LabEntry(DAY, "vitamin_d", "75", "nmol/L"),
    ]
    found = _by_marker_value(_export(repo, tmp_path, entries))
    for key, value, unit, code in MOLAR:
        resource = found[(unit, float(value) if "." in value else int(value))]
        [coding] = resource["code"]["coding"]
        assert coding["code"] == code, key
    # No verified molar term: the name alone, never the mass code.
    for unit, value in (("mmol/L", 3.1), ("nmol/L", 75)):
        resource = found[(unit, value)]
        assert "coding" not in resource["code"] and resource["code"]["text"]
    codes = {
        c["code"]
        for r in found.values()
        for c in r["code"].get("coding", [])
        if r["valueQuantity"]["code"] in ("mmol/L", "mmol/mol", "nmol/L")
    }
    assert not codes & MASS_CODES


def test_molar_codes_are_imported_as_their_marker(repo, tmp_path):
    path = _bundle(
        tmp_path,
        *(_observation(key, code, float(value), unit) for key, value, unit, code in MOLAR),
    )
    plan = read_plan(path, repo)
    assert plan.skipped == []
    got = {(r.marker, r.value, r.unit) for r in plan.results}
    assert got == {
        ("hemoglobin", "7.5", "mmol/L"),
        ("glucose", "5.5", "mmol/L"),
        ("hba1c", "48.0", "mmol/mol"),
        ("cholesterol", "5.2", "mmol/L"),
    }


def test_hl7_general_health_panel_glucose_o6_is_imported(repo):
    plan = read_plan(DATA / "hl7_r4_Bundle-ghp.json", repo)
    [glucose] = [r for r in plan.results if r.marker == "glucose"]
    assert (glucose.value, glucose.unit) == ("7.4", "mmol/L")
    assert not any("14749-6" in s.reason for s in plan.skipped)


def test_a_molar_round_trip_keeps_marker_value_and_unit(repo, tmp_path):
    entries = [LabEntry(DAY, key, value, unit) for key, value, unit, _ in MOLAR]
    _export(repo, tmp_path, entries)
    with Repository.open(tmp_path / "other.sqlite") as other:
        plan = read_plan(tmp_path / "out.json", other)
    assert plan.skipped == []
    assert {(r.marker, r.unit) for r in plan.results} == {(k, u) for k, _, u, _ in MOLAR}
    # Into the database it came from: every one is already there.
    assert read_plan(tmp_path / "out.json", repo).duplicates == len(MOLAR)


def _computed(document: dict) -> list[dict]:
    return [
        e["resource"]
        for e in document["entry"]
        if {"system": "urn:lupus-tracker:source", "code": "computed"}
        in e["resource"].get("meta", {}).get("tag", [])
    ]


def test_a_computed_egfr_names_no_performer_and_keeps_its_lab_on_import(demo_repo, tmp_path, repo):
    out = tmp_path / "demo.json"
    export_fhir(demo_repo, out)
    document = json.loads(out.read_text())
    computed = _computed(document)
    assert computed, "the demo has computed eGFR values"
    for resource in computed:
        assert "performer" not in resource
        assert resource["derivedFrom"] and "(computed)" in resource["method"]["text"]
    stored = {
        (r.taken_on, r.value_text): r.lab
        for r in demo_repo.results.all(["egfr"])
        if r.source is Source.COMPUTED
    }
    assert any(stored.values()), "the demo's computed eGFR carry their creatinine's lab"
    plan = read_plan(out, repo)
    back = {
        (r.taken_on, r.value): r.lab
        for r in plan.results
        if r.marker == "egfr" and r.source is Source.COMPUTED
    }
    assert back and all(back.get(k) == lab for k, lab in stored.items()), (back, stored)
    # The same file into the database it came from: nothing new.
    assert read_plan(out, demo_repo).total == 0


def test_egfr_not_per_body_surface_is_refused_with_the_reason(repo, tmp_path):
    path = _bundle(
        tmp_path,
        _observation("eGFR MDRD", "33914-3", 55, "mL/min"),
        _observation("eGFR", "62238-1", 58, "mL/min/1.73m2"),
        _observation("eGFR", "62238-1", 59, "mL/min/1.73 m2"),
    )
    plan = read_plan(path, repo)
    assert sorted(r.value for r in plan.results) == ["58", "59"]
    [skipped] = plan.skipped
    assert "mL/min" in skipped.reason


@pytest.mark.parametrize("unit", ["mL/min/{1.73_m2}", "mL/min/1.73m2", "ml/min/1,73m2"])
def test_per_body_surface_spellings_still_read(repo, tmp_path, unit):
    plan = read_plan(_bundle(tmp_path, _observation("eGFR", "62238-1", 58, unit)), repo)
    assert [r.value for r in plan.results] == ["58"]


def test_f205_reason_says_stratified_and_summary_says_nothing_to_import(repo):
    plan = read_plan(DATA / "hl7_r4_Observation-f205-egfr.json", repo)
    reasons = [s.reason for s in plan.skipped]
    assert len(reasons) == 2
    for reason in reasons:
        assert "race coefficient" not in reason
        assert "stratified by race" in reason and "assume the patient's race" in reason
    summary = plan.summary()
    assert summary.startswith("Nothing to import") and "nothing new" not in summary
    assert "2 skipped" in summary


def test_summary_still_says_nothing_new_for_duplicates(repo, tmp_path):
    path = _bundle(tmp_path, _observation("Glucose", "14749-6", 5.5, "mmol/L"))
    apply_plan(repo, read_plan(path, repo))
    summary = read_plan(path, repo).summary()
    assert summary.startswith("Would add nothing new") and "already in the database" in summary
