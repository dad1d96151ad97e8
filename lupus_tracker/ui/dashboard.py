"""The dashboard: each marker's latest value with its flag and the change since the previous
value (with that value and its date), old results greyed and dated; the current
medications with their total a day; the latest SLEDAI-2K; the last 30 days of symptoms as
a table; the activity signal; a friendly start view while the file is empty."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.egfr import result_name
from lupus_tracker.domain.values import format_number
from lupus_tracker.ui import theme
from lupus_tracker.ui.first_paint import after_first_paint
from lupus_tracker.ui.profile_prompt import NOT_NOW, ProfileQuestionBar, remember
from lupus_tracker.ui.screen import fit_columns
from lupus_tracker.ui.table_model import Column, RecordTableModel
from lupus_tracker.ui.tasks import describe, run_task

if TYPE_CHECKING:
    from lupus_tracker.analysis.symptom_summary import SymptomSummary

FLAGGED = ("low", "high", "abnormal")  # shown in the theme's error colour, with the word
STALE_AFTER_DAYS = 182


def is_stale(row) -> bool:
    return (date.today() - row.latest.day).days > STALE_AFTER_DAYS


def date_text(row) -> str:
    """The result's date; an old one says how old ("2025-10-20, 13 months ago")."""
    day = row.latest.day
    if not is_stale(row):
        return day.isoformat()
    months = (date.today() - day).days * 12 // 365
    return f"{day.isoformat()}, {months} months ago"


def since_text(row) -> str:
    """The change with the previous value and its date: "−0.14 since 0.95 on 20 Oct 2025"."""
    if row.previous is None:
        return "first result"
    before = f"{row.previous.value_text} on {row.previous.day:%d %b %Y}"
    if not row.comparable or row.change is None:
        return f"{row.change_text} (previous {before})"
    if row.change == 0:
        return f"no change since {before}"
    return f"{row.change_cell} since {before}"


def spoken_since_text(row) -> str:
    """``since_text`` as a screen reader says it: the arrow and minus sign in words."""
    text = since_text(row)
    if row.comparable and row.change:
        text = text.replace(row.change_cell, row.spoken_change, 1)
    return text


def _grey_if_stale(colour=None):
    return lambda row: theme.current().stale if is_stale(row) else (colour(row) if colour else None)


LATEST_COLUMNS = (
    Column(
        "Marker",
        lambda r: result_name(r.marker, r.latest.result.assay),
        foreground=_grey_if_stale(),
    ),
    Column("Latest", lambda r: r.latest.value_text, align_right=True, foreground=_grey_if_stale()),
    Column("Unit", lambda r: r.latest.unit.label, foreground=_grey_if_stale()),
    Column("Date", date_text, foreground=_grey_if_stale()),
    Column("Reference range", lambda r: r.latest.ref_text or "—", foreground=_grey_if_stale()),
    Column(
        "Flag",
        lambda r: r.flag_text,
        foreground=_grey_if_stale(
            lambda r: theme.current().error if r.latest.flag.value in FLAGGED else None
        ),
    ),
    Column("Since previous", since_text, foreground=_grey_if_stale(), spoken=spoken_since_text),
    # eGFR stage and the computed value beside the lab's; under 18, CKD-EPI is for adults
    # (issue 12 items 6-8: the wording is analysis.latest's, shared with the report).
    Column("Note", lambda r: r.remark, foreground=_grey_if_stale()),
)


def per_day_text(medication) -> str:
    """The total a day ("400 mg a day"), or why there is none."""
    dose = medication.dose_on(date.today())
    if dose is None or dose.dose is None:
        return "—"
    from lupus_tracker.domain.dosing import daily_amount

    total = daily_amount(dose.dose, dose.frequency)
    if total is None:
        return dose.frequency or "how often is not recorded"
    return f"{format_number(round(total, 3))} {dose.unit or ''} a day".replace("  ", " ")


def dose_text(dose) -> str:
    """The Medications page's words for a dose (its module loads on the first read, not
    while the window opens)."""
    from lupus_tracker.ui.treatments_page import dose_text as page_dose_text

    return page_dose_text(dose)


MEDICATION_COLUMNS = (
    Column("Medication", lambda m: m.name),
    Column("Dose", lambda m: dose_text(m.dose_on(date.today()))),
    Column("Total a day", per_day_text),
    Column(
        "Since",
        lambda m: (
            (m.dose_on(date.today()) or m).from_date.isoformat()
            if m.dose_on(date.today())
            else m.started_on.isoformat()
        ),
    ),
)
SYMPTOM_COLUMNS = (
    Column("Symptom", lambda s: s.symptom.name),
    Column("Average (0-10)", lambda s: s.average_text, align_right=True),
    Column("Worst", lambda s: str(s.worst), align_right=True),
    Column(
        "Days present",
        lambda s: f"{s.days_present} of {s.days_with_entries} logged",
        align_right=True,
    ),
)


class _Table(QTableView):
    """A dashboard table; ``fitting`` is True while :func:`_fill` loads it and sizes its
    columns."""

    def __init__(self) -> None:
        super().__init__()
        self.fitting = False


