"""A FHIR export holds the whole record: re-imported into an empty file it restores every
table (settings excepted: they are preferences, carried by the CSV), keeps values, ranges,
flags, sources and patterns, and is valid FHIR R4 as a collection and a transaction."""

from __future__ import annotations

import json
from datetime import date

from fhir.resources.R4B.bundle import Bundle

from lupus_tracker.cli import main
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.records import LabEntry, Source
from lupus_tracker.exchange.fhir_export import bundle, export_fhir
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.plan import apply_plan
from lupus_tracker.store.repository import Repository
from tests.exchange.test_csv_roundtrip import TABLES, add_awkward_records, dump


def _add_exact_cases(repo) -> None:
    repo.results.add_many(
        [
            LabEntry(date(2026, 6, 1), "diastolic_bp", "80", "mm[Hg]", "<80"),
            LabEntry(date(2026, 6, 1), "creatinine", "1.90", "mg/dL", "0.5-1.1"),
            LabEntry(date(2026, 6, 1), "ana", "1:320", None, "<1:80", pattern="speckled"),
            LabEntry(date(2026, 6, 1), "egfr", "55", "mL/min/{1.73_m2}", assay="MDRD"),
        ]
    )


def test_reimport_into_an_empty_file_restores_every_table(demo_repo, tmp_path):
    add_awkward_records(demo_repo)
    _add_exact_cases(demo_repo)
    out = tmp_path / "all.json"
    export_fhir(demo_repo, out)
    Bundle.parse_file(out)  # valid FHIR R4
    with Repository.open(tmp_path / "copy.sqlite") as copy:
        plan = read_plan(out, copy)
        assert not plan.skipped, plan.skipped[:3]
        apply_plan(copy, plan)
        assert read_plan(out, copy).total == 0  # re-import adds nothing
    before, after = dump(demo_repo.db.path), dump(tmp_path / "copy.sqlite")
    for table in TABLES:
        if table != "settings":
            assert after[table] == before[table], table


def test_meaning_survives_the_round_trip(repo, tmp_path):
    _add_exact_cases(repo)
    document = bundle(repo)
    observations = {
        o["code"]["coding"][0]["code"]: o
        for o in (e["resource"] for e in document["entry"])
        if o["resourceType"] == "Observation"
    }
    diastolic = observations["8462-4"]
    assert diastolic["referenceRange"] == [{"text": "<80"}]  # no inclusive high: 80 is HIGH
    assert diastolic["interpretation"][0]["coding"][0]["code"] == "H"
    assert observations["33914-3"]["method"]["text"] == "MDRD"  # not 98979-8
    assert observations["5048-4"]["component"][0]["valueString"] == "speckled"
    computed = [o for o in observations.values() if o["meta"]["tag"][0]["code"] == "computed"]
    for o in computed:
        assert o["derivedFrom"] and o["method"]["text"].endswith("(computed)")
    out = tmp_path / "b.json"
    export_fhir(repo, out)
    assert '"value":1.90' in out.read_text()  # printed precision
    with Repository.open(tmp_path / "copy.sqlite") as copy:
        apply_plan(copy, read_plan(out, copy))
        for old, new in zip(repo.results.all(), copy.results.all(), strict=True):
            assert (new.value_text, new.ref_range, new.source, new.pattern, new.assay) == (
                old.value_text,
                old.ref_range,
                old.source,
                old.pattern,
                old.assay,
            )
            marker = get_marker(old.marker)
            assert (
                interpret(marker, new.value_text, new.unit, new.ref_range).flag
                == interpret(marker, old.value_text, old.unit, old.ref_range).flag
            )


