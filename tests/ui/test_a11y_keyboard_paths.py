"""Four everyday tasks by keys only, counted (issue 18 item 2).

Each path starts in the main window and drives the real widgets with QTest key events sent
to whatever has focus; the dialog a shortcut opens runs shown (not modal) so the keys can
reach it. ``navigation`` counts every key that is not text typed into a field (shortcuts,
Tab, Enter, arrows). The issue measured a 3-marker lab report at 74 keystrokes, 40 of them
navigation; the target is a third of that (13). Run with ``-s`` to print the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from lupus_tracker.domain.records import LabEntry

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
TODAY_LAB_REPORT = (74, 40)  # keystrokes, navigation: the measurement


@dataclass
class Keys:
    qtbot: object
    typed: int = 0
    navigation: int = 0
    log: list[str] = field(default_factory=list)

    @staticmethod
    def focus():
        return QApplication.focusWidget()

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)
        self.typed += len(text)
        self.log.append(repr(text))

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        self.log.append(f"{modifier.name}+{key.name}" if modifier.value else key.name)
        for _ in range(times):
            self.navigation += 1
            self.qtbot.keyClick(self.focus(), key, modifier)

    @property
    def total(self) -> int:
        return self.typed + self.navigation


@pytest.fixture
def window(make_window, repo, qtbot, monkeypatch):
    """The main window, focused, whose dialogs open shown and are driven by the test."""
    repo.results.add_many([LabEntry(date(2026, 1, 5), "c3", "0.9", "g/L", "0.9-1.8", "City Lab")])
    main = make_window(repo)
    driving: dict[str, object] = {}

    def shown(dialog: QDialog) -> bool:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        driving["script"](dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(main, "exec_dialog", shown)
    main.driving = driving
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return main


def report(name: str, keys: Keys) -> None:
    print(f"\n{name}: {keys.total} keystrokes, {keys.navigation} navigation: " + " ".join(keys.log))


def test_a_three_marker_lab_report(window, repo, qtbot):
    keys = Keys(qtbot)
    in_dialog = {}

    def script(dialog):
        start = keys.navigation
        assert keys.focus() is dialog.date  # it opens on the report's date, selected
        keys.type("2026-11-20")
        keys.press(Qt.Key.Key_Return)  # date -> first marker, past the remembered lab
        rows = [("c3", "0.78", "0.9-1.8"), ("c4", "0.09", "0.1-0.4"), ("dsdna", "245", "<30")]
        for number, (marker, value, ref) in enumerate(rows, start=1):
            keys.type(marker)
            keys.press(Qt.Key.Key_Return)  # marker -> value
            keys.type(value)
            keys.press(Qt.Key.Key_Return)  # value -> unit; -> range when City Lab's own
            if keys.focus() is not dialog.rows[number - 1].range:  # unit (C3) is settled
                keys.press(Qt.Key.Key_Return)  # unit (preset, not this lab's) -> range
            keys.type(ref)
            if number < len(rows):
                keys.press(Qt.Key.Key_Return)  # range -> next marker
        keys.press(Qt.Key.Key_Return, CTRL)  # save
        in_dialog["navigation"] = keys.navigation - start

    window.driving["script"] = script
    keys.press(Qt.Key.Key_L, CTRL)
    report("3-marker lab report", keys)
    saved = [r for r in repo.results.all() if r.taken_on == date(2026, 11, 20)]
    assert sorted((r.marker, r.value_text, r.lab) for r in saved) == [
        ("anti_dsdna", "245", "City Lab"),
        ("c3", "0.78", "City Lab"),
        ("c4", "0.09", "City Lab"),
    ]
    assert "Add lab report (3 results)" in window.statusBar().currentMessage()
    # Round 2 measured 14 in the dialog (15 with Ctrl+L); the target is a third of the
    # issue's 40 (13.3), counting the shortcut that opens the dialog too.
    assert in_dialog["navigation"] == 12 and keys.navigation == 13
    assert keys.navigation <= TODAY_LAB_REPORT[1] / 3
    assert keys.total == 60 < TODAY_LAB_REPORT[0]  # the rest is the report's own text


def test_a_symptom_day(window, repo, qtbot):
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_D, CTRL)  # the diary for today, focus on Fatigue
    assert (
        keys.focus() is window.diary.spins["fatigue"]
        or keys.focus().parent() is window.diary.spins["fatigue"]
    )
    keys.type("4")
    keys.press(Qt.Key.Key_Tab)
    keys.type("0")  # rash: none
    keys.press(Qt.Key.Key_Tab)
    keys.type("6")  # joint pain
    keys.press(Qt.Key.Key_S, CTRL)
    report("symptom day", keys)
    stored = {e.symptom: e.severity for e in repo.diary.day(date.today()).entries}
    assert stored == {"fatigue": 4, "rash": 0, "joint_pain": 6}
    assert "Saved the diary" in window.statusBar().currentMessage()
    assert keys.navigation == 4


def test_a_new_medication(window, repo, qtbot):
    keys = Keys(qtbot)

    def script(dialog):
        assert keys.focus() is dialog.name
        keys.type("Prednisone")
        keys.press(Qt.Key.Key_Tab)  # started on: today
        keys.press(Qt.Key.Key_Tab)
        keys.type("10")  # mg, once daily: the defaults
        keys.press(Qt.Key.Key_Return)  # Save

    window.driving["script"] = script
    keys.press(Qt.Key.Key_M, CTRL)
    report("new medication", keys)
    (medication,) = repo.treatments.all()
    assert medication.name == "Prednisone" and medication.started_on == date.today()
    assert (medication.doses[0].dose, medication.doses[0].unit, medication.doses[0].frequency) == (
        10,
        "mg",
        "once daily",
    )
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    assert keys.navigation == 4


def test_a_chart_switch(window, repo, qtbot):
    repo.results.add_many(
        [LabEntry(date.today() - timedelta(days=d), "c3", "0.8", "g/L") for d in (10, 40)]
    )
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_C, ALT)  # the Charts page
    qtbot.waitUntil(
        lambda: window.charts is not None and window.tabs.currentWidget() is window.charts
    )
    keys.press(Qt.Key.Key_A, ALT)  # Ch&art: the chart chooser
    assert keys.focus() is window.charts.what
    keys.type("Complement C3")  # a closed list finds an item by its first letters
    assert window.charts.what.currentData() == "marker:c3"
    qtbot.waitUntil(lambda: not window.charts.busy, timeout=10000)
    keys.press(Qt.Key.Key_Tab)  # to the chart itself: arrows read the points
    keys.press(Qt.Key.Key_Right)
    report("chart switch", keys)
    assert (
        "Complement C3" in window.charts.area.accessibleName()
        or "C3" in window.charts.area.accessibleName()
    )
    assert keys.navigation <= 4
