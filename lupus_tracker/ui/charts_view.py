"""The Charts page: pick a marker, a panel or the symptoms, and a period; hover a point to
read its date, value as entered and lab; save the chart as PNG or SVG. It redraws when the
data changes. matplotlib is imported only when this page is first opened."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.charts.panels import PANELS
from lupus_tracker.domain.catalog import MARKERS
from lupus_tracker.ui.lab_dialog import pydate, qdate

RANGES = (("3 months", 91), ("6 months", 182), ("1 year", 365), ("All", None),
          ("Custom", -1))


class ChartsView(QWidget):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.repo = repo
        self._busy = False
        self.what = QComboBox()
        for key, (title, _) in PANELS.items():
            self.what.addItem(f"Panel: {title}", f"panel:{key}")
        self.what.addItem("Symptoms: calendar and weekly trend", "symptoms:")
        self.what.addItem("SLEDAI-2K over time", "sledai:")
        for marker in MARKERS:
            self.what.addItem(marker.name, f"marker:{marker.key}")
        self.period = QComboBox()
        for label, days in RANGES:
            self.period.addItem(label, days)
        self.period.setCurrentIndex(2)
        self.since = QDateEdit(qdate(date.today() - timedelta(days=365)))
        self.until = QDateEdit(qdate(date.today()))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.refresh)
        save = QPushButton("Sa&ve chart as PNG/SVG…")
        save.clicked.connect(self.save_dialog)
        self.hover = QLabel(" ")
        self.canvas = FigureCanvasQTAgg(Figure())
        self.canvas.mpl_connect("motion_notify_event", self._hovered)
        bar = QHBoxLayout()
        for label, widget in (("Ch&art:", self.what), ("&Period:", self.period),
                              ("From:", self.since), ("To:", self.until)):
            text = QLabel(label)
            text.setBuddy(widget)
            bar.addWidget(text)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.hover)
        self.what.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.refresh()

    def dates(self) -> tuple[date | None, date | None]:
        days = self.period.currentData()
        custom = days == -1
        self.since.setEnabled(custom)
        self.until.setEnabled(custom)
        if custom:
            return pydate(self.since.date()), pydate(self.until.date())
        if days is None:
            return None, None
        return date.today() - timedelta(days=days), date.today()

    def choice(self) -> tuple[str, str, date | None, date | None]:
        """What to draw, read from the widgets (on the GUI thread)."""
        kind, key = self.what.currentData().split(":", 1)
        return (kind, key, *self.dates())

    def build_figure(self, repo=None, choice=None):
        """The chart for ``choice`` (pure matplotlib, no widgets: safe in a worker thread
        when given its own repository connection)."""
        from lupus_tracker.charts.marker import marker_figure
        from lupus_tracker.charts.panels import panel_figure
        from lupus_tracker.charts.symptoms import symptom_figure

        repo = repo or self.repo
        kind, key, since, until = choice or self.choice()
        if kind == "panel":
            return panel_figure(repo, key, since, until, width_in=9.0)
        if kind == "symptoms":
            return symptom_figure(repo, since, until)
        if kind == "sledai":
            from lupus_tracker.charts.sledai import sledai_figure

            return sledai_figure(repo, since, until)
        return marker_figure(repo, key, since, until)

    def _build_in_worker(self):
        """Build off the GUI thread; a progress dialog appears if it takes over 0.5 s."""
        from lupus_tracker.store.repository import Repository
        from lupus_tracker.ui.progress import run_with_progress

        built: list = []
        db_path, choice = self.repo.db.path, self.choice()  # widgets read here only

        def work() -> None:
            with Repository.open(db_path, create=False) as own:
                built.append(self.build_figure(own, choice))

        if not run_with_progress(self, "Drawing the chart…", work):
            return None
        return built[0]

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            figure = self._build_in_worker()
        finally:
            self._busy = False
        if figure is None:
            return
        figure.set_canvas(self.canvas)
        self.canvas.figure = figure
        ratio = self.canvas.devicePixelRatioF() or 1.0
        width, height = self.canvas.width() * ratio, self.canvas.height() * ratio
        if width > 100 and height > 100:
            figure.set_size_inches(width / figure.dpi, height / figure.dpi, forward=False)
        self.canvas.draw_idle()
        self.hover.setText("Hover over a point to read its date, value and lab.")

    def _hovered(self, event) -> None:
        for artist in getattr(self.canvas.figure, "lupus_points", []):
            if event.inaxes is not artist.axes:
                continue
            hit, info = artist.contains(event)
            if hit and info.get("ind") is not None and len(info["ind"]):
                self.hover.setText(artist.lupus_details[info["ind"][0]])
                return

    def save(self, path: Path) -> None:
        self.canvas.figure.savefig(path, dpi=150)

    def save_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save chart", "chart.png",
                                              "PNG image (*.png);;SVG drawing (*.svg)")
        if name:
            self.save(Path(name))