def test_catalog_ranges_are_not_exported_as_lab_ranges(repo):
    repo.results.add_many([LabEntry(date(2026, 6, 1), "c3", "0.5", "g/L")])
    (observation,) = [
        e["resource"]
        for e in bundle(repo)["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    assert "referenceRange" not in observation and "interpretation" not in observation
    assert observation["meta"]["tag"][0]["code"] == Source.ENTERED


def test_patient_ids_do_not_come_from_the_file_name(tmp_path):
    ids = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        with Repository.open(tmp_path / folder / "lupus.db") as repo:
            repo.results.add_many([LabEntry(date(2026, 6, 1), "c3", "0.5", "g/L")])
            ids.append({e["fullUrl"] for e in bundle(repo)["entry"]})
    if not callable(getattr(Repository, "identity", None)):
        import pytest

        pytest.xfail("the database identity (migration 3) has not landed yet")
    assert not ids[0] & ids[1]


def test_transaction_bundle_for_a_fhir_server(demo_file, tmp_path, capsys):
    out = tmp_path / "t.json"
    assert (
        main(
            [
                "export",
                "--db",
                str(demo_file),
                "--format",
                "fhir",
                "--out",
                str(out),
                "--bundle-type",
                "transaction",
            ]
        )
        == 0
    )
    parsed = Bundle.parse_file(out)
    assert parsed.type == "transaction"
    document = json.loads(out.read_text())
    for item in document["entry"]:
        request = item["request"]
        assert request["method"] == "POST"
        assert request["url"] == item["resource"]["resourceType"]
        assert request["ifNoneExist"].startswith("identifier=urn:lupus-tracker:")


def test_an_egfr_is_labelled_with_its_own_equation(repo):
    repo.results.add_many(
        [
            LabEntry(date(2026, 6, 1), "egfr", "55", "mL/min/{1.73_m2}", assay="MDRD"),
            LabEntry(date(2026, 6, 2), "egfr", "57", "mL/min/{1.73_m2}", assay="MDRD (race-based)"),
            LabEntry(date(2026, 6, 3), "egfr", "58", "mL/min/{1.73_m2}", assay="CKD-EPI 2021"),
        ]
    )
    labels = {
        o["code"]["coding"][0]["code"]: (o["code"]["coding"][0]["display"], o["code"]["text"])
        for o in (e["resource"] for e in bundle(repo)["entry"])
        if o["resourceType"] == "Observation"
    }
    assert labels["33914-3"] == ("eGFR (MDRD)", "eGFR (MDRD)")
    assert labels["48643-1"] == ("eGFR (MDRD, race-based)",) * 2
    assert labels["98979-8"] == ("eGFR (CKD-EPI 2021)",) * 2


def test_the_written_text_is_the_bundle(demo_repo, tmp_path):
    """The export writes plain symptom entries from templates (speed): the file must read
    back as exactly the Bundle built resource by resource, as a collection and as a
    transaction, custom symptom names with JSON and format characters included."""
    from lupus_tracker.domain.records import SymptomEntry
    from lupus_tracker.store.diary_changes import AddCustomSymptom

    AddCustomSymptom("Dry eyes (left) & 'worse' é/ä").apply(demo_repo)
    key = next(s.key for s in demo_repo.diary.custom_symptoms() if "Dry eyes" in s.name)
    demo_repo.diary.log_many(
        [
            SymptomEntry(date(2026, 6, 1), key, 7),
            SymptomEntry(date(2026, 6, 2), key, 0, note="better"),
            SymptomEntry(date(2026, 6, 2), "rash", 4, "discoid", None, "both forearms"),
        ]
    )
    for bundle_type in ("collection", "transaction"):
        out = tmp_path / f"{bundle_type}.json"
        export_fhir(demo_repo, out, bundle_type)
        written = json.loads(out.read_text(encoding="utf-8"))
        assert written == json.loads(json.dumps(bundle(demo_repo, bundle_type)))
        severities = [
            e["resource"].get("valueInteger")
            for e in written["entry"]
            if "Dry eyes" in json.dumps(e["resource"].get("code"))
        ]
        assert severities == [7, 0]


def test_a_template_keeps_format_and_json_characters(demo_repo):
    """Text that looks like a placeholder or needs JSON escapes stays text."""
    import uuid

    from lupus_tracker.domain.records import SymptomEntry
    from lupus_tracker.exchange.fhir_export import EntryText, Ids

    finish = EntryText(Ids(uuid.uuid4()), "transaction")
    code = {"text": 'odd 50% "%(sev)d" \\ \u00e9 %(day)s'}
    text = finish.symptom(
        SymptomEntry(date(2026, 6, 1), "fatigue", 3), "urn:uuid:abc", code, {"reference": "p"}
    )
    item = json.loads(text)
    assert item["resource"]["code"] == code and item["resource"]["valueInteger"] == 3
    assert item["fullUrl"] == "urn:uuid:abc" and item["resource"]["id"] == "abc"
    assert item["resource"]["effectiveDateTime"] == "2026-06-01"
    assert item["request"]["ifNoneExist"].endswith("|symptom/2026-06-01/fatigue")
