"""The dashboard's change cell shows the arrow and a signed number ("↓ −0.14 since ...");
a screen reader gets it in words ("down 0.14 since ..."), never an arrow alone (fixlatest
item 5, issue 11 item 15)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from lupus_tracker.domain.records import LabEntry


def test_the_change_is_shown_signed_and_spoken_in_words(make_window, repo, qtbot):
    today = date.today()
    repo.results.add(LabEntry(today - timedelta(days=40), "c3", "0.95", "g/L", "0.9-1.8"))
    repo.results.add(LabEntry(today - timedelta(days=5), "c3", "0.81", "g/L", "0.9-1.8"))
    page = make_window(repo).dashboard
    page.refresh()
    qtbot.waitUntil(lambda: bool(page.model.records), timeout=10000)
    column = [c.title for c in page.model.columns].index("Since previous")
    index = page.model.index(0, column)
    shown = page.model.data(index, Qt.ItemDataRole.DisplayRole)
    spoken = page.model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert shown.startswith("\u2193 \u22120.14 since 0.95 on ")
    assert spoken.startswith("down 0.14 since 0.95 on ")
