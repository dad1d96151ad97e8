"""The app opens a file with its integrity check beside the window (start-up speed): a
damaged file is said to be damaged as soon as the check ends, its changes are refused, and
it gets no backup; a sound file gets its backup of the day after the check."""

from __future__ import annotations

from lupus_tracker.store.backup import list_backups
from lupus_tracker.ui.backup_actions import open_for_window
from tests.store.test_integrity_beside import _damaged, _filled


def test_a_damaged_file_is_told_and_refuses_changes_and_gets_no_backup(
    make_window, tmp_path, qtbot, messages
):
    path = _damaged(tmp_path / "mine.sqlite")
    repo = open_for_window(path, None)
    assert repo is not None  # it opened: the check runs beside the window
    window = make_window(repo)
    window.show()
    qtbot.waitUntil(lambda: any(t == "This file is damaged" for t, _ in messages), timeout=30000)
    assert window._open_backup is not None and window._open_backup.wait(30)
    assert "changes are refused" in window.statusBar().currentMessage()
    outcome = window.attempt("save", lambda: repo.settings.set("theme", "dark"))
    assert not outcome.ok
    assert messages[-1][0] == "Could not save" and "damaged" in messages[-1][1]
    assert list_backups(path, repo.identity() or "") == []
    window.close()
    repo.close()


def test_a_sound_file_is_backed_up_after_its_check(make_window, tmp_path, qtbot, messages):
    path = _filled(tmp_path / "mine.sqlite", rows=20)
    repo = open_for_window(path, None)
    assert repo is not None and repo.db.integrity is not None
    window = make_window(repo)
    window.show()
    qtbot.waitUntil(lambda: window._open_backup is not None, timeout=5000)
    assert window._open_backup.wait(30)
    assert repo.db.integrity.wait(0) is None
    assert len(list_backups(path, repo.identity() or "")) == 1
    assert messages == []
    window.close()
    repo.close()
