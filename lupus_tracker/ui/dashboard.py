"""The dashboard: each marker's latest value with its flag and direction, the last 30 days
of symptoms, and the activity signal; a friendly start view while the file is empty."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.analysis.symptom_summary import summarize_symptoms
from lupus_tracker.ui.table_model import Column, RecordTableModel

FLAG_COLOURS = {"low": "#a40000", "high": "#a40000", "abnormal": "#a40000"}


LATEST_COLUMNS = (
    Column("Marker", lambda r: r.marker.name),
    Column("Latest", lambda r: r.latest.value_text, align_right=True),
    Column("Unit", lambda r: r.latest.unit.label),
    Column("Date", lambda r: r.latest.day.isoformat()),
    Column("Reference range", lambda r: r.latest.ref_text or "—"),
    Column("Flag", lambda r: r.flag_text,
           foreground=lambda r: FLAG_COLOURS.get(r.latest.flag.value)),
    Column("Since previous", lambda r: r.change_cell),
)


class StartView(QWidget):
    """What an empty database shows: three clear ways to begin."""

    add_lab = Signal()
    log_symptoms = Signal()
    open_demo = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel("<h2>Welcome to Lupus Tracker</h2>")
        text = QLabel("Your lab results, symptoms, medications and events stay in one file on "
                      "this computer. Start with one of these:")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 20, 60, 20)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        for label, signal in (("&Add your first lab result", self.add_lab),
                              ("Log &today's symptoms", self.log_symptoms),
                              ("Open the demo patie&nt", self.open_demo)):
            button = QPushButton(label)
            button.setMinimumHeight(48)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        note = QLabel("The demo patient opens as a separate copy: it never mixes with your "
                      "own data.")
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class DashboardPage(QStackedWidget):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.start = StartView()
        self.addWidget(self.start)
        overview = QWidget()
        self.model = RecordTableModel(LATEST_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.signal = QLabel()
        self.signal.setWordWrap(True)
        self.signal.setStyleSheet("background: #fff4d6; color: #3a2a00; padding: 6px;")
        self.symptoms = QLabel()
        self.symptoms.setWordWrap(True)
        self.symptoms.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(overview)
        layout.addWidget(QLabel("<h3>Latest results</h3>"))
        layout.addWidget(self.table, 3)
        layout.addWidget(self.signal)
        layout.addWidget(QLabel("<h3>Symptoms, last 30 days</h3>"))
        layout.addWidget(self.symptoms, 1)
        self.addWidget(overview)
        QTimer.singleShot(0, self.refresh)  # fill in right after the first paint

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.refresh()

    def refresh(self) -> None:
        if self.repo.is_empty():
            self.setCurrentWidget(self.start)
            return
        self.setCurrentIndex(1)
        self.model.set_records(latest_values(self.repo))
        from lupus_tracker.analysis.serology import activity_note

        note = activity_note(self.repo, since=date.today() - timedelta(days=180))
        self.signal.setText(note)
        self.signal.setVisible(bool(note))
        today = date.today()
        summary = summarize_symptoms(self.repo, today - timedelta(days=29), today)
        if not summary.stats:
            self.symptoms.setText("No symptoms logged in the last 30 days.")
            return
        rows = "".join(
            f"<tr><td>{s.symptom.name}</td><td align='right'>{s.average:.1f}</td>"
            f"<td align='right'>{s.worst}</td><td align='right'>{s.days_present}</td></tr>"
            for s in summary.stats)
        self.symptoms.setText(
            "<table cellpadding='3'><tr><th align='left'>Symptom</th><th>Average</th>"
            f"<th>Worst</th><th>Days present</th></tr>{rows}</table>"
            f"<p>Days with a rash: {summary.rash_days}; fever days: {summary.fever_days}.</p>")
