"""Insight › Treat-to-target: LLDAS and DORIS at each assessed visit with every criterion,
the glucocorticoid strip with cumulative grams, hydroxychloroquine per kilogram with the
retinal screening schedule, and the monitoring tests that are due (with the user's own
intervals). Information to discuss with the doctor; the view proposes no dose.

The view only reads through :mod:`lupus_tracker.analysis.treat_to_target`; the two
preferences it edits (lupus nephritis, monitoring intervals) go through the repository's
settings manager.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.analysis.treat_to_target import (
    Summary,
    dose_text,
    gather_inputs,
    one_line,
    summarize,
    visit_rows,
)
from lupus_tracker.domain.glucocorticoids import format_mg
from lupus_tracker.domain.monitoring import (
    BP_TARGET_LUPUS_NEPHRITIS,
    ITEMS,
    LUPUS_NEPHRITIS_SETTING,
    SETTING_PREFIX,
    check_interval,
)
from lupus_tracker.domain.treat_to_target import Status, VisitStates
from lupus_tracker.store.inputs import treatment_records
from lupus_tracker.store.record_changes import PutSetting
from lupus_tracker.ui.screen import app_font_pt, fit_to_screen
from lupus_tracker.ui.table_model import RECORD_ROLE, Column, RecordTableModel

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from lupus_tracker.store.repository import Repository

STATUS_TEXT = {
    Status.MET: "criteria met",
    Status.NOT_MET: "not met",
    Status.UNKNOWN: "unknown — input missing",
}
PERIODS = (
    ("Last 12 months", 365),
    ("Last 2 years", 730),
    ("Last 5 years", 1826),
    ("All time", None),
)


def _status(result) -> str:
    return STATUS_TEXT.get(result.status, result.status.value)


VISIT_COLUMNS = (
    Column("Visit", lambda v: v.visit_on.isoformat(), sort_key=lambda v: v.visit_on),
    Column("SLEDAI-2K", lambda v: str(v.sledai), align_right=True),
    Column("PGA", lambda v: "not entered" if v.pga is None else f"{v.pga:g}", align_right=True),
    Column(
        "Prednisone-eq. mg/day",
        lambda v: format_mg(v.dose.total_mg) + ("" if v.dose.complete else " (incomplete)"),
        align_right=True,
    ),
    Column("LLDAS", lambda v: _status(v.lldas)),
    Column("DORIS remission", lambda v: _status(v.doris)),
)


def criteria_html(visit: VisitStates) -> str:
    parts = []
    for result in (visit.lldas, visit.doris):
        rows = "".join(
            f"<li><b>{c.name}</b>: {c.status.value} — {c.detail}</li>" for c in result.criteria
        )
        parts.append(f"<p>{result.sentence()}</p><ul>{rows}</ul>")
    return "".join(parts) + (
        "<p><i>Sources: LLDAS, Franklyn et al., Ann Rheum Dis 2016; "
        "DORIS 2021, van Vollenhoven et al., Lupus Sci Med 2021.</i></p>"
    )


def _put_setting(repo: Repository) -> Callable[[str, str | None], bool]:
    """Change a setting as one store change (in one transaction); without a window there
    is no undo history to record it in."""

    def put(key: str, value: str | None) -> bool:
        PutSetting(key, value).apply(repo)
        return True

    return put


class TreatToTargetView(QDialog):
    """``save_setting(key, value)`` carries out a preference change (the window passes its
    undoable change); it returns whether the change was made."""

    def __init__(
        self,
        repo,
        parent=None,
        today: date | None = None,
        save_setting: Callable[[str, str | None], bool] | None = None,
    ):
        super().__init__(parent)
        self.repo = repo
        self.save_setting = save_setting or _put_setting(repo)
        self.today = today or date.today()
        self.summary: Summary | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.setWindowTitle("Treat-to-target")
        self.setAccessibleName("Treat-to-target view")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Treat-to-target summary")
        self.headline.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.model = RecordTableModel(VISIT_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Assessed visits with LLDAS and DORIS status")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(150)
        self.criteria = QTextBrowser()
        self.criteria.setMinimumHeight(170)
        self.criteria.setAccessibleName("Criteria of the selected visit")
        self.period = QComboBox()
        self.period.setAccessibleName("Glucocorticoid chart period")
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.chart_host = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_host)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.gc_text = QLabel()
        self.gc_text.setWordWrap(True)
        self.gc_text.setAccessibleName("Glucocorticoid exposure")
        self.hcq_text = QLabel()
        self.hcq_text.setWordWrap(True)
        self.hcq_text.setAccessibleName("Hydroxychloroquine dose and eye screening")
        self.due = QTextBrowser()
        self.due.setMinimumHeight(110)
        self.due.setAccessibleName("Monitoring tests due")
        self.nephritis = QCheckBox(
            "I have lupus &nephritis (adds kidney tests, serology and "
            f"the blood pressure target below "
            f"{BP_TARGET_LUPUS_NEPHRITIS[0]}/"
            f"{BP_TARGET_LUPUS_NEPHRITIS[1]})"
        )
        self.nephritis.setAccessibleName("Lupus nephritis")
        self.intervals: dict[str, QSpinBox] = {}
        interval_box = QGroupBox("Monitoring intervals in days (your rheumatologist's plan wins)")
        grid = QHBoxLayout(interval_box)
        forms = (QFormLayout(), QFormLayout())
        for form in forms:
            # Long item names ("Glucose or HbA1c (calcineurin inhibitor)") put their field
            # under the name rather than scroll the page sideways at large text sizes.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            grid.addLayout(form)
        for index, item in enumerate(ITEMS):
            form = forms[index % 2]
            spin = QSpinBox()
            spin.setRange(1, 3650)
            spin.setAccessibleName(f"Interval for {item.label}, days")
            spin.setSuffix(" days")
            self.intervals[item.key] = spin
            form.addRow(f"{item.label}:", spin)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(QLabel("<b>Assessed visits</b> (select one for its criteria)"))
        top_layout.addWidget(self.table, 2)
        top_layout.addWidget(self.criteria, 2)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        period_row = QHBoxLayout()
        period_label = QLabel("&Period:")
        period_label.setBuddy(self.period)
        period_row.addWidget(period_label)
        period_row.addWidget(self.period)
        period_row.addStretch(1)
        middle_layout.addLayout(period_row)
        middle_layout.addWidget(self.chart_host, 3)
        middle_layout.addWidget(self.gc_text)
        middle_layout.addWidget(self.hcq_text)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)  # stacked: side by side scrolled sideways
        due_box = QVBoxLayout()
        due_box.addWidget(QLabel("<b>Monitoring due</b>"))
        due_box.addWidget(self.due)
        due_box.addWidget(self.nephritis)
        bottom_layout.addLayout(due_box, 3)
        bottom_layout.addWidget(interval_box, 2)
        content = QWidget()  # scrolls as a whole on small screens; nothing is squeezed
        content_layout = QVBoxLayout(content)
        for part, stretch in ((top, 3), (middle, 4), (bottom, 2)):
            content_layout.addWidget(part, stretch)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setAccessibleName("Treat-to-target details")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

        self.table.selectionModel().currentRowChanged.connect(self._show_criteria)
        self.period.currentIndexChanged.connect(self._draw_chart)
        self.nephritis.toggled.connect(self._nephritis_changed)
        for key, spin in self.intervals.items():
            spin.editingFinished.connect(lambda key=key: self._interval_changed(key))
        self.refresh()
        fit_to_screen(self, 1100, 900)

    # -- filling in ---------------------------------------------------------------------
    def refresh(self) -> None:
        self.summary = summarize(
            gather_inputs(treatment_records(self.repo, self.today), self.today), self.today
        )
        s = self.summary
        self.headline.setText(
            f"<b>{one_line(s)}</b><br>Information to discuss with your doctor: the PGA is as "
            "entered from your doctor's letter; the app proposes no dose change."
        )
        self.model.set_records(visit_rows(s))
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.criteria.setHtml(
                "<p>No SLEDAI-2K assessment yet. Add one with Insight › "
                "SLEDAI-2K for a visit, with the PGA from your doctor's "
                "letter.</p>"
            )
        self.gc_text.setText(
            f"Today: {dose_text(s.dose_today)}. Cumulative: {s.last_12_months.total_g:.2f} g in "
            f"the last 12 months, {s.all_time.total_g:.2f} g all time"
            + (
                ""
                if s.all_time.complete
                else " (incomplete: " + "; ".join(dict.fromkeys(s.all_time.unknown)) + ")"
            )
            + "."
        )
        hcq_lines = [
            "Hydroxychloroquine: not taken today." if s.hcq_dose is None else s.hcq_dose.text()
        ]
        if s.hcq_risks:
            hcq_lines.append(
                "Retinal risk factors: "
                + "; ".join(f"{r.name} ({r.detail})" for r in s.hcq_risks)
                + "."
            )
        if s.screening is not None:
            hcq_lines.append(s.screening.text(s.day))
        self.hcq_text.setText(" ".join(hcq_lines))
        due_now = s.due_now()
        rows = (
            "".join(f"<li>{d.text()}</li>" for d in due_now)
            if due_now
            else (
                "<li>Nothing due or overdue.</li>"
                if s.due
                else "<li>No medication or condition on record that calls for regular tests.</li>"
            )
        )
        self.due.setHtml(f"<ul>{rows}</ul>")
        self._load_preferences()
        self._draw_chart()

    def _load_preferences(self) -> None:
        settings = dict(self.repo.settings.all())
        self.nephritis.blockSignals(True)
        self.nephritis.setChecked(settings.get(LUPUS_NEPHRITIS_SETTING) == "yes")
        self.nephritis.blockSignals(False)
        for item in ITEMS:
            spin = self.intervals[item.key]
            spin.blockSignals(True)
            value = settings.get(SETTING_PREFIX + item.key)
            spin.setValue(int(value) if value and value.isdigit() else item.default_days)
            spin.blockSignals(False)

    def _show_criteria(self, current, _previous=None) -> None:
        visit = self.model.data(current, RECORD_ROLE) if current.isValid() else None
        if visit is not None:
            self.criteria.setHtml(criteria_html(visit))

    def _period_start(self) -> date:
        days = self.period.currentData()
        if days is None and self.summary is not None:
            from lupus_tracker.domain.glucocorticoids import first_day

            return first_day(self.summary.exposure) or self.today - timedelta(days=365)
        return self.today - timedelta(days=int(days or 365) - 1)  # inclusive, as the summary

    def _draw_chart(self) -> None:
        if self.summary is None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from lupus_tracker.charts.glucocorticoids import glucocorticoid_figure
        from lupus_tracker.charts.style import Theme, chart_style
        from lupus_tracker.ui import theme as app_theme

        dark = app_theme.current().name == "dark"  # the chart follows the app's theme
        figure = glucocorticoid_figure(
            self.summary.exposure,
            self._period_start(),
            self.today,
            style=chart_style(Theme.DARK if dark else Theme.LIGHT, font_pt=app_font_pt(self)),
        )
        if self.canvas is not None:
            self.chart_layout.removeWidget(self.canvas)
            self.canvas.deleteLater()
        canvas = self.canvas = FigureCanvasQTAgg(figure)
        canvas.setAccessibleName(
            "Glucocorticoid chart: daily prednisone-equivalent with "
            "lines at 7.5 and 5 mg/day and cumulative grams"
        )
        canvas.setMinimumHeight(max(280, canvas.fontMetrics().height() * 16))
        self.chart_layout.addWidget(canvas)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if (
            event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange)
            and self.canvas is not None
        ):
            self._draw_chart()  # the app's theme or font changed: redraw with its text size

    # -- preferences ---------------------------------------------------------------------
    def _nephritis_changed(self, checked: bool) -> None:
        self.save_setting(LUPUS_NEPHRITIS_SETTING, "yes" if checked else "no")
        self.refresh()

    def _interval_changed(self, key: str) -> None:
        item = next(i for i in ITEMS if i.key == key)
        days = check_interval(self.intervals[key].value())
        value = None if days == item.default_days else str(days)
        if self.repo.settings.get(SETTING_PREFIX + key) != value:
            self.save_setting(SETTING_PREFIX + key, value)
            self.refresh()
