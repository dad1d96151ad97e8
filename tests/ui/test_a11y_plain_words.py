"""Plain language (issue 18 item 6): every clinical word the patient sees explains itself
in one line, as a tooltip, a screen-reader description and in the user guide; saved
actions confirm in the status bar; the dashboard's symptom summary is a real table."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QToolTip, QWidget

from lupus_tracker.domain.records import Event, EventKind, LabEntry, Medication, SymptomEntry
from lupus_tracker.store.sledai_repo import SledaiAssessment
from lupus_tracker.store.treatment_changes import AddEvent, AddMedication
from lupus_tracker.ui import glossary, help_menu, term_tips
from tests.ui.test_shortcuts import dialogs

ASKED_FOR = (
    "Pyuria",
    "Increased DNA binding",
    "UPCR",
    "Assay",
    "dilution",
    "SLEDAI-2K",
    "LLDAS",
    "DORIS",
    "PGA",
    "eGFR",
    "complement",
    "Proteinuria",
    "Hematuria",
    "titer",
    "anti-dsDNA",
    "reference range",
)


def test_the_glossary_explains_every_word_asked_for_in_one_line():
    words = {t.word.casefold() for t in glossary.terms()}
    assert {w.casefold() for w in ASKED_FOR} <= words
    for term in glossary.terms():
        assert "\n" not in term.explanation and 10 < len(term.explanation) <= 160, term.word
        assert "remission" not in term.explanation.casefold() or term.word == "DORIS"
    assert [t.word for t in glossary.found_in("down −1 dilution")] == ["dilution"]
    assert glossary.found_in("Ctrl+K: SLEDAI-2K for a visit")[0].word == "SLEDAI-2K"
    assert glossary.found_in("Banana") == []  # whole words only


def test_the_user_guide_holds_the_whole_glossary():
    for term in glossary.terms():
        assert f"<b>{term.word}</b>: {term.explanation}" in help_menu.GUIDE


def _cells(view: QAbstractItemView):
    model = view.model()
    for row in range(min(model.rowCount(), 40)):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            rect = view.visualRect(index)
            if rect.isValid() and view.viewport().rect().contains(rect.center()):
                yield index, rect.center()


def words_explained(root: QWidget) -> tuple[set[str], list[str]]:
    """(terms shown in ``root``, places where a shown term has no explanation)."""
    seen: set[str] = set()
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        places: list[tuple[QWidget, QPoint | None]] = [(widget, None)]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            places = [(widget.viewport(), point) for _, point in _cells(widget)]
            header = getattr(widget, "horizontalHeader", lambda: None)()
            if header is not None and not header.isHidden():
                places += [
                    (header, QPoint(header.sectionViewportPosition(s) + 3, 3))
                    for s in range(header.count())
                    if not header.isSectionHidden(s)
                ]
        for place, point in places:
            for term in glossary.found_in(term_tips.shown_text(place, point)):
                seen.add(term.word)
                if term.explanation not in term_tips.tip_at(place, point):
                    missing.append(f"{term.word} in {type(place).__name__}")
    return seen, missing


def test_every_term_shown_in_pages_and_dialogs_has_its_explanation(make_window, demo_repo, qtbot):
    window = make_window(demo_repo)
    window.show()
    seen: set[str] = set()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        found, missing = words_explained(window.tabs.widget(index))
        assert missing == [], window.tabs.tabText(index)
        seen |= found
    from lupus_tracker.ui.t2t_view import TreatToTargetView

    for dialog in [*dialogs(demo_repo, window), TreatToTargetView(demo_repo, window)]:
        qtbot.addWidget(dialog)
        dialog.show()
        found, missing = words_explained(dialog)
        assert missing == [], dialog.windowTitle()
        seen |= found
        dialog.hide()
    assert {
        "Pyuria",
        "Increased DNA binding",
        "assay",
        "SLEDAI-2K",
        "LLDAS",
        "DORIS",
        "PGA",
        "complement",
        "eGFR",
        "UPCR",
    } <= seen


def test_hovering_a_word_shows_its_line_and_a_screen_reader_gets_it(make_window, demo_repo, qtbot):
    from lupus_tracker.ui.sledai_dialog import SledaiDialog

    window = make_window(demo_repo)
    dialog = SledaiDialog(demo_repo, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    window.tabs.setCurrentWidget(window.dashboard)
    window.show()
    qtbot.waitExposed(window)
    label = window.dashboard.sledai  # "Latest SLEDAI-2K: ..." filled after the first paint
    qtbot.waitUntil(lambda: "SLEDAI-2K" in label.text())
    event = QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(5, 5), label.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(label, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "SLEDAI-2K: A score (0 to 105)" in QToolTip.text()
    QToolTip.hideText()
    pyuria = next(
        w for w in dialog.findChildren(QWidget) if term_tips.shown_text(w).startswith("Pyuria")
    )
    described = pyuria.accessibleDescription() or pyuria.toolTip()
    assert "White blood cells in the urine" in described


def test_every_saved_action_confirms_in_the_status_bar(make_window, repo, qtbot):
    window = make_window(repo)
    changes = window.changes
    today = date.today()

    def confirmed(action, words: str) -> None:
        window.statusBar().clearMessage()
        assert action() is not False
        message = window.statusBar().currentMessage()
        assert words in message and "Ctrl+Z" in message, message

    confirmed(
        lambda: changes.save_lab_report(
            [
                LabEntry(today, "c3", "0.8", "g/L"),
                LabEntry(today, "c4", "0.1", "g/L"),
                LabEntry(today, "upcr", "0.3", "mg/mg"),
            ]
        ),
        "Add lab report (3 results)",
    )
    confirmed(
        lambda: changes.apply(
            "add the medication",
            AddMedication(Medication(None, "Hydroxychloroquine", today - timedelta(days=3))),
        ),
        "Hydroxychlo",
    )
    confirmed(
        lambda: changes.apply(
            "add the event", AddEvent(Event(None, today, EventKind.FLARE, "Flare", None, None))
        ),
        "",
    )
    confirmed(
        lambda: changes.save_sledai(SledaiAssessment(today, frozenset({"arthritis"}))), "SLEDAI-2K"
    )
    confirmed(
        lambda: changes.save_report_note(today - timedelta(days=30), today, "Ask"), "report notes"
    )
    window.statusBar().clearMessage()
    changes.save_day(today, [SymptomEntry(today, "fatigue", 4)], None, [])
    assert "Saved the diary" in window.statusBar().currentMessage()


def test_dashboard_symptom_summary_is_a_named_table_with_headers(make_window, demo_repo):
    window = make_window(demo_repo)
    today = date.today()
    for back in (1, 2):
        window.changes.save_day(
            today - timedelta(days=back),
            [
                SymptomEntry(today - timedelta(days=back), "fatigue", 4),
                SymptomEntry(today - timedelta(days=back), "joint_pain", 2),
            ],
            None,
            [],
        )
    page = window.dashboard
    page.refresh()
    table = page.symptoms
    assert isinstance(table, QTableView) and table.accessibleName() == "Symptoms, last 30 days"
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Symptom", "Average (0-10)", "Worst", "Days present"]
    assert not table.horizontalHeader().isHidden()
    assert model.rowCount() > 0
    interface = QAccessible.queryAccessibleInterface(table)
    assert interface.role() == QAccessible.Role.Table
    assert interface.text(QAccessible.Text.Name) == "Symptoms, last 30 days"
    children = [interface.child(i) for i in range(interface.childCount())]
    said = {(c.role(), c.text(QAccessible.Text.Name)) for c in children if c is not None}
    assert (QAccessible.Role.ColumnHeader, "Average (0-10)") in said  # each cell has its
    assert (QAccessible.Role.Cell, model.index(0, 0).data()) in said  # header, not a blob
    assert sum(role == QAccessible.Role.Cell for role, _ in said) >= 4
