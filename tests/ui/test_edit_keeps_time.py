"""Edit… → Save of a lab result keeps what the dialog does not show: the time of day of an
imported result stays, so re-importing the same file adds nothing (red team, round 4)."""

from __future__ import annotations

from lupus_tracker.cli import main
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.lab_dialog import LabReportDialog

CSV = (
    "date,kind,item,value,unit,ref_low,ref_high,lab,note,time\n"
    "2025-04-01,lab,c4,20,mg/dL,10,40,MyLab,n1,09:15\n"
)


def _imported(tmp_path):
    csv = tmp_path / "t1.csv"
    csv.write_text(CSV, encoding="utf-8")
    db = tmp_path / "gui.db"
    assert main(["import", str(csv), "--db", str(db)]) == 0
    return csv, db


def _edit(make_window, repo, monkeypatch, change=None):
    window = make_window(repo)

    def save(dialog) -> bool:
        assert isinstance(dialog, LabReportDialog)
        if change is not None:
            change(dialog)
        return True

    monkeypatch.setattr(window, "exec_dialog", save)
    (result,) = repo.results.all()
    window.changes.edit_result(result)
    (after,) = repo.results.all()
    return after


def test_edit_and_save_unchanged_keeps_the_time_and_reimport_adds_nothing(
    make_window, tmp_path, monkeypatch, capsys
):
    csv, db = _imported(tmp_path)
    repo = Repository.open(db)
    after = _edit(make_window, repo, monkeypatch)
    assert after.taken_at == "09:15"
    assert after.note == "n1"
    assert main(["import", str(csv), "--db", str(db)]) == 0
    assert len(repo.results.all()) == 1


def test_changing_the_value_keeps_the_time(make_window, tmp_path, monkeypatch):
    _csv, db = _imported(tmp_path)
    repo = Repository.open(db)
    after = _edit(make_window, repo, monkeypatch, lambda dialog: dialog.rows[0].value.setText("22"))
    assert after.value_text == "22"
    assert after.taken_at == "09:15"
    assert after.note == "n1"
