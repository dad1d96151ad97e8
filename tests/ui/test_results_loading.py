"""The Lab results page reads in a background task (issue 10, Speed: its first load took
0.05-0.2 s on the GUI thread at 30 years): a slow read never blocks the window, the page
says it is loading, the table fills when the rows arrive, the latest request wins, and the
table keeps its sort."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.results_repo import ResultsManager
from lupus_tracker.ui.results_page import ResultsPage

READ_S = 0.5


@pytest.fixture
def reads(monkeypatch) -> list[tuple[tuple[str, ...] | None, threading.Thread]]:
    """Each read's markers and thread; every read of the page takes READ_S."""
    seen: list[tuple[tuple[str, ...] | None, threading.Thread]] = []
    real = ResultsManager.all

    def slow_all(self, markers=None, since=None, until=None):
        seen.append((tuple(markers) if markers else None, threading.current_thread()))
        time.sleep(READ_S)
        return real(self, markers, since, until)

    monkeypatch.setattr(ResultsManager, "all", slow_all)
    return seen


def _filled(repo) -> None:
    start = date(2020, 1, 1)
    repo.results.add_many(
        [
            LabEntry(start + timedelta(days=30 * i), key, f"{base + i / 100:.2f}", unit)
            for i in range(12)
            for key, unit, base in (("c3", "g/L", 0.9), ("creatinine", "mg/dL", 0.8))
        ]
    )


def _page(qtbot, repo) -> ResultsPage:
    page = ResultsPage(repo)
    qtbot.addWidget(page)
    page.since.set_value(date(2019, 1, 1))
    page.until.set_value(date(2026, 12, 31))
    return page


def test_a_slow_read_does_not_block_and_the_table_fills(qtbot, repo, reads):
    _filled(repo)
    page = _page(qtbot, repo)
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)  # the date fields' own reads
    reads.clear()
    began = time.perf_counter()
    page.refresh()
    assert time.perf_counter() - began < READ_S / 2  # the GUI thread did not wait
    assert page.busy and page.count.text() == "Loading…"
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    assert page.model.rowCount() == 24 and page.count.text() == "24 results"
    assert reads and all(thread is not threading.main_thread() for _, thread in reads)


def test_a_second_request_wins_over_the_first(qtbot, repo, reads):
    _filled(repo)
    page = _page(qtbot, repo)
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    shown: list[set[str]] = []
    real = page.model.set_records
    page.model.set_records = lambda rows: shown.append({r.marker for r in rows}) or real(rows)
    reads.clear()
    page.marker.setCurrentIndex(page.marker.findData("c3"))  # first request (a read)
    qtbot.waitUntil(lambda: bool(reads), timeout=5000)  # it has begun
    page.marker.setCurrentIndex(page.marker.findData("creatinine"))  # the second
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    assert shown == [{"creatinine"}]  # the first read's rows were never shown
    assert [m for m, _ in reads] == [("c3",), ("creatinine",)]
    assert page.count.text() == "12 results"


def test_a_background_reload_keeps_the_sort(qtbot, repo, reads):
    _filled(repo)
    page = _page(qtbot, repo)
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # by value, largest first
    repo.results.add_many([LabEntry(date(2025, 6, 1), "c3", "5.00", "g/L")])
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    values = [float(page.model.index(r, 3).data()) for r in range(page.model.rowCount())]
    assert values == sorted(values, reverse=True) and values[0] == 5.0
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == 3
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_a_failed_read_is_said_in_one_line(qtbot, repo, monkeypatch):
    page = _page(qtbot, repo)
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)

    def broken(self, markers=None, since=None, until=None):
        raise OSError("disk I/O error")

    monkeypatch.setattr(ResultsManager, "all", broken)
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    assert page.count.text() == "Could not read the lab results. disk I/O error"
