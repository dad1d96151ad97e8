"""The main window: pages for the dashboard, lab results, the diary, treatments and
charts; the File menu; one undo stack for every change.

Pages never write: they ask, and the window carries out the change as one of the store's
change objects (a refused change shows why and changes nothing), then records its inverse
in the undo history.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.store.repository import Repository
from lupus_tracker.ui import file_actions, theme
from lupus_tracker.ui.backup_actions import backup_on_open, backup_quietly, open_for_window
from lupus_tracker.ui.dashboard import DashboardPage
from lupus_tracker.ui.first_paint import after_first_paint
from lupus_tracker.ui.lazy_pages import LazyPages, PageSlot
from lupus_tracker.ui.undo import FAILED, USER_ERRORS, ChangeHistory, Outcome

log = logging.getLogger(__name__)
OPEN_BACKUP_WAIT_S = 120  # a backup of a very large file on a slow disk

if TYPE_CHECKING:
    from lupus_tracker.ui.change_actions import ChangeActions
    from lupus_tracker.ui.charts_view import ChartsView
    from lupus_tracker.ui.diary_page import DiaryPage
    from lupus_tracker.ui.results_page import ResultsPage
    from lupus_tracker.ui.symptom_history import SymptomHistoryPage
    from lupus_tracker.ui.treatments_page import TreatmentsPage


class Page(Protocol):
    """A page that follows the open file and refreshes when the data changes."""

    repo: Repository

    def set_repository(self, repo: Repository) -> None: ...

    def refresh(self) -> None: ...


class MainWindow(QMainWindow):
    def __init__(self, repo: Repository, settings: QSettings | None = None):
        super().__init__()
        self.repo = repo
        self.settings = settings or QSettings()
        self.undo_stack = ChangeHistory(self, lambda: self.repo)
        # Replaces "Deleted … — Undo (Ctrl+Z)" so it never invites a second, different undo.
        self.undo_stack.performed.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self._refresh_pending = False
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Pages")  # a Tab stop: AT-SPI read it as an unnamed filler
        self.dashboard = DashboardPage(repo)
        self.tabs.addTab(self.dashboard, "&Dashboard")
        # the built pages besides the diary (which keeps unsaved entries, reloads itself)
        self.pages: list[Page] = [self.dashboard]
        self._stale: set[Page] = set()
        # Every other page is built on its first visit (ui/lazy_pages.py): start-up speed.
        self._lazy = LazyPages(
            self.tabs,
            [
                PageSlot("results", "&Lab results", lambda: _results_page(self.repo)),
                PageSlot("diary", "&Symptoms", lambda: _diary_page(self.repo)),
                PageSlot("symptom_history", "Symptom histor&y", lambda: _history(self.repo)),
                PageSlot("treatments", "&Medications && events", lambda: _treatments(self.repo)),
                PageSlot("charts", "&Charts", lambda: _charts(self.repo)),
            ],
            self._page_built,
        )
        self._shown_index = 0
        self.tabs.currentChanged.connect(self._tab_changed)
        self.demo_banner = QLabel(
            "<b>Demo patient — not your data.</b> Everything in this file is made up, to "
            "show what the app does. Use File › New or File › Open for your own file."
        )
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setAccessibleName("Demo patient banner")
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.demo_banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._changes: ChangeActions | None = None
        self._build_menus()
        self._connect_pages()
        from lupus_tracker.ui import help_menu

        self.help_menu = help_menu.install(self)
        self._undo_keys: QObject | None = None
        self._closed = False
        self.restyle()
        repo.subscribe(self._repository_changed)
        self._seen_version = self._data_version()
        self._update_title()
        self._adopt_number_format()
        self._open_backup: threading.Event | None = None
        self.statusBar()  # laid out with the window: no jump when its first message comes
        self.fit_to_screen()
        # Not needed to show the window: done just after its first paint (start-up speed),
        # once the dashboard (painted with it) has started its read.
        after_first_paint(self.dashboard, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What the window does once it is on screen: the keyboard and focus helpers, the
        integrity check's outcome and the day's first backup (the dashboard reads its data
        itself, also just after the first paint)."""
        if self._closed:  # closed before it was ever painted: its close made the backup
            return
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if isinstance(app, QApplication):  # a window always runs inside an application
            from lupus_tracker.ui import focus_ring, term_tips
            from lupus_tracker.ui.undo_keys import UndoFallback

            self._undo_keys = UndoFallback(self)
            app.installEventFilter(self._undo_keys)
            focus_ring.install(app).follow(app.focusWidget())  # a visible ring in every window
            term_tips.install(app)  # plain words for clinical terms
            app.focusWindowChanged.connect(self._focus_window_changed)
        self._start_open_backup()

    def _adopt_number_format(self) -> None:
        """A file without a number format gets the system locale's, said in the status bar
        (issue 12 item 1; the rule is in ui/profile_prompt.py)."""
        from lupus_tracker.ui.profile_prompt import (
            adopt_system_number_format,
            number_format_message,
        )

        try:
            chosen = adopt_system_number_format(self.repo)
        except USER_ERRORS:  # e.g. a read-only file: stays unset, ambiguous values refused
            return
        if chosen is not None:
            self.statusBar().showMessage(number_format_message(chosen), 15000)

    def fit_to_screen(self) -> None:
        """Open at a size that fits the screen's free area (a laptop at 1366×768 or 150%
        scaling included); a remembered geometry is used only if it still fits."""
        from lupus_tracker.ui.screen import font_scale

        available = self.screen().availableGeometry()
        scale = font_scale(self)  # a 16 pt font uses more of a large screen
        self.resize(
            min(round(1200 * scale), int(available.width() * 0.98)),
            min(round(800 * scale), int(available.height() * 0.92)),
        )
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            if not available.contains(self.frameGeometry()):
                self.resize(
                    min(self.width(), available.width()),
                    min(self.height(), int(available.height() * 0.92)),
                )
                self.move(available.topLeft())

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
        self.add_action(edit, "Add &lab report…", "Ctrl+L", lambda: self.changes.add_lab_report())
        self.add_action(edit, "Log &symptoms for today", "Ctrl+D", self.show_diary_today)
        self.add_action(edit, "Add &medication…", "Ctrl+M", lambda: self.changes.add_medication())
        self.add_action(edit, "Add &event…", "Ctrl+E", lambda: self.changes.add_event())
        edit.addSeparator()
        self.add_action(
            edit, "Patient &profile and units…", "Ctrl+,", lambda: self.changes.edit_profile()
        )
        self._build_theme_menu(edit)
        for text, keys, step in (
            ("Next page", ("Ctrl+Tab", "Ctrl+PgDown"), 1),
            ("Previous page", ("Ctrl+Shift+Tab", "Ctrl+PgUp"), -1),
        ):
            page_action = QAction(text, self)  # works from any field or table
            page_action.setShortcuts([QKeySequence(k) for k in keys])
            page_action.triggered.connect(
                lambda _=False, s=step: self.tabs.setCurrentIndex(
                    (self.tabs.currentIndex() + s) % self.tabs.count()
                )
            )
            self.addAction(page_action)
        self.insight_menu = self.menuBar().addMenu("&Insight")
        self.add_action(
            self.insight_menu, "&SLEDAI-2K for a visit…", "Ctrl+K", lambda: self.changes.sledai()
        )
        self.add_action(
            self.insight_menu,
            "&Treatment response…",
            "Ctrl+R",
            lambda: self.changes.treatment_response(),
        )
        self.add_action(self.insight_menu, "Treat-to-tar&get…", None, self.show_treat_to_target)
        self.add_action(
            self.insight_menu,
            "Recompute &eGFR from creatinine",
            None,
            lambda: self.changes.recompute_egfr(),
        )

    def add_action(
        self,
        menu,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    @property
    def changes(self) -> ChangeActions:
        """Carries out every change; built on first use (its store modules load then, not
        while the window opens)."""
        if self._changes is None:
            from lupus_tracker.ui.change_actions import ChangeActions

            self._changes = ChangeActions(self)
        return self._changes

    def _connect_pages(self) -> None:
        self.dashboard.start.add_lab.connect(lambda: self.changes.add_lab_report())
        self.dashboard.start.log_symptoms.connect(self.show_diary_today)
        self.dashboard.start.open_demo.connect(lambda: file_actions.open_demo(self))
        self.dashboard.profile_bar.enter.connect(lambda: self.changes.enter_profile_from_prompt())

    # -- pages, built on first use (ui/lazy_pages.py) -------------------------------------
    @property
    def results(self) -> ResultsPage:
        return self._lazy.get("results")  # type: ignore[return-value]

    @property
    def diary(self) -> DiaryPage:
        return self._lazy.get("diary")  # type: ignore[return-value]

    @property
    def symptom_history(self) -> SymptomHistoryPage:
        return self._lazy.get("symptom_history")  # type: ignore[return-value]

    @property
    def treatments(self) -> TreatmentsPage:
        return self._lazy.get("treatments")  # type: ignore[return-value]

    @property
    def charts(self) -> ChartsView | None:
        """The Charts page once visited (its first visit imports matplotlib), else None."""
        return self._lazy.built.get("charts")  # type: ignore[return-value]

    def _diary_if_built(self) -> DiaryPage | None:
        return self.diary if self._lazy.is_built("diary") else None

    def _page_built(self, name: str, page: QWidget) -> None:
        """Connect a page that has just been built; it fills when it is shown."""
        c = self.changes
        if name == "results":
            self.results.edit_requested.connect(c.edit_result)
            self.results.delete_requested.connect(c.delete_result)
        elif name == "diary":
            diary = self.diary
            diary.save_requested.connect(c.save_day)
            diary.photo_added.connect(c.add_photo)
            diary.custom_symptom_requested.connect(c.add_custom_symptom)
            diary.photos.itemActivated.connect(self.open_photo)  # Enter or double-click
            diary.error.setStyleSheet(f"color: {theme.current().error};")
            return  # the diary loads its day itself and keeps unsaved entries
        elif name == "symptom_history":
            history = self.symptom_history
            history.photos.itemActivated.connect(self.open_photo)
            history.open_day.connect(self._open_diary_day)
            history.log_today.connect(self.show_diary_today)
        elif name == "treatments":
            t = self.treatments
            t.add_medication.connect(c.add_medication)
            t.change_dose.connect(c.change_dose)
            t.stop_medication.connect(c.stop_medication)
            t.delete_medication.connect(c.delete_medication)
            t.add_event.connect(c.add_event)
            t.edit_event.connect(c.edit_event)
            t.delete_event.connect(c.delete_event)
        filled: Page = page  # type: ignore[assignment]
        self.pages.append(filled)
        if name != "charts":  # the Charts page draws when it is first shown, by itself
            self._stale.add(filled)

    def open_photo(self, item) -> None:
        """Show a photo enlarged, with previous/next across days and side-by-side compare."""
        from PySide6.QtCore import Qt

        from lupus_tracker.ui.photo_viewer import PhotoViewer

        photos = sorted(self.repo.photos.all(), key=lambda p: (p.day, p.id))
        wanted = item.data(Qt.ItemDataRole.UserRole)
        index = next((i for i, p in enumerate(photos) if p.id == wanted), 0)
        self.exec_dialog(PhotoViewer(photos, index, self))

    def _tab_changed(self, index: int) -> None:
        left = self.tabs.widget(self._shown_index)
        diary = self._diary_if_built()
        if left is diary and diary is not None and index != self._shown_index:
            if diary.has_unsaved() and not diary.may_leave():  # Cancel: entries kept
                self.tabs.blockSignals(True)
                self.tabs.setCurrentIndex(self._shown_index)
                self.tabs.blockSignals(False)
                return
            if diary.has_unsaved():  # Discard
                diary.load()
        self._shown_index = index
        self.check_outside_changes()
        name = self._lazy.name_at(index)
        if name is not None:
            self._lazy.get(name)  # built on its first visit, in the same tab
        shown = self.tabs.widget(index)
        page = next((p for p in self._stale if p is shown), None)
        if page is not None:  # pages fill when first shown, and after changes
            self._stale.discard(page)
            page.refresh()

    def show_treat_to_target(self) -> None:
        from lupus_tracker.ui.t2t_view import TreatToTargetView

        TreatToTargetView(self.repo, self, save_setting=self.changes.save_setting).exec()

    def show_diary_today(self) -> None:
        self._open_diary_day(date.today())

    def _open_diary_day(self, day: date) -> None:
        """Show ``day`` in the diary, asking first about unsaved entries of another day."""
        if not self.diary.set_day(day):
            self.tabs.setCurrentWidget(self.diary)
            return
        self.tabs.setCurrentWidget(self.diary)
        self.diary.focus_first_symptom()  # the first digit typed lands in Fatigue

    # -- running changes ------------------------------------------------------------------
    def attempt(self, what: str, action: Callable[[], object]) -> Outcome:
        """Run a change; a refused one is explained, changes nothing and gives ``FAILED``
        (distinct from a change whose value is ``None``)."""
        try:
            return Outcome(True, action())
        except USER_ERRORS as error:
            QMessageBox.warning(self, f"Could not {what}", str(error))
            return FAILED

    def _repository_changed(self, table: str) -> None:
        diary = self._diary_if_built()
        if table == "custom_symptoms" and diary is not None:  # added or removed (undo)
            QTimer.singleShot(0, diary.refresh_symptoms)  # the diary shows their rows
        if not self._refresh_pending:  # many changes (an import) -> one refresh
            self._refresh_pending = True
            QTimer.singleShot(0, self.refresh_pages)

    def refresh_pages(self) -> None:
        """Refresh the page in view now; the others when they are next shown."""
        self._refresh_pending = False
        current = self.tabs.currentWidget()
        for page in self.pages:
            if page is current:
                page.refresh()
            else:
                self._stale.add(page)

    def _data_version(self) -> int | None:
        try:
            return self.repo.db.data_stamp()[0]
        except USER_ERRORS:
            return None

    def _focus_window_changed(self, window: object) -> None:
        if window is not None and window is self.windowHandle():
            self.check_outside_changes()

    def check_outside_changes(self) -> bool:
        """Re-read what another program or window wrote (the CLI, an import, a second
        window): SQLite's ``data_version`` changes when another connection committed. The
        page in view is reloaded (the others when next shown), and the diary too unless it
        holds unsaved entries (its save then refuses and asks). True when it changed."""
        version = self._data_version()
        if version is None or version == self._seen_version:
            return False
        self._seen_version = version
        self.refresh_pages()
        current = self.tabs.currentWidget()
        self._stale = {page for page in self._stale if page is not current}
        diary = self._diary_if_built()
        if diary is not None and not diary.has_unsaved():
            diary.load()
        return True

    # -- the open file ----------------------------------------------------------------------
    def set_repository(self, repo: Repository) -> None:
        """Show another file: every page follows, the undo history starts afresh."""
        old = self.repo
        old.unsubscribe(self._repository_changed)
        self.repo = repo
        repo.subscribe(self._repository_changed)
        self.undo_stack.clear()
        self._seen_version = self._data_version()
        current = self.tabs.currentWidget()
        diary = self._diary_if_built()  # a page not built yet is built on this file
        if diary is not None:
            diary.repo = repo
            diary.set_repository(repo)
        for page in self.pages:
            page.repo = repo
            if page is current:
                page.set_repository(repo)
            else:
                self._stale.add(page)
        self._update_title()
        self._adopt_number_format()
        file_actions.remember_recent(self.settings, repo.db.path)
        if old.db.path != repo.db.path:
            self._wait_for_open_backup()
            backup_quietly(old.db, self)
        old.close()
        QTimer.singleShot(0, self, self._start_open_backup)

    def _start_open_backup(self) -> None:
        """The file's integrity check (started when it was opened) and the day's first
        backup, in background tasks once the window shows."""
        self._open_backup = backup_on_open(self.repo.db, self, self._file_damaged)

    def _file_damaged(self, problem: Exception) -> None:
        """The integrity check of the open file failed: say so now and keep saying it;
        every change is refused by the store (nothing is written to a damaged file)."""
        self.statusBar().showMessage(f"This file is damaged: changes are refused. {problem}")
        QMessageBox.critical(self, "This file is damaged", str(problem))

    def _wait_for_open_backup(self) -> None:
        """Let a running backup on open finish before the backup on close (never two
        backups of one file at once, never an interrupted one)."""
        if self._open_backup is not None and not self._open_backup.wait(OPEN_BACKUP_WAIT_S):
            log.warning("backup on open still running at close")

    def _build_theme_menu(self, edit) -> None:
        themes = edit.addMenu("T&heme")
        group = QActionGroup(self)
        saved = self.settings.value(theme.SETTING, theme.ThemeChoice.SYSTEM.value)
        for choice, text in (
            (theme.ThemeChoice.SYSTEM, "Follow the &system"),
            (theme.ThemeChoice.LIGHT, "&Light"),
            (theme.ThemeChoice.DARK, "&Dark"),
        ):
            action = themes.addAction(text)
            action.setCheckable(True)
            action.setChecked(choice.value == saved)
            action.triggered.connect(lambda _=False, c=choice: self.set_theme(c))
            group.addAction(action)

    def set_theme(self, choice: theme.ThemeChoice) -> None:
        """Switch the whole app to ``choice`` now, and remember it."""
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, choice)
        self.settings.setValue(theme.SETTING, choice.value)
        self.restyle()

    def restyle(self) -> None:
        colours = theme.current()
        self.demo_banner.setStyleSheet(
            f"background: {colours.banner_background}; color: {colours.banner_text}; "
            f"padding: 6px; border: 1px solid {colours.banner_text};"
        )
        diary = self._diary_if_built()
        if diary is not None:
            diary.error.setStyleSheet(f"color: {colours.error};")
        self.dashboard.restyle()
        self.dashboard.model.layoutChanged.emit()

    def is_demo(self) -> bool:
        """The demo patient's file (its own file, or a file the demo was written into)."""
        name = self.repo.profile.get().name or ""
        if name.startswith("Demo Patient"):
            return True
        # the demo's own file name first: its folder is asked of platformdirs only then
        path = self.repo.db.path
        return path.name == file_actions.DEMO_FILE_NAME and path == file_actions.demo_path()

    def _update_title(self) -> None:
        demo = self.is_demo()
        self.demo_banner.setVisible(demo)
        prefix = "Demo patient — " if demo else ""
        self.setWindowTitle(f"{prefix}{self.repo.db.path.name} — Lupus Tracker")
        self.setWindowFilePath(str(self.repo.db.path))

    def _may_leave_diary(self) -> bool:
        """Unsaved diary entries: ask Save / Discard / Cancel (True when none)."""
        diary = self._diary_if_built()
        return diary is None or diary.may_leave()

    def open_path(self, path: Path) -> bool:
        if not self._may_leave_diary():
            return False
        known = str(path) in file_actions.recent_paths(self.settings)
        repo = open_for_window(path, self, known=known)
        if repo is None:
            return False
        self.set_repository(repo)
        return True

    def closeEvent(self, event) -> None:
        if not self._may_leave_diary():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self._wait_for_open_backup()
        backup_quietly(self.repo.db, self)
        self._closed = True
        super().closeEvent(event)

    def exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted


def _results_page(repo: Repository) -> QWidget:
    from lupus_tracker.ui.results_page import ResultsPage

    return ResultsPage(repo)


def _diary_page(repo: Repository) -> QWidget:
    from lupus_tracker.ui.diary_page import DiaryPage

    return DiaryPage(repo)


def _history(repo: Repository) -> QWidget:
    from lupus_tracker.ui.symptom_history import SymptomHistoryPage

    return SymptomHistoryPage(repo)


def _treatments(repo: Repository) -> QWidget:
    from lupus_tracker.ui.treatments_page import TreatmentsPage

    return TreatmentsPage(repo)


def _charts(repo: Repository) -> QWidget:
    from lupus_tracker.ui.charts_view import ChartsView

    return ChartsView(repo)
