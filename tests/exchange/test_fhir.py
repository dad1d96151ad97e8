"""FHIR R4: our export validates against the FHIR structure; real-world files import."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from lupus_tracker.domain.records import InvalidEntryError, LabEntry, Medication
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.fhir_export import bundle, export_fhir
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.plan import ImportPlan, apply_plan

FHIR = Path(__file__).resolve().parents[1] / "data" / "fhir"


def observations(document: dict, loinc: str) -> list[dict]:
    return [
        e["resource"]
        for e in document["entry"]
        if e["resource"].get("code", {}).get("coding", [{}])[0].get("code") == loinc
    ]


def test_export_validates_and_carries_codes_units_ranges_flags(demo_repo, tmp_path):
    demo_repo.results.add_many(
        [
            LabEntry(date(2026, 6, 29), "c3", "<0.5", "g/L", "0.9-1.8"),
            LabEntry(date(2026, 6, 29), "ana", "<1:40"),
            LabEntry(date(2026, 6, 29), "anti_dsdna", "negative", "U/mL"),
        ]
    )
    out = tmp_path / "bundle.json"
    count = export_fhir(demo_repo, out)
    parsed = Bundle.parse_file(out)  # raises if the structure is not valid FHIR
    assert parsed.type == "collection" and len(parsed.entry) == count
    document = json.loads(out.read_text())
    patient = document["entry"][0]["resource"]
    assert patient["resourceType"] == "Patient" and patient["gender"] == "female"
    c3 = observations(document, "4485-9")
    first = c3[0]
    assert first["valueQuantity"]["code"] == "mg/dL"
    assert first["valueQuantity"]["system"] == "http://unitsofmeasure.org"
    assert first["referenceRange"][0]["low"]["value"] == 90
    assert first["interpretation"][0]["coding"][0]["code"] == "L"
    assert first["category"][0]["coding"][0]["code"] == "laboratory"
    bounded = c3[-1]
    assert bounded["valueQuantity"]["comparator"] == "<"
    ana = observations(document, "5048-4")
    assert ana[0]["valueRatio"]["denominator"]["value"] == 640
    assert ana[-1]["valueString"] == "<1:40"
    assert observations(document, "5130-0")[-1]["valueCodeableConcept"]["text"] == "negative"
    bp = observations(document, "8480-6")[0]
    assert bp["category"][0]["coding"][0]["code"] == "vital-signs"
    assert bp["valueQuantity"]["code"] == "mm[Hg]"
    symptoms = [e["resource"] for e in document["entry"] if "valueInteger" in e["resource"]]
    assert symptoms and symptoms[0]["code"]["text"].endswith("(0-10, patient-reported)")


def test_hl7_general_health_panel(repo):
    plan = read_plan(FHIR / "hl7_r4_Bundle-ghp.json", repo)
    got = {r.marker: r for r in plan.results}
    assert set(got) == {
        "potassium",  # in the catalog since fixt2t item 2 (LOINC 2823-3)
        "hemoglobin",
        "platelets",
        "wbc",
        "lymphocytes",
        "creatinine",
        "albumin",
        "urine_protein_dipstick",
        "alt",
        "ast",
        "neutrophils",
        "glucose",  # o6, LOINC 14749-6 [Moles/volume]: imported since issue 13 round 4
    }
    assert got["hemoglobin"].value == "176" and got["hemoglobin"].unit == "g/L"
    assert got["hemoglobin"].ref_range == "135-180"
    assert got["creatinine"].unit == "mmol/L"  # SI lab, alternative code 14682-9
    assert all(r.taken_on == date(2015, 8, 16) for r in plan.results)  # from the panel
    reasons = " ".join(s.reason for s in plan.skipped)
    assert "Haematocrit (LOINC 4544-3): not a marker this app tracks" in reasons
    apply_plan(repo, plan)
    creatinine = repo.results.all(["creatinine"])[0]
    assert creatinine.base_value == pytest.approx(0.09 * 1000 / 88.42)
    assert read_plan(FHIR / "hl7_r4_Bundle-ghp.json", repo).total == 0  # no duplicates


def test_egfr_component_keeps_comparator_and_method(repo, tmp_path):
    """HL7's f205 with its one component recoded to the plain MDRD term 33914-3 (the
    race-based ones are not imported: tests/exchange/test_fhir_f205.py)."""
    document = json.loads((FHIR / "hl7_r4_Observation-f205-egfr.json").read_text())
    component = document["component"][0]
    component["code"]["coding"][0]["code"] = "33914-3"
    document["component"] = [component]
    plan = read_plan(_write(tmp_path, document), repo)
    assert [(r.value, r.assay, r.ref_range) for r in plan.results] == [(">60", "MDRD", ">=60")]


def _write(tmp_path, document) -> Path:
    path = tmp_path / "in.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def _obs(code: str, **extra) -> dict:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        **extra,
    }


def test_messy_real_world_observations(repo, tmp_path):
    entries = [
        _obs(
            "38483-4",
            effectiveDateTime="2024-01-02T08:00:00Z",
            valueQuantity={"value": 1.1, "unit": "mg/dL"},
        ),  # no system/code
        _obs(
            "26515-7",
            effectiveDateTime="2024-01-02",
            valueQuantity={
                "value": 95,
                "unit": "K/uL",
                "system": "http://unitsofmeasure.org",
                "code": "K/uL",
            },
        ),
        _obs(
            "26464-8",
            effectiveDateTime="2024-01-02",
            valueQuantity={"value": 3.9, "unit": "THOUS/MCL"},
        ),
        _obs(
            "5804-0", effectiveDateTime="2024-01-02", valueQuantity={"value": 30, "unit": "mg/dL"}
        ),
        _obs("4485-9", valueQuantity={"value": 0.5, "unit": "g/L"}),  # no date
        _obs(
            "4485-9", effectiveDateTime="2024-01-02", valueQuantity={"value": 5, "unit": "mmol/L"}
        ),
        _obs("9999-9", effectiveDateTime="2024-01-02", valueQuantity={"value": 5}),
    ]
    document = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": e} for e in entries],
    }
    plan = read_plan(_write(tmp_path, document), repo)
    assert sorted(r.marker for r in plan.results) == ["creatinine", "platelets", "wbc"]
    reasons = [s.reason for s in plan.skipped]
    assert any("spot urine protein" in r for r in reasons)
    assert any("no date" in r for r in reasons)
    assert any("not known for" in r for r in reasons)
    assert any("9999-9" in r for r in reasons)


def test_single_observation_and_diagnostic_report_dates(repo, tmp_path):
    report = {
        "resourceType": "DiagnosticReport",
        "status": "final",
        "code": {"text": "Lupus panel"},
        "effectiveDateTime": "2024-02-03",
        "result": [{"reference": "#c4"}],
        "contained": [_obs("4498-2", id="c4", valueQuantity={"value": 8, "unit": "mg/dL"})],
    }
    plan = read_plan(_write(tmp_path, report), repo)
    (c4,) = plan.results
    assert (c4.taken_on, c4.marker, c4.value, c4.unit) == (date(2024, 2, 3), "c4", "8", "mg/dL")
    single = _obs(
        "1751-7", effectiveDateTime="2024-02-03", valueQuantity={"value": 3.1, "unit": "g/dL"}
    )
    assert read_plan(_write(tmp_path, single), repo).results[0].unit == "g/dL"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"resourceType": "Bundle", "entry": [', "not valid JSON"),
        ('{"resourceType": "Observation", "valueQuantity": {"value": NaN}}', "NaN"),
        ('{"resourceType": "Bundle", "resourceType": "Patient"}', "twice"),
        ("[1, 2]", "not a FHIR resource"),
        ('{"resourceType": "Bundle", "entry": 5}', "not a list"),
    ],
)
def test_malformed_json_is_refused(repo, tmp_path, text, message):
    with pytest.raises(ExchangeError, match=message):
        read_plan(_write(tmp_path, text), repo)


def test_own_export_reimports_labs_and_symptoms(demo_repo, tmp_path, repo):
    out = tmp_path / "b.json"
    export_fhir(demo_repo, out)
    plan = read_plan(out, repo)
    assert len(plan.results) == demo_repo.counts()["results"]
    assert len(plan.symptoms) == demo_repo.counts()["symptoms"]
    assert not plan.skipped


def test_failed_apply_writes_nothing(repo):
    plan = ImportPlan(
        "test",
        results=[LabEntry(date(2024, 1, 1), "c3", "0.8")],
        medications=[Medication(None, "  ", date(2024, 1, 1))],
    )
    with pytest.raises(InvalidEntryError, match="Nothing was imported"):
        apply_plan(repo, plan)
    assert repo.counts()["results"] == 0


def test_bundle_is_deterministic(demo_repo):
    assert bundle(demo_repo) == bundle(demo_repo)
