"""A patient's own symptoms (issue 11 item 13): stored, unique regardless of case, never a
built-in, undoable, exported and imported again; the rash keeps its kind and says where on
the body it is."""

from __future__ import annotations

import json
from datetime import date

import pytest

from lupus_tracker.analysis.symptom_summary import summarize_symptoms
from lupus_tracker.domain.records import InvalidEntryError, SymptomEntry
from lupus_tracker.domain.symptoms import SymptomError, check_custom_name, get_symptom
from lupus_tracker.exchange.csv_export import export_csv
from lupus_tracker.exchange.csv_import import read_csv
from lupus_tracker.exchange.fhir_export import export_fhir
from lupus_tracker.exchange.fhir_import import read_fhir
from lupus_tracker.exchange.plan import apply_plan
from lupus_tracker.exchange.xlsx_export import export_xlsx
from lupus_tracker.store.diary_changes import AddCustomSymptom, SaveDay
from lupus_tracker.store.inputs import diary_records
from lupus_tracker.store.repository import Repository

DAY = date(2026, 11, 2)


def _itching_day(repo: Repository) -> None:
    AddCustomSymptom("Itching").apply(repo)
    repo.diary.save_day(
        DAY,
        [
            SymptomEntry(DAY, "custom:Itching", 6),
            SymptomEntry(DAY, "rash", 4, "discoid", None, "both forearms"),
        ],
    )


def test_a_custom_symptom_is_stored_and_listed_after_the_built_in_ones(repo):
    AddCustomSymptom("Itching").apply(repo)
    assert [s.name for s in repo.diary.custom_symptoms()] == ["Itching"]
    assert repo.diary.all_symptoms()[-1].key == "custom:Itching"
    assert repo.diary.all_symptoms()[0].key == "fatigue"


@pytest.mark.parametrize("name", ["itching", "ITCHING", "  Itching "])
def test_names_are_unique_regardless_of_case(repo, name):
    AddCustomSymptom("Itching").apply(repo)
    with pytest.raises(InvalidEntryError, match="already one of your symptoms"):
        AddCustomSymptom(name).apply(repo)
    assert len(repo.diary.custom_symptoms()) == 1


@pytest.mark.parametrize("name", ["Fatigue", "joint pain", "JOINT_PAIN", "Raynaud's"])
def test_a_custom_symptom_never_takes_a_built_in_name(repo, name):
    with pytest.raises(InvalidEntryError, match="already on the list"):
        AddCustomSymptom(name).apply(repo)
    assert repo.diary.custom_symptoms() == []


@pytest.mark.parametrize("name", ["", "   ", "x" * 41, "1234", "itch=1", "a:b"])
def test_a_bad_name_is_refused_with_one_line(name):
    with pytest.raises(SymptomError) as caught:
        check_custom_name(name)
    assert "\n" not in str(caught.value)


def test_adding_is_undone_and_redone(repo):
    undo = AddCustomSymptom("Dry eyes").apply(repo)
    redo = undo.apply(repo)
    assert repo.diary.custom_symptoms() == []
    redo.apply(repo)
    assert [s.name for s in repo.diary.custom_symptoms()] == ["Dry eyes"]


def test_a_symptom_in_use_cannot_be_removed(repo):
    undo = AddCustomSymptom("Itching").apply(repo)
    repo.diary.save_day(DAY, [SymptomEntry(DAY, "custom:Itching", 3)])
    with pytest.raises(InvalidEntryError, match="logged on 1 day"):
        undo.apply(repo)
    assert len(repo.diary.custom_symptoms()) == 1


def test_an_entry_in_another_case_joins_the_stored_symptom(repo):
    AddCustomSymptom("Itching").apply(repo)
    repo.diary.log(SymptomEntry(DAY, "custom:ITCHING", 2))
    assert [e.symptom for e in repo.diary.symptoms()] == ["custom:Itching"]
    assert len(repo.diary.custom_symptoms()) == 1