def _size_rows(table: _Table) -> None:
    # Rows are sized again after every column resize, also while _fill sizes the columns:
    # sizing them once at the end left a wrapped eGFR note cut in the layout audit
    # (test_a11y_layout, 1366x768), so the cheaper path is not taken.
    table.resizeRowsToContents()


def _table(model: RecordTableModel, name: str) -> _Table:
    table = _Table()
    table.setModel(model)
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    # the stretched last column settles after the rows were sized: size them again
    # (not while _fill loads it and sizes every column: it sizes the rows once, at the end)
    header.sectionResized.connect(lambda *_: _size_rows(table))
    # At least a header and three rows of two lines (a large font on a short screen):
    # the page scrolls instead of squeezing a table to one cut-off row.
    line = table.fontMetrics().height()
    table.setMinimumHeight((line + 10) + 3 * (2 * line + 8) + 2 * table.frameWidth())
    return table


def _fill(
    table: _Table,
    model: RecordTableModel,
    records: Sequence[object],
    widest: int = 320,
    *,
    spare_to_first: bool = False,
) -> None:
    """Show ``records``, columns as wide as the text, none wider than ``widest``: no column
    takes 1,000 px; no header is cut; rows as high as their wrapped text (a few rows each:
    cheap), not elided. The rows are sized once, for the final widths, not again after
    the reset and each column."""
    table.fitting = True
    try:
        model.set_records(records)
        fit_columns(table, widest, spare_to_first=spare_to_first)
    finally:
        table.fitting = False
    table.resizeRowsToContents()


class StartView(QWidget):
    """What an empty database shows: three clear ways to begin."""

    add_lab = Signal()
    log_symptoms = Signal()
    open_demo = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel("<h2>Welcome to Lupus Tracker</h2>")
        text = QLabel(
            "Your lab results, symptoms, medications and events stay in one file on "
            "this computer. Start with one of these:"
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 20, 60, 20)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        for label, signal in (
            ("&Add your first lab result", self.add_lab),
            ("Log &today's symptoms", self.log_symptoms),
            ("Open the demo patie&nt", self.open_demo),
        ):
            button = QPushButton(label)
            button.setMinimumHeight(48)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        note = QLabel(
            "The demo patient opens as a separate copy: it never mixes with your own data."
        )
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(note)
        layout.addStretch(2)


