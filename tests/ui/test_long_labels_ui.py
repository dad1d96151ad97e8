"""The lab report dialog refuses a lab name longer than 200 characters on save, saying why
(red team, round 4: a 40,003-character lab name broke the Excel export)."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.entry import MAX_LABEL_CHARS
from lupus_tracker.ui.lab_dialog import LabReportDialog


def test_a_long_lab_name_is_refused_in_the_dialog(qtbot, repo):
    dialog = LabReportDialog(repo, day=date(2025, 1, 1))
    qtbot.addWidget(dialog)
    row = dialog.rows[0]
    row.marker.setCurrentIndex(row.marker.findData("c3"))
    row.value.setText("0.8")
    dialog.lab.setText("L" * (MAX_LABEL_CHARS + 1))
    dialog.save_if_valid()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "lab name has 201 characters" in row.error.text()
    assert "nothing was saved" in dialog.summary.text()
    dialog.lab.setText("L" * MAX_LABEL_CHARS)
    dialog.save_if_valid()
    assert dialog.result() == dialog.DialogCode.Accepted
