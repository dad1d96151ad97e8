"""File › Import preview and File › Export, driven offscreen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from lupus_tracker.exchange.csv_export import export_csv
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.export_dialog import export_with_dialog
from lupus_tracker.ui.import_dialog import ImportDialog


def test_import_preview_then_import(qtbot, demo_repo, tmp_path):
    out = tmp_path / "all.csv"
    export_csv(demo_repo, out)
    with Repository.open(tmp_path / "new.sqlite") as target:
        dialog = ImportDialog(target, out)
        qtbot.addWidget(dialog)
        assert target.is_empty()  # the preview writes nothing
        assert dialog.ok_button.isEnabled() and "Would add" in dialog.summary.text()
        assert dialog.rows_model.rowCount() > 3000
        dialog.import_if_ready()
        assert dialog.added and target.counts()["results"] == demo_repo.counts()["results"]
        again = ImportDialog(target, out)
        qtbot.addWidget(again)
        assert not again.ok_button.isEnabled()  # nothing new the second time


def test_broken_file_is_explained(qtbot, repo, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"resourceType": "Bundle", "entry": [')
    dialog = ImportDialog(repo, bad)
    qtbot.addWidget(dialog)
    assert "cannot be imported" in dialog.summary.text() and not dialog.ok_button.isEnabled()
    assert repo.is_empty()


def test_export_with_dialog_in_a_worker(qtbot, demo_repo, tmp_path, monkeypatch, messages):
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel workbook (*.xlsx)")
    )
    assert export_with_dialog(None, demo_repo) == target
    assert target.stat().st_size > 10000


def test_import_dialog_offers_the_cli_choices(qtbot, repo, tmp_path):
    from datetime import date

    from lupus_tracker.domain.records import Profile, SymptomEntry
    from tests.exchange.synthea_helpers import load, write

    both = write(
        tmp_path,
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": load("Bambi_Murray")["entry"] + load("Danae_Kshlerin")["entry"],
        },
    )
    dialog = ImportDialog(repo, both)
    qtbot.addWidget(dialog)
    assert not dialog.patient_box.isHidden() and not dialog.ok_button.isEnabled()
    labels = [dialog.patient_box.itemText(i) for i in range(dialog.patient_box.count())]
    assert any("Danae Kshlerin, born 1964-05-13" in text for text in labels)
    dialog.patient_box.setCurrentIndex(next(i for i, t in enumerate(labels) if "Danae" in t))
    assert dialog.plan is not None and dialog.ok_button.isEnabled()
    shown = {
        dialog.rows_model.data(dialog.rows_model.index(r, 2))
        for r in range(dialog.rows_model.rowCount())
    }
    assert "Serum creatinine" in shown and "creatinine" not in shown  # names, not keys
    units = {
        dialog.rows_model.data(dialog.rows_model.index(r, 4))
        for r in range(dialog.rows_model.rowCount())
    }
    assert "mL/min/1.73m²" in units  # display units, not UCUM codes

    repo.profile.set(Profile("Maria Example", date(1980, 2, 3)))
    other = ImportDialog(repo, write(tmp_path, load("Danae_Kshlerin"), "d.json"))
    qtbot.addWidget(other)
    assert "cannot be imported" in other.summary.text()
    assert not other.other_patient.isHidden()
    other.other_patient.setChecked(True)
    assert other.plan is not None and other.ok_button.isEnabled()

    csv_file = tmp_path / "s.csv"
    csv_file.write_text(
        "date,kind,item,value,unit,ref_low,ref_high,lab,note\n"
        "2024-03-01,symptom,fatigue,9,0-10,,,,worst\n",
        encoding="utf-8",
    )
    repo.diary.log_many([SymptomEntry(date(2024, 3, 1), "fatigue", 3)])
    conflict = ImportDialog(repo, csv_file)
    qtbot.addWidget(conflict)
    assert conflict.conflicts_model.rowCount() == 1 and conflict.plan.total == 0
    conflict.conflict_box.setCurrentIndex(1)
    assert conflict.plan.total == 1
    conflict.import_if_ready()
    assert repo.diary.day(date(2024, 3, 1)).entries[0].severity == 9


def test_import_preview_lists_a_voided_stored_result_and_replacing_is_undoable(
    qtbot, repo, tmp_path
):
    from tests.exchange.test_corrections import _follow_up, _stored

    first = _stored(tmp_path, repo)
    count = len(repo.results.all(["creatinine"]))
    dialog = ImportDialog(repo, _follow_up(tmp_path, first, status="entered-in-error"))
    qtbot.addWidget(dialog)
    text = dialog.conflicts_model.data(dialog.conflicts_model.index(0, 0))
    assert "the file says this result was entered in error; kept" in text
    assert dialog.plan.total == 0
    dialog.conflict_box.setCurrentIndex(1)  # replace: the file's statement is taken
    dialog.import_if_ready()
    assert len(repo.results.all(["creatinine"])) == count - 1 and dialog.undo is not None
    dialog.undo.apply(repo)  # the window pushes this on its Undo history
    assert len(repo.results.all(["creatinine"])) == count


def test_results_page_shows_the_time_of_day_an_import_kept(qtbot, repo, tmp_path):
    from lupus_tracker.exchange.formats import read_plan
    from lupus_tracker.exchange.plan import apply_plan
    from lupus_tracker.ui.results_page import ResultsPage
    from tests.exchange.synthea_helpers import SYNTHEA

    apply_plan(repo, read_plan(SYNTHEA / "Bambi_Murray.json", repo))
    page = ResultsPage(repo)
    qtbot.addWidget(page)
    page.since.set_value(date(1900, 1, 1))  # Synthea's results are decades old
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)  # read in the background
    model = page.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles[:2] == ["Date", "Time"]
    times = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert "21:51" in times and "" in times  # Synthea's clock time; none for a computed eGFR


def _save_as(monkeypatch, name, chosen: str) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(name), chosen))


def test_export_refuses_a_name_that_says_another_format(
    qtbot, demo_repo, tmp_path, monkeypatch, messages
):
    """CSV chosen, the name says Excel: one clear message, nothing written, no renaming."""
    folder = tmp_path / "out"
    folder.mkdir()
    _save_as(monkeypatch, folder / "visit.xlsx", "CSV, every entry (*.csv)")
    assert export_with_dialog(None, demo_repo) is None
    assert list(folder.iterdir()) == []
    ((title, text),) = messages
    assert title == "Export" and "visit.xlsx ends in .xlsx, but the format is csv" in text
    assert "Nothing was written" in text and "\n" not in text


def test_export_gives_a_name_without_a_format_its_suffix(
    qtbot, demo_repo, tmp_path, monkeypatch, messages
):
    folder = tmp_path / "out"
    folder.mkdir()
    _save_as(monkeypatch, folder / "visit", "FHIR R4 Bundle, labs, vitals and symptoms (*.json)")
    assert export_with_dialog(None, demo_repo) == folder / "visit.json"
    _save_as(monkeypatch, folder / "visit.v2", "CSV, every entry (*.csv)")
    assert export_with_dialog(None, demo_repo) == folder / "visit.v2.csv"
    assert sorted(p.name for p in folder.iterdir()) == ["visit.json", "visit.v2.csv"]