class DashboardPage(QStackedWidget):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.start = StartView()
        self.addWidget(self.start)
        overview = QWidget()
        # Asked once when a result here needs sex and date of birth (issue 12 item 3).
        self.profile_bar = ProfileQuestionBar()
        self.profile_bar.declined.connect(self._profile_declined)
        self.model = RecordTableModel(LATEST_COLUMNS, self)
        self.table = _table(self.model, "Latest results")
        self.signal = QLabel()
        self.signal.setWordWrap(True)
        self.restyle()
        self.signal.setAccessibleName("Activity signal to discuss with your doctor")
        self.meds_model = RecordTableModel(MEDICATION_COLUMNS, self)
        self.meds = _table(self.meds_model, "Current medications")
        self.sledai = QLabel()
        self.sledai.setWordWrap(True)
        self.sledai.setAccessibleName("Latest SLEDAI-2K")
        self.t2t = QLabel()  # treat-to-target line (issue 15)
        self.t2t.setWordWrap(True)
        self.t2t.setAccessibleName("Treat-to-target summary")
        self.symptoms_model = RecordTableModel(SYMPTOM_COLUMNS, self)
        self.symptoms = _table(self.symptoms_model, "Symptoms, last 30 days")
        self.symptoms_note = QLabel()
        self.symptoms_note.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(QLabel("<h3>Current medications</h3>"))
        left.addWidget(self.meds, 1)
        left.addWidget(self.sledai)
        left.addWidget(self.t2t)
        right = QVBoxLayout()
        right.addWidget(QLabel("<h3>Symptoms, last 30 days</h3>"))
        right.addWidget(self.symptoms, 1)
        right.addWidget(self.symptoms_note)
        lower = QHBoxLayout()
        lower.addLayout(left, 1)
        lower.addLayout(right, 1)
        layout = QVBoxLayout(overview)
        layout.addWidget(self.profile_bar)
        layout.addWidget(
            QLabel(
                "<h3>Latest results</h3> Results older than six months are "
                "grey and say how old they are."
            )
        )
        layout.addWidget(self.table, 3)
        layout.addWidget(self.signal)
        layout.addLayout(lower, 2)
        page = QScrollArea()  # up and down on a short screen or with a large font
        page.setWidget(overview)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tables inside
        page.setAccessibleName("Dashboard")
        self.addWidget(page)
        # Shown until the first read arrives: never the empty-file start view by mistake.
        self.loading = QLabel("Loading the dashboard…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setAccessibleName("Dashboard, loading")
        self.addWidget(self.loading)
        self.setCurrentWidget(self.loading)
        self._reading = self._read_again = False
        after_first_paint(self, self.refresh)  # the window shows first, then this reads

    def restyle(self) -> None:
        """Colours from the current theme (called again when the theme changes)."""
        colours = theme.current()
        self.signal.setStyleSheet(
            f"background: {colours.banner_background}; color: {colours.banner_text}; padding: 6px;"
        )

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.setCurrentWidget(self.loading)  # never the other file's figures meanwhile
        self.refresh()

    def _profile_declined(self) -> None:
        remember(self.repo, NOT_NOW)

    def refresh(self) -> None:
        """Read the dashboard in a background task on its own connection and show it when
        it arrives (no freeze while 30 years of results are read); while one read runs, a
        further request reads again once it is done (the latest data always wins)."""
        if self._reading:
            self._read_again = True
            return
        self._reading, self._read_again = True, False
        path = self.repo.db.path
        run_task(
            path,
            lambda own: gather(own, date.today()),
            lambda content: self._arrived(path, content),
            self._failed,
            name="dashboard",
            owner=self,
        )

    def _arrived(self, path, content: DashboardContent) -> None:
        self._reading = False
        if self._read_again or path != self.repo.db.path:
            self.refresh()  # the data or the file changed while this was read
            return
        self.show_content(content)

    def _failed(self, error: BaseException) -> None:
        self._reading = False
        self.setCurrentIndex(1)
        self.signal.setText(f"The dashboard could not be read: {describe(error)}")
        self.signal.setVisible(True)

    def show_content(self, content: DashboardContent) -> None:
        """Fill the page (GUI thread; the reading was done by :func:`gather`)."""
        if content.empty or content.symptoms is None:  # None only for an empty file
            self.setCurrentWidget(self.start)
            return
        self.setCurrentIndex(1)
        _fill(self.table, self.model, content.latest, 260)
        self.profile_bar.set_reason(content.profile_reason)
        self.signal.setText(content.activity)
        self.signal.setVisible(bool(content.activity))
        _fill(self.meds, self.meds_model, content.medications, 200)
        self.sledai.setText(content.sledai)
        self.t2t.setText(content.t2t)
        summary = content.symptoms
        # "Days present" stays narrow
        _fill(self.symptoms, self.symptoms_model, summary.stats, 160, spare_to_first=True)
        self.symptoms_note.setText(
            f"Days with a rash: {summary.rash_days}; fever days: {summary.fever_days}. "
            f"{summary.coverage_text()}"
            if summary.stats
            else "No symptoms logged in the last 30 days: Edit › Log symptoms for today (Ctrl+D)."
        )


@dataclass(frozen=True)
class DashboardContent:
    """Everything the dashboard shows, read off the GUI thread."""

    empty: bool
    latest: list = field(default_factory=list)
    activity: str = ""
    medications: list = field(default_factory=list)
    sledai: str = ""
    t2t: str = ""
    symptoms: SymptomSummary | None = None
    profile_reason: str = ""  # why sex and date of birth are needed, if they are asked now


def gather(repo, today: date) -> DashboardContent:
    """Read what the dashboard shows (any thread, with that thread's own repository)."""
    if repo.is_empty():
        return DashboardContent(empty=True)
    from lupus_tracker.analysis.latest import latest_values
    from lupus_tracker.analysis.serology import ACTIVITY_MARKERS, activity_note
    from lupus_tracker.analysis.symptom_summary import summarize_symptoms
    from lupus_tracker.analysis.treat_to_target import treat_to_target_line
    from lupus_tracker.store.inputs import (
        diary_records,
        latest_records,
        signal_results,
        treatment_records,
    )

    treatment = treatment_records(repo, today)
    current = [m for m in treatment.medications if m.active_on(today)]
    assessments = repo.sledai.all()
    if assessments:
        last = max(assessments, key=lambda a: a.visit_on)
        from lupus_tracker.domain.sledai import describe as describe_sledai

        # The SLEDAI dialog's own words: the band and any major-organ item, whatever the total.
        sledai = (
            f"<b>Latest SLEDAI-2K:</b> {last.score} on {last.visit_on.isoformat()} — "
            + html.escape(describe_sledai(last.score, last.items))
        )
    else:
        sledai = "No SLEDAI-2K recorded yet (Insight › SLEDAI-2K for a visit)."
    from lupus_tracker.domain.profile_question import PROFILE_PROMPT_SETTING, profile_question

    latest = latest_values(latest_records(repo))
    return DashboardContent(
        empty=False,
        latest=latest,
        profile_reason=profile_question(
            repo.profile.get(),
            repo.settings.get(PROFILE_PROMPT_SETTING),
            [row.marker.key for row in latest],
        ),
        activity=activity_note(
            signal_results(repo, ACTIVITY_MARKERS), since=today - timedelta(days=180)
        ),
        medications=sorted(current, key=lambda m: m.name.casefold()),
        sledai=sledai,
        t2t="<b>Treat-to-target</b> (to discuss with your doctor): "
        + treat_to_target_line(treatment),
        symptoms=summarize_symptoms(diary_records(repo, today - timedelta(days=29), today)),
    )
