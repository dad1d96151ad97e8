"""What a patient found using the app in a real window: status words, dialog sizes,
keyboard flow in the lab dialog, messages, sort arrows, the File › Open filter."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.records import LabEntry


def test_delete_message_names_the_marker_and_undo_redo_replace_it(make_window, repo):
    (result,) = repo.results.add_many([LabEntry(date(2026, 11, 20), "c3", "0.78", "g/L")])
    window = make_window(repo)
    window.changes.delete_result(repo.results.get(result.id))
    message = window.statusBar().currentMessage()
    assert message == "Deleted Complement C3 0.78 g/L of 2026-11-20 — Undo (Ctrl+Z)"
    window.undo_stack.undo()
    assert window.statusBar().currentMessage() == (
        "Undone: Delete Complement C3 0.78 g/L of 2026-11-20")
    window.undo_stack.redo()
    assert window.statusBar().currentMessage() == (
        "Redone: Delete Complement C3 0.78 g/L of 2026-11-20")
