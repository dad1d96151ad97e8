"""Issue 11 item 8 (remainder): changing the SLEDAI-2K dialog's visit date with unsaved
ticks never drops them silently. The person keeps them for the new date, saves them for the
old date first, discards them, or stays on the old date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from lupus_tracker.store.sledai_repo import SledaiAssessment
from lupus_tracker.ui import sledai_dialog
from lupus_tracker.ui.sledai_dialog import SledaiDialog, VisitChoice

OLD, NEW = date(2026, 3, 5), date(2026, 3, 12)


def _dialog(qtbot, repo, answer: VisitChoice | None, asked: list, monkeypatch, save=None):
    if answer is not None:
        monkeypatch.setattr(
            SledaiDialog, "_ask_new_visit", lambda self, new: asked.append(new) or answer
        )
    dialog = SledaiDialog(repo, OLD, save=save)
    qtbot.addWidget(dialog)
    dialog.boxes["arthritis"].setChecked(True)
    dialog.pga.setValue(1.5)
    dialog.note.setText("knees swollen")
    return dialog


def _type_visit(dialog: SledaiDialog, day: date) -> None:
    dialog.visit.selectAll()
    dialog.visit.insert(day.isoformat())


def test_keep_moves_the_unsaved_ticks_to_the_new_date(qtbot, repo, monkeypatch):
    asked: list = []
    dialog = _dialog(qtbot, repo, VisitChoice.KEEP, asked, monkeypatch)
    _type_visit(dialog, NEW)
    assert asked == [NEW]
    assert dialog.visit_date() == NEW and dialog.items() == {"arthritis"}
    assert dialog.note.text() == "knees swollen" and dialog.pga.value() == 1.5
    assert dialog.has_entries()  # still unsaved: Escape asks again
    assessment = dialog.assessment()
    assert (assessment.visit_on, assessment.items, assessment.pga) == (NEW, {"arthritis"}, 1.5)


def test_cancel_stays_on_the_old_date_with_the_ticks(qtbot, repo, monkeypatch):
    asked: list = []
    dialog = _dialog(qtbot, repo, VisitChoice.STAY, asked, monkeypatch)
    _type_visit(dialog, NEW)
    assert asked == [NEW]
    assert dialog.visit.text() == OLD.isoformat() and dialog.visit_date() == OLD
    assert dialog.items() == {"arthritis"} and dialog.note.text() == "knees swollen"


def test_discard_shows_what_is_saved_for_the_new_date(qtbot, repo, monkeypatch):
    repo.sledai.save(SledaiAssessment(NEW, frozenset({"fever"}), "saved before"))
    asked: list = []
    dialog = _dialog(qtbot, repo, VisitChoice.DISCARD, asked, monkeypatch)
    _type_visit(dialog, NEW)
    assert asked == [NEW] and dialog.visit_date() == NEW
    assert dialog.items() == {"fever"} and dialog.note.text() == "saved before"
    assert not dialog.has_entries()


def test_save_stores_the_old_date_then_opens_the_new_one(qtbot, repo, monkeypatch):
    asked: list = []
    saved: list[SledaiAssessment] = []

    def save(assessment: SledaiAssessment) -> bool:
        saved.append(assessment)
        repo.sledai.save(assessment)
        return True

    dialog = _dialog(qtbot, repo, VisitChoice.SAVE, asked, monkeypatch, save=save)
    _type_visit(dialog, NEW)
    assert [(a.visit_on, a.items, a.pga, a.note) for a in saved] == [
        (OLD, {"arthritis"}, 1.5, "knees swollen")
    ]
    assert repo.sledai.get(OLD).items == {"arthritis"}
    assert dialog.visit_date() == NEW and dialog.items() == frozenset()


def test_a_refused_save_stays_on_the_old_date(qtbot, repo, monkeypatch):
    asked: list = []
    dialog = _dialog(qtbot, repo, VisitChoice.SAVE, asked, monkeypatch, save=lambda a: False)
    _type_visit(dialog, NEW)
    assert dialog.visit_date() == OLD and dialog.visit.text() == OLD.isoformat()
    assert dialog.items() == {"arthritis"}


def test_nothing_typed_changes_the_date_without_asking(qtbot, repo, monkeypatch):
    asked: list = []
    monkeypatch.setattr(
        SledaiDialog, "_ask_new_visit", lambda self, new: asked.append(new) or VisitChoice.STAY
    )
    dialog = SledaiDialog(repo, OLD)
    qtbot.addWidget(dialog)
    _type_visit(dialog, NEW)
    assert asked == [] and dialog.visit_date() == NEW


def test_the_real_question_names_both_dates_and_a_saved_assessment(qtbot, repo):
    repo.sledai.save(SledaiAssessment(NEW, frozenset({"fever"})))
    dialog = SledaiDialog(repo, OLD, save=lambda a: True)
    qtbot.addWidget(dialog)
    dialog.boxes["arthritis"].setChecked(True)
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["text"] = box.text() + " " + box.informativeText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        box.escapeButton().click()  # Escape: stay on the old date

    QTimer.singleShot(0, answer)
    _type_visit(dialog, NEW)
    assert OLD.isoformat() in seen["text"] and NEW.isoformat() in seen["text"]
    assert "already saved" in seen["text"] and "replaces it" in seen["text"]
    assert any("Keep" in b for b in seen["buttons"]) and any("Save" in b for b in seen["buttons"])
    assert any("Discard" in b for b in seen["buttons"])
    assert "Keep" in seen["default"]
    assert dialog.visit_date() == OLD and dialog.items() == {"arthritis"}


def test_the_window_passes_its_undoable_save(make_window, repo, monkeypatch):
    window = make_window(repo)
    made: list[SledaiDialog] = []
    monkeypatch.setattr(window, "exec_dialog", lambda dialog: made.append(dialog) and False)
    window.changes.sledai()
    assert made and made[0]._save == window.changes.save_sledai
    assert sledai_dialog.SAVE is VisitChoice.SAVE
