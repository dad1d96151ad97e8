"""Round 2 findings of a patient using the app in a real window: typed birth date,
the lab dialog's Enter path, stop reasons, Escape/Ctrl+Enter in entry dialogs, ambiguous
frequencies, the chart table's Marker column and small wording fixes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from lupus_tracker.domain.records import Profile, Sex
from lupus_tracker.ui.profile_dialog import ProfileDialog


def test_birth_date_is_typed_and_an_impossible_one_refused(qtbot, repo):
    repo.profile.set(Profile("A", date(1990, 1, 1), Sex.FEMALE))
    dialog = ProfileDialog(repo)
    qtbot.addWidget(dialog)
    dialog.birth.setFocus()
    qtbot.keyClick(dialog.birth, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.birth, "1992-05-10")
    assert dialog.profile().birth_date == date(1992, 5, 10)
    dialog.birth.selectAll()
    qtbot.keyClicks(dialog.birth, "1992-02-30")
    dialog.save_if_valid()
    assert dialog.result() == 0 and "1992-02-30" in dialog.error.text()
    dialog.birth.selectAll()
    qtbot.keyClicks(dialog.birth, "1992-05-10")
    dialog.save_if_valid()
    assert dialog.result() == ProfileDialog.DialogCode.Accepted
