"""HL7's real eGFR example f205 (tests/data/fhir, CC0): race-based MDRD components are not
the app's eGFR, two values of one marker at one time are never stored from one
Observation, and a person who performed a test is not its lab (issue 13)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from lupus_tracker.cli import main
from lupus_tracker.exchange.fhir_export import export_fhir
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.plan import apply_plan

F205 = Path(__file__).resolve().parents[1] / "data" / "fhir" / "hl7_r4_Observation-f205-egfr.json"
RACE_BASED = "race-based eGFR (MDRD) not imported: "


def f205() -> dict:
    return json.loads(F205.read_text())


def write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "variant.json"
    path.write_text(json.dumps(document))
    return path


def one_plain_mdrd(document: dict) -> dict:
    """f205 with only its first component, recoded to the plain MDRD eGFR term 33914-3."""
    variant = copy.deepcopy(document)
    component = variant["component"][0]
    component["code"] = {"coding": [{"system": "http://loinc.org", "code": "33914-3"}]}
    variant["component"] = [component]
    return variant


def test_f205_imports_nothing_and_names_both_race_based_components(repo):
    plan = read_plan(F205, repo)
    assert plan.results == [] and plan.notices == []
    assert [s.where for s in plan.skipped] == [
        "Observation/f205 component 1",
        "Observation/f205 component 2",
    ]
    blacks, non_blacks = (s.reason for s in plan.skipped)
    assert blacks.startswith(RACE_BASED) and "(LOINC 48643-1)" in blacks
    assert non_blacks.startswith(RACE_BASED) and "(LOINC 48642-3)" in non_blacks
    apply_plan(repo, plan)
    assert repo.counts()["results"] == 0


def test_f205_on_the_command_line(tmp_path, capsys):
    db = tmp_path / "lupus.db"
    assert main(["import", str(F205), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.count(RACE_BASED) == 2, out
    assert "48643-1" in out and "48642-3" in out
    if db.exists():  # nothing to add: nothing stored
        from lupus_tracker.store.repository import Repository

        with Repository.open(db) as repository:
            assert repository.counts()["results"] == 0


def test_two_components_of_one_marker_are_both_skipped(repo, tmp_path):
    document = f205()
    for component, code in zip(document["component"], ("33914-3", "62238-1"), strict=True):
        component["code"] = {"coding": [{"system": "http://loinc.org", "code": code}]}
    plan = read_plan(write(tmp_path, document), repo)
    assert plan.results == []
    assert len(plan.skipped) == 2
    assert all("one of 2 eGFR" in s.reason and "none is imported" in s.reason for s in plan.skipped)


def test_a_practitioner_performer_is_not_the_lab(repo, tmp_path):
    plan = read_plan(write(tmp_path, one_plain_mdrd(f205())), repo)
    [result] = plan.results
    assert result.lab is None and result.value == ">60" and result.assay == "MDRD"
    [notice] = plan.notices
    assert "'Luigi Maas' (Practitioner/f202) is not an organization" in notice.reason
    assert "no lab stored" in notice.reason


@pytest.mark.parametrize(
    ("performer", "contained", "lab"),
    [
        ({"reference": "Organization/f203", "display": "AUMC lab"}, None, "AUMC lab"),
        ({"reference": "https://x.org/fhir/Organization/7", "display": "AUMC"}, None, "AUMC"),
        (
            {"reference": "#lab"},
            {"resourceType": "Organization", "id": "lab", "name": "AUMC"},
            "AUMC",
        ),
        ({"type": "Organization", "display": "AUMC lab"}, None, "AUMC lab"),
        ({"reference": "PractitionerRole/1", "display": "Dr. Maas"}, None, None),
        ({"reference": "Patient/f201", "display": "Roel"}, None, None),
        ({"reference": "#p"}, {"resourceType": "Practitioner", "id": "p"}, None),
        ({"display": "Luigi Maas"}, None, None),  # nothing says it is a lab: not guessed
    ],
)
def test_only_an_organization_performer_is_the_lab(repo, tmp_path, performer, contained, lab):
    document = one_plain_mdrd(f205())
    document["performer"] = [performer]
    if contained is not None:
        document["contained"] = [contained]
    plan = read_plan(write(tmp_path, document), repo)
    assert [r.lab for r in plan.results] == [lab]
    assert bool(plan.notices) == (lab is None)


def test_a_bundle_organization_by_full_url_is_the_lab(repo, tmp_path):
    observation = one_plain_mdrd(f205())
    observation["performer"] = [{"reference": "urn:uuid:0b1c"}]
    document = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "fullUrl": "urn:uuid:0b1c",
                "resource": {"resourceType": "Organization", "name": "AUMC"},
            },
            {"fullUrl": "urn:uuid:5e6f", "resource": observation},
        ],
    }
    assert [r.lab for r in read_plan(write(tmp_path, document), repo).results] == ["AUMC"]


def test_own_export_keeps_the_lab_with_and_without_the_type(demo_repo, repo, tmp_path):
    out = tmp_path / "export.json"
    export_fhir(demo_repo, out)
    labs = sorted(r.lab or "" for r in demo_repo.results.all())
    assert any(labs)
    assert sorted(r.lab or "" for r in read_plan(out, repo).results) == labs
    document = json.loads(out.read_text())  # as exported before performer had a type
    for entry in document["entry"]:
        for performer in entry["resource"].get("performer") or []:
            assert performer.pop("type") == "Organization"
    assert sorted(r.lab or "" for r in read_plan(write(tmp_path, document), repo).results) == labs
