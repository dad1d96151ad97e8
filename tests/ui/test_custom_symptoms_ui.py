"""Custom symptoms in the window (issue 11 item 13): added from the symptom day form by
keyboard, typed entries kept, logged 0-10, shown in Symptom history and undone with Ctrl+Z;
the rash's kind and where on the body are separate fields that are saved and shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

TODAY = date.today()


def _answer(monkeypatch, name: str) -> list[str]:
    asked: list[str] = []

    def get_text(parent, title, label, *args, **kwargs):
        asked.append(label)
        return name, True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


def test_add_your_own_symptom_log_it_and_see_it_in_history(make_window, repo, qtbot, monkeypatch):
    window = make_window(repo)
    window.show()
    window.show_diary_today()
    diary = window.diary
    diary.spins["fatigue"].setValue(5)  # typed before adding: kept
    asked = _answer(monkeypatch, "Itching")
    diary.add_custom_button.setFocus()
    qtbot.keyClick(diary.add_custom_button, Qt.Key.Key_Space)  # keyboard, not a click
    assert asked and "custom:Itching" in diary.spins
    assert diary.spins["fatigue"].value() == 5
    spin = diary.spins["custom:Itching"]
    assert spin.accessibleName() == "Itching severity, 0 to 10"
    qtbot.waitUntil(lambda: window.focusWidget() is spin)  # the new row is ready for its severity
    spin.setValue(7)
    diary.spins["rash"].setValue(3)
    diary.location.setCurrentIndex(diary.location.findData("discoid"))
    diary.body_site.setText("both forearms")
    diary.save_button.click()
    stored = {e.symptom: e for e in repo.diary.day(TODAY).entries}
    assert stored["custom:Itching"].severity == 7
    assert (stored["rash"].location, stored["rash"].body_site) == ("discoid", "both forearms")
    assert not diary.has_unsaved()
    diary.load()  # opening the day again shows every field
    assert diary.body_site.text() == "both forearms" and diary.spins["custom:Itching"].value() == 7

    history = window.symptom_history
    window.tabs.setCurrentWidget(history)
    history.refresh()
    qtbot.waitUntil(lambda: not history.busy)
    names = [history.model.value(r, "name") for r in range(history.model.rowCount())]
    sites = [history.model.value(r, "body_site") for r in range(history.model.rowCount())]
    assert "Itching" in names and "both forearms" in sites
    assert history.symptom.findData("custom:Itching") > 0


def test_undo_removes_the_new_row_and_a_taken_name_is_explained(
    make_window, repo, qtbot, monkeypatch, messages
):
    window = make_window(repo)
    window.show()
    window.show_diary_today()
    _answer(monkeypatch, "Dry eyes")
    window.diary.ask_custom_symptom()
    assert "custom:Dry eyes" in window.diary.spins
    _answer(monkeypatch, "DRY EYES")
    window.diary.ask_custom_symptom()
    assert messages and "already one of your symptoms" in str(messages[-1])
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: "custom:Dry eyes" not in window.diary.spins)
    assert repo.diary.custom_symptoms() == []
    assert window.diary.custom_hint.isVisibleTo(window.diary)


def test_symptom_history_empty_states_say_what_to_do(make_window, repo, qtbot):
    from datetime import timedelta

    from lupus_tracker.domain.records import SymptomEntry

    window = make_window(repo)
    window.show()
    page = window.symptom_history
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.busy)
    assert page.stack.currentIndex() == 1  # never a blank table
    assert "No symptoms logged yet" in page.empty_text.text()
    assert "Ctrl+D" in page.empty_text.text() and page.show_all_button.isHidden()
    page.log_button.click()
    assert window.tabs.currentWidget() is window.diary
    old = TODAY - timedelta(days=400)
    repo.diary.log(SymptomEntry(old, "fatigue", 4))
    window.tabs.setCurrentWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy)
    assert "No symptom entries in this period" in page.empty_text.text()
    assert old.isoformat() in page.empty_text.text()
    page.show_all_button.click()
    qtbot.waitUntil(lambda: not page.busy)
    assert page.stack.currentIndex() == 0 and page.model.rowCount() == 1
