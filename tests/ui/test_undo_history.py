"""The window's undo history holds the store's change objects: a failed change records
nothing, a failed undo stays where it was and says why."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.sledai_repo import SledaiAssessment

DAY = date(2024, 3, 5)
REPORT = [
    LabEntry(DAY, "c3", "0.62", "g/L", "0.9-1.8"),
    LabEntry(DAY, "anti_dsdna", ">300", "[IU]/mL", "<30"),
]


@contextlib.contextmanager
def write_locked(repo):
    """Another connection holds the file's write lock (the app waits only 0.1 s)."""
    repo.db.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(repo.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_change_that_fails_on_a_locked_file_records_nothing(make_window, repo, messages):
    window = make_window(repo)
    with write_locked(repo):
        assert not window.changes.save_lab_report(REPORT)
    assert window.undo_stack.count() == 0 and not window.undo_stack.canUndo()
    assert repo.counts()["results"] == 0
    assert messages[-1][0] == "Could not save the lab report" and "in use" in messages[-1][1]


def test_a_failed_sledai_save_never_lets_undo_delete_the_existing_one(make_window, repo, messages):
    existing = SledaiAssessment(DAY, frozenset({"arthritis"}))
    repo.sledai.save(existing)
    window = make_window(repo)
    with write_locked(repo):
        assert not window.changes.save_sledai(SledaiAssessment(DAY, frozenset({"rash"})))
    assert window.undo_stack.count() == 0
    window.undo_stack.undo()
    assert repo.sledai.get(DAY) == existing


def test_a_failed_undo_stays_where_it_was_and_says_why(make_window, repo, messages):
    window = make_window(repo)
    assert window.changes.save_lab_report(REPORT)
    assert window.undo_stack.undoText() == "Add lab report (2 results)"
    with write_locked(repo):
        assert not window.undo_stack.undo()
    assert window.undo_stack.index() == 1 and repo.counts()["results"] == 2
    title, text = messages[-1]
    assert title == "Could not undo" and "Add lab report" in text and "in use" in text
    assert window.undo_stack.undo()  # the lock is gone: the same undo now works
    assert repo.counts()["results"] == 0 and window.undo_stack.canRedo()
    assert window.undo_stack.redo()
    assert repo.counts()["results"] == 2


def test_the_edit_menu_names_the_change_and_follows_the_history(make_window, repo):
    window = make_window(repo)
    undo, redo = (a for a in window.menuBar().actions()[1].menu().actions()[:2])
    assert not undo.isEnabled() and not redo.isEnabled()
    window.changes.save_lab_report(REPORT)
    assert undo.isEnabled() and "Add lab report (2 results)" in undo.text()
    undo.trigger()
    assert repo.counts()["results"] == 0
    assert redo.isEnabled() and "Add lab report" in redo.text() and not undo.isEnabled()
