"""SLEDAI-2K dialog, treatment response view and the SLEDAI chart on the demo patient."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from lupus_tracker.charts.sledai import build_sledai_figure
from lupus_tracker.ui.response_view import ResponseView
from lupus_tracker.ui.sledai_dialog import SledaiDialog


def test_sledai_dialog_suggests_and_scores(qtbot, demo_repo, make_window):
    demo_repo.sledai.delete(date(2024, 7, 11))
    dialog = SledaiDialog(demo_repo, date(2024, 7, 11))
    qtbot.addWidget(dialog)
    assert "Suggested from labs" in dialog.hints["proteinuria"].text()
    assert "2024-07-04" in dialog.hints["low_complement"].text()
    assert not dialog.items()  # suggestions are not ticked until the user confirms
    dialog._tick_suggestions()
    dialog.boxes["arthritis"].setChecked(True)
    assert "SLEDAI-2K 20" in dialog.score.text()  # 4+4+4+2+2 labs + 4 arthritis
    window = make_window(demo_repo)
    window.changes.save_sledai(dialog.assessment())
    assert demo_repo.sledai.get(date(2024, 7, 11)).score == 20
    window.undo_stack.undo()
    assert demo_repo.sledai.get(date(2024, 7, 11)) is None


def test_response_view_on_the_infusion(qtbot, demo_repo):
    view = ResponseView(demo_repo)
    qtbot.addWidget(view)
    index = view.treatment.findText("UC-MSC", flags=Qt.MatchFlag.MatchContains)
    assert "changes after infusion: UC-MSC infusion" in view.treatment.itemText(index)
    view.treatment.setCurrentIndex(index)
    rows = {r.marker.key: r for r in view.model.records}
    assert rows["c3"].follow_ups[1].change > 0  # 3 months


def test_sledai_chart(demo_repo):
    figure = build_sledai_figure(demo_repo.sledai.all())
    ax = figure.axes[0]
    (line,) = [line for line in ax.get_lines() if line.get_gid() == "series:sledai"]
    assert list(line.get_ydata()) == [a.score for a in demo_repo.sledai.all()]
