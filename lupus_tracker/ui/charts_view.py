"""The Charts page: pick a marker, a panel or the symptoms, and a period; hover a point (or
move between points with the arrow keys) to read its date, value as entered and lab; save
the chart as PNG or SVG.

Charts are prepared and drawn in a background task (:mod:`lupus_tracker.ui.tasks`), so the
window never waits for them; matplotlib itself is first imported there. The latest request
always wins: choosing another chart while one is being drawn draws the new one, and a change
to the data during a draw draws again.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.charts.panels import PANELS
from lupus_tracker.domain.catalog import MARKERS
from lupus_tracker.ui.lab_dialog import pydate, qdate
from lupus_tracker.ui.tasks import describe, run_task

RANGES = (("3 months", 91), ("6 months", 182), ("1 year", 365), ("All", None),
          ("Custom", -1))
HOVER_RADIUS_PX = 20

Choice = tuple[str, str, date | None, date | None]


def build_figure(repo, choice: Choice):
    """The chart for ``choice`` (matplotlib only, no widgets: runs in a worker thread)."""
    import matplotlib.backends.backend_qtagg  # noqa: F401  (imported here, not on the GUI thread)

    from lupus_tracker.charts.marker import marker_figure
    from lupus_tracker.charts.panels import panel_figure
    from lupus_tracker.charts.sledai import sledai_figure
    from lupus_tracker.charts.symptoms import symptom_figure

    kind, key, since, until = choice
    if kind == "panel":
        return panel_figure(repo, key, since, until, width_in=9.0)
    if kind == "symptoms":
        return symptom_figure(repo, since, until)
    if kind == "sledai":
        return sledai_figure(repo, since, until)
    return marker_figure(repo, key, since, until)


class ChartsView(QWidget):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.canvas = None  # made when the first chart arrives (matplotlib loaded by then)
        self._running = False
        self._dirty = False
        self.what = QComboBox()
        self.what.setAccessibleName("Chart to show")
        for key, (title, _) in PANELS.items():
            self.what.addItem(f"Panel: {title}", f"panel:{key}")
        self.what.addItem("Symptoms: calendar and weekly trend", "symptoms:")
        self.what.addItem("SLEDAI-2K over time", "sledai:")
        for marker in MARKERS:
            self.what.addItem(marker.name, f"marker:{marker.key}")
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for label, days in RANGES:
            self.period.addItem(label, days)
        self.period.setCurrentIndex(2)
        self.since = QDateEdit(qdate(date.today() - timedelta(days=365)))
        self.until = QDateEdit(qdate(date.today()))
        for edit, name in ((self.since, "From"), (self.until, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(f"{name} date")
            edit.dateChanged.connect(self.refresh)
        self.save_button = QPushButton("Sa&ve chart as PNG/SVG…")
        self.save_button.clicked.connect(self.save_dialog)
        self.hover = QLabel(" ")
        self.hover.setAccessibleName("Point details")
        self.message = QLabel("Drawing the chart…")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        bar = QHBoxLayout()
        for label, widget in (("Ch&art:", self.what), ("&Period:", self.period),
                              ("From:", self.since), ("To:", self.until)):
            text = QLabel(label)
            text.setBuddy(widget)
            bar.addWidget(text)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
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

    def choice(self) -> Choice:
        """What to draw, read from the widgets (on the GUI thread)."""
        kind, key = self.what.currentData().split(":", 1)
        return (kind, key, *self.dates())

    # -- drawing in the background; the latest request wins --------------------------------
    def refresh(self) -> None:
        """Draw the chart the widgets ask for (again, when the data changed)."""
        self._dirty = True
        if not self._running:
            self._start()

    @property
    def busy(self) -> bool:
        return self._running

    def _start(self) -> None:
        choice = self.choice()
        self._dirty = False
        self._running = True
        self.hover.setText("Drawing the chart…")
        run_task(self.repo.db.path, lambda own: build_figure(own, choice), self._drawn,
                 self._failed, name="chart", owner=self)

    def _drawn(self, figure) -> None:
        self._running = False
        if self._dirty:  # another chart was chosen, or the data changed: draw that
            self._start()
            return
        self._install(figure)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        if self._dirty:
            self._start()
            return
        self.message.setText(f"This chart could not be drawn. {describe(error)}")
        self.stack.setCurrentWidget(self.message)
        self.hover.setText(" ")

    def _install(self, figure) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        if self.canvas is None:
            self.canvas = FigureCanvasQTAgg(figure)
            self.stack.addWidget(self.canvas)
        else:
            figure.set_canvas(self.canvas)
            self.canvas.figure = figure
        # matplotlib keeps callbacks per figure: connect hover to every new one
        self.canvas.mpl_connect("motion_notify_event", self._hovered)
        self.stack.setCurrentWidget(self.canvas)
        ratio = self.canvas.devicePixelRatioF() or 1.0
        width, height = self.canvas.width() * ratio, self.canvas.height() * ratio
        if width > 100 and height > 100:
            figure.set_size_inches(width / figure.dpi, height / figure.dpi, forward=False)
        self.canvas.draw_idle()
        points = getattr(figure, "lupus_points", [])
        self.hover.setText("Hover over a point to read its date, value and lab."
                           if points else " ")

    # -- reading points ---------------------------------------------------------------------
    def nearest_point(self, x: float, y: float, axes=None) -> str | None:
        """The details of the plotted point nearest to display position (x, y), if one is
        within reach; only points of ``axes`` when given."""
        import numpy as np

        if self.canvas is None:
            return None
        best: tuple[float, str] | None = None
        for artist in getattr(self.canvas.figure, "lupus_points", []):
            if axes is not None and artist.axes is not axes:
                continue
            offsets = np.asarray(artist.get_offsets(), dtype=float)
            if not len(offsets):
                continue
            pixels = artist.axes.transData.transform(offsets)
            distances = np.hypot(pixels[:, 0] - x, pixels[:, 1] - y)
            index = int(np.argmin(distances))
            if best is None or distances[index] < best[0]:
                best = (float(distances[index]), artist.lupus_details[index])
        if best is None or best[0] > HOVER_RADIUS_PX:
            return None
        return best[1]

    def _hovered(self, event) -> None:
        if event.inaxes is None:
            return
        text = self.nearest_point(event.x, event.y, event.inaxes)
        if text is not None:
            self.hover.setText(text)

    # -- saving -------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        if self.canvas is None:
            raise ValueError("There is no chart to save yet.")
        self.canvas.figure.savefig(path, dpi=150)

    def save_dialog(self) -> None:
        if self.canvas is None or self._running:
            QMessageBox.information(self, "Save chart", "Wait until the chart is drawn.")
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save chart", "chart.png",
                                              "PNG image (*.png);;SVG drawing (*.svg)")
        if name:
            self.save(Path(name))
