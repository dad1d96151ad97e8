"""The main window: pages for the dashboard, lab results, the diary, treatments and
charts; the File menu; one undo stack for every change.

Pages never write: they ask, and the window carries out the change through the
repository (a refused change shows why and changes nothing), then records its undo.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QTabWidget

from lupus_tracker.domain.records import InvalidEntryError
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui import file_actions
from lupus_tracker.ui.backup_actions import backup_on_open, backup_quietly, open_for_window
from lupus_tracker.ui.change_actions import ChangeActions
from lupus_tracker.ui.dashboard import DashboardPage
from lupus_tracker.ui.diary_page import DiaryPage
from lupus_tracker.ui.results_page import ResultsPage
from lupus_tracker.ui.symptom_history import SymptomHistoryPage
from lupus_tracker.ui.treatments_page import TreatmentsPage

USER_ERRORS = (StoreError, InvalidEntryError, ValueError)


class MainWindow(QMainWindow):
    def __init__(self, repo: Repository, settings: QSettings | None = None):
        super().__init__()
        self.repo = repo
        self.settings = settings or QSettings()
        self.undo_stack = QUndoStack(self)
        self._refresh_pending = False
        self.tabs = QTabWidget()
        self.dashboard = DashboardPage(repo)
        self.results = ResultsPage(repo)
        self.diary = DiaryPage(repo)
        self.treatments = TreatmentsPage(repo)
        self.symptom_history = SymptomHistoryPage(repo)
        self.pages = [self.dashboard, self.results, self.diary, self.symptom_history,
                      self.treatments]
        for title, page in (("&Dashboard", self.dashboard), ("&Lab results", self.results),
                            ("&Symptoms", self.diary), ("Symptom histor&y",
                                                        self.symptom_history),
                            ("&Medications && events", self.treatments)):
            self.tabs.addTab(page, title)
        self.charts = None
        self.tabs.addTab(file_actions.placeholder("Charts"), "&Charts")
        self._stale = {self.results, self.symptom_history, self.treatments}
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.changes = ChangeActions(self)
        self._build_menus()
        self._connect_pages()
        repo.subscribe(self._repository_changed)
        self._update_title()
        QTimer.singleShot(0, self, lambda: backup_on_open(self.repo.db, self))
        self.resize(1200, 800)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # -- structure ----------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("&File")
        file_actions.install(self, self.file_menu)
        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        # Spelled out: QKeySequence.StandardKey.Redo is Ctrl+Shift+Z itself on Linux, and
        # one key twice on an action makes Qt call it ambiguous and do nothing.
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        self.add_action(edit, "Add &lab report…", "Ctrl+L", self.changes.add_lab_report)
        self.add_action(edit, "Log &symptoms for today", "Ctrl+D", self.show_diary_today)
        self.add_action(edit, "Add &medication…", "Ctrl+M", self.changes.add_medication)
        self.add_action(edit, "Add &event…", "Ctrl+E", self.changes.add_event)
        edit.addSeparator()
        self.add_action(edit, "Patient &profile and units…", "Ctrl+,",
                        self.changes.edit_profile)
        self.insight_menu = self.menuBar().addMenu("&Insight")
        self.add_action(self.insight_menu, "&SLEDAI-2K for a visit…", "Ctrl+K",
                        self.changes.sledai)
        self.add_action(self.insight_menu, "&Treatment response…", "Ctrl+R",
                        self.changes.treatment_response)
        self.add_action(self.insight_menu, "Recompute &eGFR from creatinine", None,
                        self.changes.recompute_egfr)

    def add_action(self, menu, text: str, shortcut: str | QKeySequence.StandardKey | None,
                   slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _connect_pages(self) -> None:
        c = self.changes
        self.dashboard.start.add_lab.connect(c.add_lab_report)
        self.dashboard.start.log_symptoms.connect(self.show_diary_today)
        self.dashboard.start.open_demo.connect(lambda: file_actions.open_demo(self))
        self.results.edit_requested.connect(c.edit_result)
        self.results.delete_requested.connect(c.delete_result)
        self.diary.save_requested.connect(c.save_day)
        self.diary.photo_added.connect(c.add_photo)
        self.symptom_history.open_day.connect(self._open_diary_day)
        self.treatments.add_medication.connect(c.add_medication)
        self.treatments.change_dose.connect(c.change_dose)
        self.treatments.stop_medication.connect(c.stop_medication)
        self.treatments.delete_medication.connect(c.delete_medication)
        self.treatments.add_event.connect(c.add_event)
        self.treatments.edit_event.connect(c.edit_event)
        self.treatments.delete_event.connect(c.delete_event)

    def add_page(self, title: str, widget) -> None:
        """Add a page that follows the open file (it needs ``set_repository``)."""
        self.tabs.addTab(widget, title)
        self.pages.append(widget)

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page in self._stale:  # pages fill when first shown, and after changes
            self._stale.discard(page)
            page.refresh()
        if self.tabs.tabText(index) == "&Charts" and self.charts is None:
            from lupus_tracker.ui.charts_view import ChartsView

            self.charts = ChartsView(self.repo)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, self.charts, "&Charts")
            self.tabs.setCurrentIndex(index)
            self.pages.append(self.charts)

    def show_diary_today(self) -> None:
        self._open_diary_day(date.today())

    def _open_diary_day(self, day: date) -> None:
        self.diary.set_day(day)
        self.tabs.setCurrentWidget(self.diary)

    # -- running changes ------------------------------------------------------------------
    def attempt(self, what: str, action: Callable[[], object]) -> object | None:
        """Run a change; a refused one is explained and changes nothing."""
        try:
            return action()
        except USER_ERRORS as error:
            QMessageBox.warning(self, f"Could not {what}", str(error))
            return None

    def _repository_changed(self, _table: str) -> None:
        if not self._refresh_pending:  # many changes (an import) -> one refresh
            self._refresh_pending = True
            QTimer.singleShot(0, self.refresh_pages)

    def refresh_pages(self) -> None:
        """Refresh the page in view now; the others when they are next shown."""
        self._refresh_pending = False
        current = self.tabs.currentWidget()
        for page in self.pages:
            if page is self.diary:
                continue
            if page is current:
                page.refresh()
            else:
                self._stale.add(page)

    # -- the open file ----------------------------------------------------------------------
    def set_repository(self, repo: Repository) -> None:
        """Show another file: every page follows, the undo history starts afresh."""
        old = self.repo
        old.unsubscribe(self._repository_changed)
        self.repo = repo
        repo.subscribe(self._repository_changed)
        self.undo_stack.clear()
        current = self.tabs.currentWidget()
        for page in self.pages:
            page.repo = repo
            if page is current or page is self.diary:
                page.set_repository(repo)
            else:
                self._stale.add(page)
        self._update_title()
        file_actions.remember_recent(self.settings, repo.db.path)
        if old.db.path != repo.db.path:
            backup_quietly(old.db, self)
        old.close()
        QTimer.singleShot(0, self, lambda: backup_on_open(self.repo.db, self))

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.repo.db.path.name} — Lupus Tracker")
        self.setWindowFilePath(str(self.repo.db.path))

    def open_path(self, path: Path) -> bool:
        known = str(path) in file_actions.recent_paths(self.settings)
        repo = open_for_window(path, self, known=known)
        if repo is None:
            return False
        self.set_repository(repo)
        return True

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        backup_quietly(self.repo.db, self)
        super().closeEvent(event)

    def exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted
