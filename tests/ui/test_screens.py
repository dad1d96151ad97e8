"""Screens a patient must understand (issue 11 items 15, 16, 18, 19, 20, 21)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QLabel

from lupus_tracker.domain.records import Dose, LabEntry, Medication
from lupus_tracker.domain.sledai import DESCRIPTORS, PLAIN_LANGUAGE, describe
from lupus_tracker.store.sledai_repo import SledaiAssessment
from lupus_tracker.ui import help_menu
from lupus_tracker.ui.sledai_dialog import SledaiDialog


def cells(model, column: str) -> list[str]:
    index = [c.title for c in model.columns].index(column)
    return [model.columns[index].text(record) for record in model.records]


def test_dashboard_change_with_previous_date_stale_results_and_medications(make_window, repo):
    today = date.today()
    repo.results.add_many(
        [
            LabEntry(today - timedelta(days=40), "creatinine", "0.95", "mg/dL"),
            LabEntry(today - timedelta(days=10), "creatinine", "0.81", "mg/dL"),
            LabEntry(today - timedelta(days=400), "c4", "0.12", "g/L"),
        ]
    )
    repo.treatments.add(
        Medication(
            None,
            "Hydroxychloroquine",
            today - timedelta(days=90),
            doses=(Dose(today - timedelta(days=90), 200, "mg", "twice daily"),),
        )
    )
    repo.treatments.add(
        Medication(None, "Tacrolimus", today - timedelta(days=300), today - timedelta(days=100))
    )
    repo.sledai.save(SledaiAssessment(today - timedelta(days=5), frozenset({"arthritis"})))
    window = make_window(repo)
    page = window.dashboard
    page.refresh()
    changes = dict(
        zip(cells(page.model, "Marker"), cells(page.model, "Since previous"), strict=True)
    )
    previous_day = today - timedelta(days=40)
    assert changes["Serum creatinine"].endswith(f"since 0.95 on {previous_day:%d %b %Y}")
    assert "−0.14" in changes["Serum creatinine"] or "-0.14" in changes["Serum creatinine"]
    dates = dict(zip(cells(page.model, "Marker"), cells(page.model, "Date"), strict=True))
    assert dates["Complement C4"].endswith("months ago")  # older than six months: dated
    assert cells(page.meds_model, "Medication") == ["Hydroxychloroquine"]  # stopped left out
    assert cells(page.meds_model, "Total a day") == ["400 mg a day"]
    assert "Latest SLEDAI-2K:</b> 4" in page.sledai.text()
    assert max(page.table.columnWidth(c) for c in range(page.model.columnCount() - 1)) <= 320


def test_medications_page_lists_active_first_with_readable_history(make_window, repo):
    today = date.today()
    repo.treatments.add(
        Medication(
            None, "Tacrolimus", date(2025, 1, 1), date(2025, 6, 1), "Stopped: no response, tremor"
        )
    )
    repo.treatments.add(
        Medication(
            None,
            "Prednisone",
            date(2026, 1, 1),
            doses=(
                Dose(date(2026, 1, 1), 40, "mg", "once daily"),
                Dose(date(2026, 2, 1), 20, "mg", "once daily"),
            ),
        )
    )
    window = make_window(repo)
    window.tabs.setCurrentWidget(window.treatments)
    model = window.treatments.meds_model
    assert cells(model, "Medication") == ["Prednisone", "Tacrolimus"]
    assert cells(model, "Status") == ["taking", "stopped 2025-06-01"]
    assert cells(model, "Note (and why stopped)")[1] == "Stopped: no response, tremor"
    assert cells(model, "Dose history")[0].splitlines() == [
        "from 2026-02-01: 20 mg once daily",
        "from 2026-01-01: 40 mg once daily",
    ]
    assert today  # the page reads the dates as given


def test_sledai_dialog_plain_words_one_band_never_remission(make_window, demo_repo):
    assert set(PLAIN_LANGUAGE) == {d.key for d in DESCRIPTORS}
    for total in (0, 3, 8, 15, 25):
        text = describe(total)
        assert "remission" not in text
        assert text.count("activity") == 1
    window = make_window(demo_repo)
    dialog = SledaiDialog(demo_repo, parent=window)
    labels = [w for w in dialog.findChildren(QLabel) if "Doctor's definition" in w.text()]
    assert len(labels) == len(DESCRIPTORS) and all(w.wordWrap() for w in labels)
    assert "cytoid bodies" in " ".join(w.text() for w in labels)
    assert "spots seen by an eye doctor" in PLAIN_LANGUAGE["visual_disturbance"]


def test_demo_banner_only_on_the_demo(make_window, repo, demo_repo):
    window = make_window(demo_repo)
    assert not window.demo_banner.isHidden() and window.windowTitle().startswith("Demo")
    other = make_window(repo)
    assert other.demo_banner.isHidden()


def test_help_menu_and_empty_pages_say_what_to_do(make_window, repo):
    window = make_window(repo)
    titles = [a.text() for a in window.help_menu.actions()]
    assert titles == [
        "&User guide",
        "&Keyboard shortcuts",
        "Show data &folder",
        "&About Lupus Tracker",
    ]
    assert "Ctrl+L" in help_menu.GUIDE and "SLEDAI-2K" in help_menu.GUIDE
    rows = dict(help_menu.shortcut_rows(window))
    assert rows["Edit › Redo"].startswith("Ctrl+Shift+Z")
    assert str(repo.db.path) in help_menu.where_text(window)
    window.tabs.setCurrentWidget(window.results)
    assert "Add lab report" in window.results.count.text()
    window.tabs.setCurrentWidget(window.treatments)
    assert not window.treatments.empty.isHidden()


def test_photo_viewer_pages_across_days_and_compares(make_window, repo, tmp_path, qtbot):
    from PySide6.QtGui import QImage

    from lupus_tracker.ui.photo_viewer import PhotoViewer

    window = make_window(repo)
    for day in ("2026-03-01", "2026-03-08"):
        picture = tmp_path / f"{day}.png"
        image = QImage(40, 30, QImage.Format.Format_RGB32)
        image.fill(0x993333)
        image.save(str(picture), "PNG")
        window.diary.set_day(date.fromisoformat(day))
        window.diary.attach_file(str(picture))
    photos = sorted(repo.photos.all(), key=lambda p: p.day)
    viewer = PhotoViewer(photos, 1, window)
    qtbot.addWidget(viewer)
    viewer.show()
    assert viewer.position.text() == "2 of 2" and not viewer.next_button.isEnabled()
    viewer.step(-1)
    assert viewer.main.title.text().startswith("2026-03-01")
    viewer.compare.setChecked(True)
    viewer.compare_with.setCurrentIndex(1)
    assert viewer.other.image.isVisibleTo(viewer)
    assert viewer.other.title.text().startswith("2026-03-08")
    assert not viewer.main.pixmap.isNull()


def test_window_and_dialogs_fit_the_available_screen(make_window, demo_repo):
    """The offscreen screen is small (800×600): nothing may open larger than it."""
    from lupus_tracker.ui.lab_dialog import LabReportDialog

    window = make_window(demo_repo)
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()
    for dialog in (LabReportDialog(demo_repo, window), SledaiDialog(demo_repo, parent=window)):
        assert dialog.width() <= available.width(), dialog.windowTitle()
        assert dialog.height() <= available.height(), dialog.windowTitle()
