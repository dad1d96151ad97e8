"""Import never stores what the file did not say: variants of a real Synthea bundle with a
status, a missing unit, two patients, another patient, ranges in other units or by sex."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from lupus_tracker.domain.records import Profile, Source
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.options import ImportOptions
from lupus_tracker.exchange.plan import apply_plan
from lupus_tracker.store.repository import Repository
from tests.exchange.synthea_helpers import load, observations, variant, write

CREATININE = "38483-4"
ALBUMIN = "1751-7"
HEMOGLOBIN = "718-7"


def _reasons(plan) -> str:
    return "\n".join(f"{s.where}: {s.reason}" for s in plan.skipped)


def test_status_other_than_final_is_skipped_and_preliminary_only_on_request(repo, tmp_path):
    document = variant("Bambi_Murray")
    creatinine = observations(document, CREATININE)
    for observation, status in zip(
        creatinine, ("entered-in-error", "cancelled", "registered", "preliminary"), strict=False
    ):
        observation["status"] = status
    path = write(tmp_path, document)
    plan = read_plan(path, repo)
    reasons = _reasons(plan)
    for status in ("entered-in-error", "cancelled", "registered", "preliminary"):
        assert f"status '{status}' is not a final result" in reasons
    count = len([r for r in plan.results if r.marker == "creatinine"])
    assert count == len(creatinine) - 4
    with_preliminary = read_plan(path, repo, ImportOptions(include_preliminary=True))
    marked = [r for r in with_preliminary.results if r.note and "Preliminary" in r.note]
    assert len(marked) == 1 and marked[0].marker == "creatinine"


def test_number_without_unit_is_skipped_never_given_the_default(repo, tmp_path):
    document = variant("Bambi_Murray")
    first = observations(document, CREATININE)[0]
    del first["valueQuantity"]["unit"], first["valueQuantity"]["code"]
    albumin = observations(document, ALBUMIN)[0]
    albumin["valueString"] = "3.9"
    del albumin["valueQuantity"]
    plan = read_plan(write(tmp_path, document), repo)
    reasons = _reasons(plan)
    assert reasons.count("a number without a unit cannot be read") == 2
    day = date.fromisoformat(first["effectiveDateTime"][:10])
    value = first["valueQuantity"]["value"]
    assert not [
        r
        for r in plan.results
        if r.marker == "creatinine" and r.taken_on == day and float(r.value) == value
    ]


def _two_patients() -> dict:
    bambi, danae = load("Bambi_Murray"), load("Danae_Kshlerin")
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": bambi["entry"] + danae["entry"],
    }


def test_two_patients_refused_with_a_list_unless_one_is_chosen(repo, tmp_path):
    path = write(tmp_path, _two_patients())
    with pytest.raises(ExchangeError, match="holds 2 patients") as refused:
        read_plan(path, repo)
    assert "Bambi Murray, born 1924-06-16" in str(refused.value)
    assert "Danae Kshlerin, born 1964-05-13" in str(refused.value)
    danae = next(
        e["resource"]["id"]
        for e in load("Danae_Kshlerin")["entry"]
        if e["resource"]["resourceType"] == "Patient"
    )
    plan = read_plan(path, repo, ImportOptions(patient_id=danae))
    alone = read_plan(write(tmp_path, load("Danae_Kshlerin"), "danae.json"), repo)
    assert sorted(map(repr, plan.results)) == sorted(map(repr, alone.results))
    assert plan.profile.name == "Danae Kshlerin"
    assert "belongs to another patient" in _reasons(plan)
    with pytest.raises(ExchangeError, match="no patient 'nobody'"):
        read_plan(path, repo, ImportOptions(patient_id="nobody"))


def test_another_patients_file_is_refused_unless_allowed(repo, tmp_path):
    repo.profile.set(Profile("Maria Example", date(1980, 2, 3), "female"))
    path = write(tmp_path, load("Danae_Kshlerin"))
    with pytest.raises(ExchangeError, match=r"Danae Kshlerin.*Maria Example"):
        read_plan(path, repo)
    plan = read_plan(path, repo, ImportOptions(allow_other_patient=True))
    assert plan.results and plan.profile is None
    apply_plan(repo, plan)
    assert repo.profile.get().name == "Maria Example"


def test_same_patient_with_maiden_name_and_given_as_a_string(repo, tmp_path):
    repo.profile.set(Profile("Danae Graham", date(1964, 5, 13), "female"))
    document = variant("Danae_Kshlerin")
    patient = next(
        e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    patient["name"][0]["given"] = "Danae"  # a string where a list belongs
    plan = read_plan(write(tmp_path, document), repo)
    assert plan.results
    repo2 = Repository.open(tmp_path / "other.sqlite")
    with repo2:
        assert read_plan(write(tmp_path, document), repo2).profile.name == "Danae Kshlerin"


def test_ranges_in_other_units_by_sex_and_as_text(repo, tmp_path):
    repo.profile.set(Profile("", None, "female"))
    document = variant("Bambi_Murray")
    albumin = observations(document, ALBUMIN)
    albumin[0]["referenceRange"] = [
        {"low": {"value": 35, "unit": "g/L"}, "high": {"value": 50, "unit": "g/L"}}
    ]
    albumin[1]["referenceRange"] = [{"low": {"value": 35, "unit": "mmol/L"}}]
    albumin[2]["referenceRange"] = [{"text": "see the printed report"}]
    hemoglobin = observations(document, HEMOGLOBIN)[0]
    hemoglobin["referenceRange"] = [
        {
            "low": {"value": 13.5},
            "high": {"value": 17.5},
            "appliesTo": [{"coding": [{"system": "http://snomed.info/sct", "code": "248153007"}]}],
        },
        {
            "low": {"value": 12},
            "high": {"value": 16},
            "appliesTo": [{"coding": [{"system": "http://snomed.info/sct", "code": "248152002"}]}],
        },
    ]
    creatinine = observations(document, CREATININE)[0]
    creatinine["referenceRange"] = [{"text": "0.57 - 1.00 mg/dL"}]
    plan = read_plan(write(tmp_path, document), repo)

    def result_of(observation):
        day = date.fromisoformat(observation["effectiveDateTime"][:10])
        code = observation["code"]["coding"][0]["code"]
        marker = {ALBUMIN: "albumin", HEMOGLOBIN: "hemoglobin", CREATININE: "creatinine"}[code]
        value = observation["valueQuantity"]["value"]
        return next(
            r
            for r in plan.results
            if r.marker == marker and r.taken_on == day and float(r.value) == value
        )

    assert albumin[0]["valueQuantity"]["unit"] == "g/dL"
    assert result_of(albumin[0]).ref_range == "3.5-5"  # converted, never 35-50 g/dL
    assert result_of(albumin[1]).ref_range is None  # a unit of another kind: dropped
    assert result_of(albumin[2]).ref_range is None  # unreadable: the result stays
    assert result_of(hemoglobin).ref_range == "12-16"  # the woman's range
    assert result_of(creatinine).ref_range == "0.57-1"
    notes = " ".join(n.reason for n in plan.notices)
    assert "imported without a range" in notes and "see the printed report" in notes
    assert len(plan.notices) == 2


def test_ranges_by_sex_without_a_sex_give_no_range(repo, tmp_path):
    document = variant("Bambi_Murray")
    patient = next(
        e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    del patient["gender"]
    hemoglobin = observations(document, HEMOGLOBIN)[0]
    hemoglobin["referenceRange"] = [
        {"low": {"value": 13.5}, "high": {"value": 17.5}, "appliesTo": [{"text": "male"}]},
        {"low": {"value": 12}, "high": {"value": 16}, "appliesTo": [{"text": "female"}]},
    ]
    plan = read_plan(write(tmp_path, document), repo)
    assert all(r.ref_range is None for r in plan.results if r.marker == "hemoglobin")
    assert "sex is not set" in " ".join(n.reason for n in plan.notices)


def test_amended_result_with_the_same_identifier_replaces_the_earlier(repo, tmp_path):
    document = variant("Bambi_Murray")
    first = observations(document, CREATININE)[0]
    first["identifier"] = [{"system": "urn:lab", "value": "A1"}]
    amended = {
        **first,
        "id": "amended",
        "status": "amended",
        "valueQuantity": {**first["valueQuantity"], "value": 1.5},
    }
    document["entry"].append({"fullUrl": "urn:uuid:amended", "resource": amended})
    plan = read_plan(write(tmp_path, document), repo)
    day = date.fromisoformat(first["effectiveDateTime"][:10])
    values = [r.value for r in plan.results if r.marker == "creatinine" and r.taken_on == day]
    assert "1.5" in values and str(first["valueQuantity"]["value"]) not in values


def test_two_imports_at_once_add_each_result_once(tmp_path):
    path = write(tmp_path, load("Danae_Kshlerin"))
    target = tmp_path / "target.sqlite"
    Repository.open(target).close()
    with Repository.open(target) as one:
        plan = read_plan(path, one)  # both imports read their plan before either writes
    errors = []
    start = threading.Barrier(2)

    def run():
        try:
            with Repository.open(target) as repo:
                start.wait()
                apply_plan(repo, plan)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with Repository.open(target) as repo:  # (plus the eGFR the store derives itself)
        imported = [r for r in repo.results.all() if r.source is not Source.COMPUTED]
        assert len(imported) == len(plan.results)


@pytest.mark.parametrize(
    "bundle",
    [
        {
            "resourceType": "Bundle",
            "type": "batch-response",
            "entry": [{"response": {"status": "201 Created"}}],
        },
        {
            "resourceType": "Bundle",
            "type": "history",
            "entry": [{"request": {"method": "DELETE", "url": "Observation/1"}}],
        },
    ],
)
def test_entries_without_a_resource_are_skipped_with_a_reason(repo, tmp_path, bundle):
    plan = read_plan(write(tmp_path, bundle), repo)
    assert plan.total == 0 and "no resource" in plan.skipped[0].reason


def test_partial_date_oid_loinc_and_huge_number(repo, tmp_path):
    obs = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "urn:oid:2.16.840.1.113883.6.1", "code": "1751-7"}]},
        "valueQuantity": {"value": 40, "unit": "g/L"},
    }
    ok = {**obs, "effectiveDateTime": "2024-05-06T09:45:00Z"}
    partial = {**obs, "effectiveDateTime": "1983-08"}
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": ok}, {"resource": partial}],
    }
    plan = read_plan(write(tmp_path, bundle), repo)
    assert [r.value for r in plan.results] == ["40"]
    assert "not precise to the day" in plan.skipped[0].reason
    huge = tmp_path / "huge.json"
    huge.write_text('{"resourceType": "Observation", "valueInteger": ' + "9" * 5000 + "}")
    with pytest.raises(ExchangeError, match="too long"):
        read_plan(huge, repo)
    xml = tmp_path / "bundle.xml"
    xml.write_text('<Bundle xmlns="http://hl7.org/fhir"></Bundle>')
    with pytest.raises(ExchangeError, match="FHIR XML is not supported: export JSON"):
        read_plan(xml, repo)


def test_same_day_repeats_keep_their_time_and_equal_values_are_one(repo, tmp_path):
    document = variant("Bambi_Murray")
    albumin = observations(document, ALBUMIN)[0]
    day = albumin["effectiveDateTime"][:10]
    morning = {
        **albumin,
        "id": "m",
        "effectiveDateTime": f"{day}T09:45:00+01:00",
        "valueQuantity": {**albumin["valueQuantity"], "value": 3.8},
    }
    evening = {**morning, "id": "e", "effectiveDateTime": f"{day}T20:30:00+01:00"}
    again = {**morning, "id": "a", "valueQuantity": {**morning["valueQuantity"], "value": 3.80}}
    document["entry"] += [{"resource": r} for r in (morning, evening, again)]
    plan = read_plan(write(tmp_path, document), repo)
    apply_plan(repo, plan)
    kept = [
        (r.taken_at, r.value_text)
        for r in repo.results.all(["albumin"])
        if r.taken_on == date.fromisoformat(day) and r.value_text in ("3.8", "3.80")
    ]
    assert sorted(kept) == [("09:45", "3.8"), ("20:30", "3.8")]  # 3.8 and 3.80 are one
    assert read_plan(write(tmp_path, document), repo).total == 0


def test_an_amended_result_replaces_the_stored_one_with_its_identifier(repo, tmp_path):
    first = {
        "resourceType": "Observation",
        "status": "final",
        "identifier": [{"system": "urn:lab", "value": "R-17"}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "2160-0"}]},
        "effectiveDateTime": "2025-03-04T08:10:00Z",
        "valueQuantity": {"value": 1.1, "unit": "mg/dL"},
    }
    apply_plan(repo, read_plan(write(tmp_path, first, "first.json"), repo))
    amended = {**first, "status": "amended", "valueQuantity": {"value": 1.4, "unit": "mg/dL"}}
    plan = read_plan(write(tmp_path, amended, "amended.json"), repo)
    assert plan.replacements and "amended" in plan.conflicts[0].text()
    apply_plan(repo, plan)
    (result,) = repo.results.all(["creatinine"])
    assert (result.value_text, result.taken_at, result.source_id) == (
        "1.4",
        "08:10",
        "urn:lab|R-17",
    )
    final_again = {**first, "valueQuantity": {"value": 1.2, "unit": "mg/dL"}}
    plan = read_plan(write(tmp_path, final_again, "again.json"), repo)
    assert plan.total == 0 and plan.conflicts  # not amended: the database's value is kept
