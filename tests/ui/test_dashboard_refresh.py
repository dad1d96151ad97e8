"""The dashboard reads in a background task (issue 10, Speed: no freeze while 30 years of
results are read) and never shows stale data: a request during a read reads again, and a
read of a file that is no longer open is never shown."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui import dashboard


def _with_c3(path, value: str) -> Repository:
    repo = Repository.open(path)
    repo.results.add_many([LabEntry(date(2024, 3, 1), "c3", value, "g/L")])
    return repo


def _shown(page) -> list[str]:
    return [r.latest.value_text for r in page.model.records]


@pytest.fixture
def read_on(monkeypatch) -> list[tuple[str, threading.Thread]]:
    """Which file each read was of, and on which thread; reads of 'slow' files linger."""
    reads: list[tuple[str, threading.Thread]] = []
    real = dashboard.gather

    def gather(repo, today):
        reads.append((repo.db.path.name, threading.current_thread()))
        if "slow" in repo.db.path.name:
            time.sleep(0.5)
        return real(repo, today)

    monkeypatch.setattr(dashboard, "gather", gather)
    return reads


def test_the_dashboard_reads_off_the_gui_thread(qtbot, tmp_path, read_on):
    repo = _with_c3(tmp_path / "mine.sqlite", "0.81")
    page = dashboard.DashboardPage(repo)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: _shown(page) == ["0.81"], timeout=10000)
    assert read_on and all(t is not threading.main_thread() for _, t in read_on)
    repo.close()


def test_a_change_during_a_read_is_read_again(qtbot, tmp_path, read_on):
    repo = _with_c3(tmp_path / "slow.sqlite", "0.81")
    page = dashboard.DashboardPage(repo)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(read_on), timeout=10000)  # the first read has begun
    repo.results.add_many([LabEntry(date(2024, 4, 1), "c3", "0.95", "g/L")])
    page.refresh()
    qtbot.waitUntil(lambda: _shown(page) == ["0.95"], timeout=10000)
    assert len(read_on) == 2
    repo.close()


def test_a_read_of_a_file_no_longer_open_is_not_shown(qtbot, tmp_path, read_on):
    first = _with_c3(tmp_path / "slow.sqlite", "0.81")
    second = _with_c3(tmp_path / "other.sqlite", "1.20")
    page = dashboard.DashboardPage(first)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(read_on), timeout=10000)
    page.set_repository(second)
    qtbot.waitUntil(lambda: _shown(page) == ["1.20"], timeout=10000)
    qtbot.wait(700)  # the slow read of the first file has ended by now
    assert _shown(page) == ["1.20"]
    first.close()
    second.close()
