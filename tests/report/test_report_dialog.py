"""The Print / Export PDF dialog: sections can be turned off, up to six photos chosen (the
most recent ticked by default), and what is chosen is what the report gathers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from lupus_tracker.report.content import gather
from lupus_tracker.report.sections import ReportSection
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.ui.report_actions import ReportDialog


def _dialog(qtbot, repo) -> ReportDialog:
    dialog = ReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.since.set_value(date(2026, 4, 1))
    dialog.until.set_value(date(2026, 6, 30))
    return dialog


def test_sections_and_photos_chosen_in_the_dialog_are_what_is_gathered(qtbot, demo_repo):
    for day in range(1, 9):
        demo_repo.photos.add(
            Photo(
                None, date(2026, 6, day), b"\x89PNG\r\n\x1a\nx", "image/png", f"rash {day}", "rash"
            )
        )
    dialog = _dialog(qtbot, demo_repo)
    items = [dialog.photos.item(i) for i in range(dialog.photos.count())]
    ticked = [i.text()[:10] for i in items if i.checkState() == Qt.CheckState.Checked]
    assert ticked == [f"2026-06-0{d}" for d in range(3, 9)]  # the six most recent
    items[0].setCheckState(Qt.CheckState.Checked)  # a seventh is refused, with a reason
    assert items[0].checkState() == Qt.CheckState.Unchecked
    assert "at most 6 photos" in dialog.error.text()
    items[7].setCheckState(Qt.CheckState.Unchecked)
    items[0].setCheckState(Qt.CheckState.Checked)
    dialog.section_boxes[ReportSection.CHARTS].setChecked(False)
    dialog.section_boxes[ReportSection.EVENTS].setChecked(False)
    assert all(box.accessibleName() for box in dialog.section_boxes.values())

    content = gather(
        demo_repo, *dialog.period(), sections=dialog.sections(), photo_ids=dialog.photo_ids()
    )
    assert not content.charts and not content.events
    assert content.results is not None and content.treatment is not None
    assert [p.caption for p, _ in content.photos] == [f"rash {d}" for d in (1, 3, 4, 5, 6, 7)]


def test_no_section_is_refused(qtbot, demo_repo):
    dialog = _dialog(qtbot, demo_repo)
    for box in dialog.section_boxes.values():
        box.setChecked(False)
    dialog.save_if_valid()
    assert dialog.result() != ReportDialog.DialogCode.Accepted
    assert "at least one section" in dialog.error.text()
