"""A label whose text changes while it is on screen (a status line, an inline error, a
summary) updates its accessible description at once and tells assistive technology, not
only at its next show (issue 18 item 1: errors are announced)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from lupus_tracker.ui import glossary, term_tips
from lupus_tracker.ui.lab_dialog import LabReportDialog


class Spy:
    """Stands in for QAccessible in term_tips: records the events sent."""

    Event = QAccessible.Event

    def __init__(self) -> None:
        self.sent: list[tuple[QWidget, QAccessible.Event]] = []

    @staticmethod
    def isActive() -> bool:  # Qt's name: a screen reader is listening
        return True

    def updateAccessibility(self, event) -> None:  # Qt's name
        self.sent.append((event.object(), event.type()))


HOSTS: list[QWidget] = []  # kept alive while a test runs


def shown_label(qtbot, name: str = "") -> QLabel:
    term_tips.install(QApplication.instance())
    host = QWidget()
    HOSTS[:] = [host]
    qtbot.addWidget(host)
    label = QLabel("Nothing yet")
    if name:
        label.setAccessibleName(name)
    QVBoxLayout(host).addWidget(label)
    host.show()
    qtbot.waitExposed(host)
    return label


def test_a_named_label_says_its_new_text_and_glossary_line_without_being_shown_again(
    qtbot, monkeypatch
):
    spy = Spy()
    monkeypatch.setattr(term_tips, "QAccessible", spy)
    label = shown_label(qtbot, "Activity signal")
    (upcr,) = glossary.found_in("UPCR")
    qtbot.waitUntil(lambda: label.accessibleDescription() == "Nothing yet")  # at its show
    spy.sent.clear()
    label.setText("<b>UPCR</b> rose since the last report")
    qtbot.waitUntil(lambda: "UPCR rose since the last report" in label.accessibleDescription())
    assert glossary.line(upcr) in label.accessibleDescription()
    assert (label, QAccessible.Event.DescriptionChanged) in spy.sent
    label.setText("No signal")  # the old glossary line goes with the old text
    qtbot.waitUntil(lambda: label.accessibleDescription() == "No signal")
    assert spy.sent.count((label, QAccessible.Event.DescriptionChanged)) == 2


def test_an_unnamed_label_is_read_by_its_text_and_gets_only_glossary_lines(qtbot):
    label = shown_label(qtbot)
    label.setText("Saved the diary")
    qtbot.wait(50)
    assert label.accessibleDescription() == ""  # its name is its text already
    label.setText("Pyuria was found")
    qtbot.waitUntil(lambda: "Pyuria" in label.accessibleDescription())


def test_a_description_set_by_the_code_is_kept(qtbot):
    label = shown_label(qtbot, "Row 1: problem")
    label.setAccessibleDescription("the code's own words")
    label.setText("Type the value as printed.")
    qtbot.wait(50)
    assert label.accessibleDescription() == "the code's own words"


def test_the_lab_report_summary_is_heard_when_it_changes(qtbot, repo):
    term_tips.install(QApplication.instance())
    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.save_if_valid()  # nothing typed
    assert dialog.summary.text() == "Enter at least one value."
    qtbot.waitUntil(lambda: dialog.summary.accessibleDescription() == "Enter at least one value.")
