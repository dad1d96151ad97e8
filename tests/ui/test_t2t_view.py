"""Insight › Treat-to-target: per-visit table with criteria, glucocorticoid chart, HCQ line,
due list, preferences; accessible names; keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from lupus_tracker.domain.records import Dose, LabEntry, Medication
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.sledai_repo import SledaiAssessment
from lupus_tracker.ui.t2t_view import TreatToTargetView

TODAY = date(2026, 6, 1)


@pytest.fixture
def repo(tmp_path):
    with Repository.open(tmp_path / "t2t.sqlite") as repo:
        repo.treatments.add(
            Medication(
                None,
                "Methylprednisolone IV",
                date(2026, 1, 1),
                date(2026, 1, 3),
                None,
                (Dose(date(2026, 1, 1), 500, "mg", "once daily"),),
            )
        )
        repo.treatments.add(
            Medication(
                None,
                "Prednisone",
                date(2026, 1, 4),
                None,
                None,
                (
                    Dose(date(2026, 1, 4), 30, "mg", "once daily"),
                    Dose(date(2026, 3, 1), 5, "mg", "once daily"),
                ),
            )
        )
        repo.treatments.add(
            Medication(
                None,
                "Mycophenolate mofetil",
                date(2026, 1, 4),
                None,
                None,
                (Dose(date(2026, 1, 4), 1000, "mg", "twice daily"),),
            )
        )
        repo.treatments.add(
            Medication(
                None,
                "Hydroxychloroquine",
                date(2026, 1, 4),
                None,
                None,
                (Dose(date(2026, 1, 4), 400, "mg", "once daily"),),
            )
        )
        repo.results.add(LabEntry(date(2026, 5, 1), "weight", "70", "kg"))
        repo.sledai.save(
            SledaiAssessment(date(2026, 1, 10), frozenset({"proteinuria", "arthritis"}), None, 2)
        )
        repo.sledai.save(SledaiAssessment(date(2026, 5, 1), frozenset(), None, 0.3))
        yield repo


def test_view_shows_visits_criteria_chart_and_due(qtbot, repo):
    view = TreatToTargetView(repo, today=TODAY)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 2
    assert view.model.index(0, 4).data() == "criteria met"  # latest first: LLDAS
    assert view.model.index(1, 4).data() == "not met"
    assert "DORIS remission criteria met at the 1 May 2026 visit" in view.criteria.toPlainText()
    view.table.selectRow(1)
    assert "active: renal" in view.criteria.toPlainText()
    assert "5.7 mg/kg/day" in view.hcq_text.text() and "above 5" in view.hcq_text.text()
    assert "Liver tests" in view.due.toPlainText()
    assert "7.5 mg/day" in view.headline.text() or "prednisone-equivalent" in view.headline.text()
    ax = view.canvas.figure.axes[0]
    gids = {line.get_gid() for line in ax.get_lines()}
    assert {"series:oral", "line:7.5", "line:5", "series:pulses"} <= gids


def test_every_widget_has_an_accessible_name_and_esc_closes(qtbot, repo):
    view = TreatToTargetView(repo, today=TODAY)
    qtbot.addWidget(view)
    named = (
        view.table,
        view.criteria,
        view.period,
        view.due,
        view.nephritis,
        view.headline,
        view.gc_text,
        view.hcq_text,
        view.canvas,
        *view.intervals.values(),
    )
    assert all(isinstance(w, QWidget) and w.accessibleName() for w in named)
    view.show()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_preferences_are_saved_as_settings(qtbot, repo):
    view = TreatToTargetView(repo, today=TODAY)
    qtbot.addWidget(view)
    assert "Urine protein" not in view.due.toPlainText()
    view.nephritis.setChecked(True)
    assert repo.settings.get("condition.lupus_nephritis") == "yes"
    assert "Urine protein" in view.due.toPlainText()
    spin = view.intervals["liver_tests"]
    spin.setValue(30)
    spin.editingFinished.emit()
    assert repo.settings.get("monitoring.interval.liver_tests") == "30"
    assert "every 30 days, your interval" in view.due.toPlainText()
    view.period.setCurrentIndex(3)  # all time
    assert view.canvas.figure.axes


def test_sledai_dialog_carries_the_pga(qtbot, repo):
    from lupus_tracker.ui.sledai_dialog import SledaiDialog

    dialog = SledaiDialog(repo, date(2026, 5, 1))
    qtbot.addWidget(dialog)
    assert dialog.pga.value() == pytest.approx(0.3)
    assert dialog.pga.accessibleName()
    dialog.pga.setValue(dialog.pga.minimum())
    assert dialog.pga.text() == "not entered"
    assert dialog.assessment().pga is None
    dialog.pga.setValue(1.0)
    assert dialog.assessment().pga == 1.0


def test_view_fits_the_screen_it_opens_on(repo, qtbot):
    """Opened at 1100×900 on an 800-px-high screen, Close was off-screen: it fits now."""
    view = TreatToTargetView(repo, today=TODAY)
    qtbot.addWidget(view)
    available = view.screen().availableGeometry()
    assert view.height() <= available.height() and view.width() <= available.width()


def test_a_preference_changed_in_the_view_is_an_undoable_change(make_window, repo):
    """Settings go through the store's change service: the window's Undo takes it back."""
    window = make_window(repo)
    view = TreatToTargetView(repo, window, today=TODAY, save_setting=window.changes.save_setting)
    view.nephritis.setChecked(True)
    assert repo.settings.get("condition.lupus_nephritis") == "yes"
    assert window.undo_stack.canUndo()
    assert window.undo_stack.undo()
    assert repo.settings.get("condition.lupus_nephritis") is None
