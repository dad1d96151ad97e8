"""Round 4 patient review, page findings: the Lab results page says how many results its
period hides and shows them all (through the filter bar, as the symptom history does);
the chart's From and To show the span the chosen period draws; the photo pane follows
the current row by keyboard; a computed eGFR's range reads as the usual range, not blank."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage

from lupus_tracker.domain.records import LabEntry, Profile, Sex, SymptomEntry
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.ui import tasks
from lupus_tracker.ui.charts_view import ChartsView
from lupus_tracker.ui.results_page import ResultsPage
from lupus_tracker.ui.symptom_history import SymptomHistoryPage

TODAY = date.today()


@pytest.fixture
def inline():
    with tasks.run_inline():
        yield


def _column(page: ResultsPage, title: str) -> list[str]:
    column = [c.title for c in page.model.columns].index(title)
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def test_lab_results_say_what_the_period_hides_and_show_every_result(qtbot, repo, inline):
    for day in (date(1996, 7, 8), date(1999, 12, 31), date(2000, 1, 1), TODAY):
        repo.results.add(LabEntry(day, "c3", "0.9", "g/L", "0.9-1.8"))
    page = ResultsPage(repo)
    qtbot.addWidget(page)
    page.refresh()
    assert page.count.text().startswith("2 of 4 results")  # never a silent "2 results"
    assert not page.show_all_button.isHidden()
    page.show_all_button.click()  # Alt+W by keyboard
    assert page.filters.period() == (date(1996, 7, 8), TODAY)
    assert page.model.rowCount() == 4 and page.count.text() == "4 results"
    assert page.show_all_button.isHidden()
    assert page.show_all_button.text() == "Sho&w every result"


def test_lab_results_with_nothing_in_the_period_never_say_no_results_yet(qtbot, repo, inline):
    repo.results.add(LabEntry(date(1997, 3, 1), "c3", "0.9", "g/L", "0.9-1.8"))
    page = ResultsPage(repo)
    qtbot.addWidget(page)
    page.refresh()
    assert page.count.text().startswith("0 of 1 results")


def test_a_computed_egfr_shows_the_usual_range_marked_as_such(qtbot, repo, inline):
    repo.profile.set(Profile(birth_date=date(1980, 3, 1), sex=Sex.FEMALE))
    repo.results.add(LabEntry(TODAY, "creatinine", "0.8", "mg/dL", "0.5-1.1"))
    repo.results.add(LabEntry(TODAY, "c4", "0.2", "g/L"))  # no range printed
    page = ResultsPage(repo)
    qtbot.addWidget(page)
    page.refresh()
    ranges = dict(zip(_column(page, "Marker"), _column(page, "Lab range"), strict=True))
    assert ranges["Creatinine"] == "0.5-1.1"  # the lab's, unmarked
    assert ranges["eGFR"] == ">=60 (usual range)"  # as the dashboard and `list` show it
    assert next(v for k, v in ranges.items() if "C4" in k).endswith("(usual range)")


def _drawn(qtbot, view):
    qtbot.waitUntil(lambda: not view.busy and view.rendered is not None, timeout=30000)


def test_chart_dates_follow_the_chosen_period(qtbot, repo, inline):
    for day in (date(1996, 7, 8), TODAY - timedelta(days=3)):
        repo.results.add(LabEntry(day, "c3", "0.9", "g/L", "0.9-1.8"))
    view = ChartsView(repo)
    qtbot.addWidget(view)
    view.what.setCurrentIndex(view.what.findData("marker:c3"))
    view.period.setCurrentIndex(view.period.findData(182))  # 6 months
    _drawn(qtbot, view)
    assert (view.since.value(), view.until.value()) == (TODAY - timedelta(days=182), TODAY)
    view.period.setCurrentIndex(view.period.findData(None))  # All
    _drawn(qtbot, view)
    assert (view.since.value(), view.until.value()) == (date(1996, 7, 8), TODAY - timedelta(3))
    view.period.setCurrentIndex(view.period.findData(-1))  # Custom starts from what was drawn
    _drawn(qtbot, view)
    assert view.choice().since == date(1996, 7, 8) and view.since.isEnabled()


def _png() -> bytes:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def test_the_photo_pane_follows_the_current_row_by_keyboard(qtbot, repo):
    first, second = TODAY.replace(day=1), TODAY.replace(day=1) + timedelta(days=1)
    if second > TODAY:
        first, second = TODAY - timedelta(days=1), TODAY
    for day in (first, second):
        repo.diary.log(SymptomEntry(day, "fatigue", 3))
    repo.photos.add(Photo(None, second, _png(), "image/png", "rash on day two", "rash"))
    page = SymptomHistoryPage(repo)
    qtbot.addWidget(page)
    page.since.set_value(first)
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy and page.model.rowCount() == 2)
    page.show()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.photos.count() == 0  # the first day has no photo
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 1
    assert [page.photos.item(i).text() for i in range(page.photos.count())] == ["rash on day two"]
