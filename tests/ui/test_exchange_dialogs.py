"""File › Import preview and File › Export, driven offscreen."""

from __future__ import annotations

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
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Excel workbook (*.xlsx)"))
    assert export_with_dialog(None, demo_repo) == target
    assert target.stat().st_size > 10000