def test_saving_a_day_is_undoable_with_custom_entries_and_body_site(repo):
    AddCustomSymptom("Itching").apply(repo)
    entries = (
        SymptomEntry(DAY, "custom:Itching", 6),
        SymptomEntry(DAY, "rash", 4, "malar/butterfly", None, "cheeks and nose"),
    )
    undo = SaveDay(DAY, entries, "itchy day").apply(repo)
    assert repo.diary.day(DAY).entries == entries
    undo.apply(repo)
    assert repo.diary.day(DAY).entries == ()


def test_the_body_site_belongs_to_the_rash_only(repo):
    with pytest.raises(InvalidEntryError, match="no place on the body"):
        repo.diary.log(SymptomEntry(DAY, "fatigue", 3, body_site="legs"))
    assert repo.diary.symptoms() == []


def test_summary_counts_custom_symptoms(repo):
    _itching_day(repo)
    summary = summarize_symptoms(diary_records(repo, DAY, DAY))
    itching = summary.for_symptom("custom:Itching")
    assert (
        itching is not None
        and itching.worst == 6
        and itching.text() == ("Itching: 1 of 1 logged days")
    )


def test_csv_round_trip_keeps_custom_symptoms_and_body_site(repo, tmp_path):
    _itching_day(repo)
    out = tmp_path / "out.csv"
    export_csv(repo, out)
    text = out.read_text(encoding="utf-8")
    assert "custom:Itching" in text and "both forearms" in text
    with Repository.open(tmp_path / "copy.sqlite") as copy:
        apply_plan(copy, read_csv(out))
        assert [s.name for s in copy.diary.custom_symptoms()] == ["Itching"]
        assert copy.diary.day(DAY).entries == repo.diary.day(DAY).entries


def test_fhir_codes_a_custom_symptom_in_the_apps_own_system_and_reads_it_back(repo, tmp_path):
    _itching_day(repo)
    out = tmp_path / "out.json"
    export_fhir(repo, out)
    resources = [e["resource"] for e in json.loads(out.read_text())["entry"]]
    itching = next(r for r in resources if "Itching" in json.dumps(r.get("code", {})))
    assert itching["code"]["coding"] == [
        {"system": "urn:lupus-tracker:custom-symptom", "code": "Itching", "display": "Itching"}
    ]
    assert not any("loinc" in c.get("system", "") for c in itching["code"]["coding"])
    rash = next(r for r in resources if r.get("bodySite"))
    assert rash["bodySite"] == {"text": "both forearms"}
    with Repository.open(tmp_path / "copy.sqlite") as copy:
        apply_plan(copy, read_fhir(out))
        assert [s.name for s in copy.diary.custom_symptoms()] == ["Itching"]
        assert copy.diary.day(DAY).entries == repo.diary.day(DAY).entries


def test_excel_lists_custom_symptoms_by_name_and_the_body_site(repo, tmp_path):
    from openpyxl import load_workbook

    _itching_day(repo)
    out = tmp_path / "out.xlsx"
    export_xlsx(repo, out)
    sheet = load_workbook(out)["Symptoms"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "Where on the body" in rows[0]
    assert any("both forearms" in row for row in rows)
    assert any(any(str(v).endswith("Itching") for v in row) for row in rows)


def test_get_symptom_names_a_custom_key_without_a_lookup():
    assert get_symptom("custom:Dry eyes").name == "Dry eyes"
    with pytest.raises(SymptomError):
        get_symptom("itching")


def test_the_visit_report_names_a_custom_symptom(repo):
    from lupus_tracker.report.content import gather
    from lupus_tracker.report.html import to_html

    _itching_day(repo)
    page = to_html(gather(repo, DAY, DAY, with_charts=False))
    assert "Itching" in page and "custom:" not in page


def test_the_import_preview_names_a_custom_symptom(repo, tmp_path):
    from lupus_tracker.exchange.preview import preview_rows

    _itching_day(repo)
    out = tmp_path / "out.csv"
    export_csv(repo, out)
    rows = preview_rows(read_csv(out))
    assert ("2026-11-02", "symptom", "Itching", "6", "0-10", "") in rows
    assert any(row[2] == "Rash" and row[5] == "discoid, both forearms" for row in rows)
