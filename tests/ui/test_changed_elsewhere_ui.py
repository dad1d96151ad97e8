"""The window and another program writing the same file (the CLI, an import, a second
window): the page in view re-reads what was written, a stale diary save asks before
replacing a day it never showed, and a stale lab edit is refused (red-team review)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.repository import Repository

TODAY = date.today()


def _answer(window, label: str, seen: list[str]) -> None:
    """The "changed elsewhere" question is answered by clicking ``label``."""

    def exec_dialog(dialog) -> bool:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        (button,) = [b for b in dialog.buttons() if b.text().replace("&", "") == label]
        button.click()
        return False

    window.exec_dialog = exec_dialog


def _external_symptom(path: Path) -> None:
    """The reviewer's step, really: the CLI in another process writes fatigue 7."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    command = [sys.executable, "-m", "lupus_tracker", "add", "symptom", "--db", str(path)]
    command += ["--date", TODAY.isoformat(), "--symptom", "fatigue", "--severity", "7"]
    command += ["--note", "external note"]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def _stale_diary(make_window, repo):
    window = make_window(repo)
    window.tabs.setCurrentWidget(window.diary)
    assert window.diary.current_day() == TODAY
    _external_symptom(repo.db.path)
    window.diary.spins["joint_pain"].setValue(3)
    return window


def _stored(repo) -> list[tuple[str, int, str | None]]:
    return [(e.symptom, e.severity, e.note) for e in repo.diary.day(TODAY).entries]


def test_a_stale_diary_save_asks_and_cancel_deletes_nothing(make_window, repo):
    window = _stale_diary(make_window, repo)
    seen: list[str] = []
    _answer(window, "Cancel", seen)
    window.diary.save_button.click()
    assert "changed in another window or program" in seen[0] and "fatigue 7" in seen[0]
    assert _stored(repo) == [("fatigue", 7, "external note")]
    assert window.diary.spins["joint_pain"].value() == 3  # the typed entry stays
    assert window.diary.has_unsaved()


def test_a_stale_diary_save_reload_shows_the_day_as_written(make_window, repo):
    window = _stale_diary(make_window, repo)
    _answer(window, "Reload", [])
    window.diary.save_button.click()
    assert _stored(repo) == [("fatigue", 7, "external note")]
    assert window.diary.spins["fatigue"].value() == 7
    assert not window.diary.has_unsaved()


def test_a_stale_diary_save_overwrite_replaces_after_asking_and_undo_restores(make_window, repo):
    window = _stale_diary(make_window, repo)
    _answer(window, "Overwrite", [])
    window.diary.save_button.click()
    assert [(s, v) for s, v, _ in _stored(repo)] == [("joint_pain", 3)]
    window.undo_stack.undo()
    assert _stored(repo) == [("fatigue", 7, "external note")]


def test_the_page_in_view_reads_what_another_program_wrote(make_window, repo):
    window = make_window(repo)
    window.tabs.setCurrentWidget(window.results)
    assert window.results.count.text().startswith("No lab results yet")
    assert not window.check_outside_changes()  # nothing written elsewhere
    with Repository.open(repo.db.path) as other:
        other.results.add(LabEntry(date(2026, 10, 1), "c3", "0.85", "g/L"))
    assert window.check_outside_changes()
    assert window.results.count.text() == "1 results"
    with Repository.open(repo.db.path) as other:
        other.results.add(LabEntry(date(2026, 10, 2), "c3", "0.9", "g/L"))
    window.tabs.setCurrentWidget(window.dashboard)  # a page shown again re-reads too
    window.tabs.setCurrentWidget(window.results)
    assert window.results.count.text() == "2 results"


def test_the_diary_shows_what_another_program_wrote_when_nothing_is_typed(make_window, repo):
    window = make_window(repo)
    window.tabs.setCurrentWidget(window.diary)
    _external_symptom(repo.db.path)
    assert window.check_outside_changes()
    assert window.diary.spins["fatigue"].value() == 7


def test_a_lab_edit_from_a_stale_row_is_refused_with_the_new_value(make_window, repo, messages):
    (shown,) = repo.results.add_many([LabEntry(date(2026, 10, 1), "c3", "0.85", "g/L")])
    window = make_window(repo)
    with Repository.open(repo.db.path) as other:  # an amended value written meanwhile
        other.results.update(shown.id, LabEntry(date(2026, 10, 1), "c3", "0.55", "g/L"))
    typed = LabEntry(date(2026, 10, 1), "c3", "0.85", "g/L", lab="City lab")
    assert not window.changes.update_result(shown, typed)
    title, text = messages[-1]
    assert title == "Could not change the result"
    assert text.startswith("This result was changed elsewhere (now 0.55 g/L) — reload")
    assert repo.results.get(shown.id).value_text == "0.55"
    assert window.undo_stack.count() == 0
