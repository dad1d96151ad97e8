"""The Charts page: pick a marker, a panel or the symptoms, and a period; hover a point (or
move between points with the arrow keys) to read its date, value as printed and lab; show
the plotted data as a table; save the chart as PNG or SVG.

Charts are prepared, drawn and rendered to pixels in a background task
(:mod:`lupus_tracker.ui.tasks`): the GUI thread only shows the image, so it never waits for
matplotlib, and matplotlib is never imported on it. The latest request always wins:
choosing another chart while one is being drawn draws the new one, and a change to the data
during a draw draws again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.charts.panels import PANELS
from lupus_tracker.charts.style import Theme, chart_style
from lupus_tracker.domain.catalog import MARKERS
from lupus_tracker.ui.chart_area import ChartArea
from lupus_tracker.ui.date_field import DateField
from lupus_tracker.ui.tasks import describe, run_blocking, run_task

RANGES = (("3 months", 91), ("6 months", 182), ("1 year", 365), ("All", None), ("Custom", -1))
RESIZE_DELAY_MS = 250


@dataclass(frozen=True)
class Choice:
    """What to draw, read from the widgets on the GUI thread."""

    kind: str
    key: str
    since: date | None
    until: date | None
    size_px: tuple[int, int] = (900, 560)  # device pixels
    ratio: float = 1.0  # device pixel ratio
    theme: Theme = Theme.LIGHT
    font_pt: float = 9.0


def build_figure(repo, choice: Choice):
    """The figure for ``choice`` (matplotlib only, no widgets)."""
    from lupus_tracker.charts import sources
    from lupus_tracker.charts.marker import marker_figure
    from lupus_tracker.charts.panels import build_panel_figure
    from lupus_tracker.charts.sledai import build_sledai_figure
    from lupus_tracker.charts.symptoms import build_symptom_figure
    from lupus_tracker.charts.targets import targets_for
    from lupus_tracker.store.inputs import chart_records

    style = chart_style(choice.theme, font_pt=choice.font_pt)
    since, until = choice.since, choice.until
    size = (choice.size_px[0] / (100 * choice.ratio), choice.size_px[1] / (100 * choice.ratio))
    if choice.kind == "panel":
        title, keys = PANELS[choice.key]
        records = chart_records(repo, keys, since, until)
        return build_panel_figure(
            title,
            sources.panel(records, keys),
            records.events,
            since,
            until,
            style,
            width_in=size[0],
            height_in=size[1],
            targets=targets_for(records.settings),
        )
    if choice.kind == "symptoms":
        read = repo.diary.symptom_columns(since, until)  # columns, not a DataFrame
        return build_symptom_figure(
            {"date": read["day"], "symptom": read["symptom"], "severity": read["severity"]},
            repo.events.all(since, until),
            since,
            until,
            style,
            size_in=size,
        )
    if choice.kind == "sledai":
        return build_sledai_figure(
            repo.sledai.all(), repo.events.all(since, until), since, until, style, size_in=size
        )
    records = chart_records(repo, [choice.key], since, until)
    return marker_figure(sources.marker_chart(records, choice.key), style, size_in=size)


def data_span(repo, choice: Choice) -> tuple[date, date] | None:
    """The first and last day of the data the chart of ``choice`` draws over all time (what
    "All" spans, without the axis margin); None for a set period or when there is none."""
    if choice.since is not None or choice.until is not None:
        return None
    if choice.kind == "symptoms":
        return repo.diary.span()
    if choice.kind == "sledai":
        days = [a.visit_on for a in repo.sledai.all()]
    else:
        keys = PANELS[choice.key][1] if choice.kind == "panel" else [choice.key]
        days = [r.taken_on for r in repo.results.all(markers=keys)]
    return (min(days), max(days)) if days else None


def render_choice(repo, choice: Choice):
    """Build and render in a worker thread (one figure drawn at a time)."""
    from lupus_tracker.charts import DRAW_LOCK
    from lupus_tracker.charts.render import render

    with DRAW_LOCK:
        figure = build_figure(repo, choice)
        return render(figure, *choice.size_px, dpi=100 * choice.ratio)


class ChartsView(QWidget):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self._theme_override: Theme | None = None
        self.rendered = None
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
        self.since = DateField(date.today() - timedelta(days=365), kind="period start")
        self.until = DateField(date.today(), kind="period end")
        for edit, name in ((self.since, "From"), (self.until, "To")):
            edit.setAccessibleName(f"{name} date")
            edit.dateChanged.connect(self.refresh)
        self.table_button = QPushButton("Show as &table")
        self.table_button.setCheckable(True)
        self.table_button.setAccessibleName("Show the plotted data as a table")
        self.table_button.toggled.connect(self._show_table)
        self.save_button = QPushButton("Sa&ve chart…")
        self.save_button.setToolTip("Save the chart as a PNG image or an SVG drawing")
        self.save_button.clicked.connect(self.save_dialog)
        self.hover = QLabel(" ")
        self.hover.setAccessibleName("Point details")
        self.message = QLabel("Drawing the chart…")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Chart message")
        self.area = ChartArea(self.hover.setText, self._schedule_resize)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Date", "Result"])
        self.table.setAccessibleName("Plotted data")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.stack = QStackedWidget()
        for page in (self.message, self.area, self.table):
            self.stack.addWidget(page)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_DELAY_MS)
        self._resize_timer.timeout.connect(self._resized)
        # Two rows: one row forced a minimum width wider than a 1366 px laptop at 16 pt.
        bar, dates = QHBoxLayout(), QHBoxLayout()
        for row, label, widget in (
            (bar, "Ch&art:", self.what),
            (dates, "&Period:", self.period),
            (dates, "From:", self.since),
            (dates, "To:", self.until),
        ):
            text = QLabel(label)
            text.setBuddy(widget)
            row.addWidget(text)
            row.addWidget(widget)
        bar.addStretch(1)
        dates.addStretch(1)
        bar.addWidget(self.table_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(dates)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hover)
        self.what.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.refresh()

    @property
    def theme(self) -> Theme:
        """The chart style's theme: the one set here, else the app's (light or dark)."""
        if self._theme_override is not None:
            return self._theme_override
        from lupus_tracker.ui import theme as app_theme

        return Theme.DARK if app_theme.current().name == "dark" else Theme.LIGHT

    def set_theme(self, theme: Theme | None) -> None:
        """Force a chart theme (None: follow the app's theme)."""
        self._theme_override = theme
        self.refresh()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if (
            event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange)
            and self.rendered is not None
        ):
            self.refresh()  # the app's theme or font changed: redraw in its colours

    def dates(self) -> tuple[date | None, date | None]:
        days = self.period.currentData()
        custom = days == -1
        self.since.setEnabled(custom)
        self.until.setEnabled(custom)
        if custom:
            return self.since.last_valid(), self.until.last_valid()
        if days is None:
            return None, None  # the fields follow once the chart is drawn (``_drawn``)
        period = date.today() - timedelta(days=days), date.today()
        self._show_dates(*period)
        return period

    def _show_dates(self, since: date, until: date) -> None:
        """Show the span drawn in From and To (quietly: no second drawing), so that the
        fields never contradict the chosen period and a switch to Custom starts there."""
        for edit, day in ((self.since, since), (self.until, until)):
            edit.blockSignals(True)
            edit.set_value(day)
            edit.blockSignals(False)

    def choice(self) -> Choice:
        """What to draw, read from the widgets (on the GUI thread)."""
        kind, key = self.what.currentData().split(":", 1)
        ratio = self.devicePixelRatioF() or 1.0
        width, height = self.stack.width(), self.stack.height()
        if width < 320 or height < 220:
            width, height = 900, 560
        return Choice(
            kind,
            key,
            *self.dates(),
            size_px=(round(width * ratio), round(height * ratio)),
            ratio=ratio,
            theme=self.theme,
            font_pt=self.font().pointSizeF() if self.font().pointSizeF() > 0 else 9.0,
        )

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
        self.area.ring_colour = "#FFFFFF" if choice.theme is Theme.DARK else "#000000"
        self._dirty = False
        self._running = True
        if self.rendered is None:
            self.message.setText("Drawing the chart…")
        self.hover.setText("Drawing the chart…")
        run_task(
            self.repo.db.path,
            lambda own: (render_choice(own, choice), data_span(own, choice)),
            self._drawn,
            self._failed,
            name="chart",
            owner=self,
        )

    def _drawn(self, drawn) -> None:
        self._running = False
        if self._dirty:  # another chart was chosen, or the data changed: draw that
            self._start()
            return
        rendered, span = drawn
        if span is not None and self.period.currentData() is None:  # "All": its real span
            self._show_dates(*span)
        self._install(rendered)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        if self._dirty:
            self._start()
            return
        self.message.setText(f"This chart could not be drawn. {describe(error)}")
        self.stack.setCurrentWidget(self.message)
        self.hover.setText(" ")

    def _install(self, rendered) -> None:
        self.rendered = rendered
        self.area.set_rendered(rendered, self.devicePixelRatioF() or 1.0)
        self._fill_table(rendered)
        if rendered.empty:
            self.message.setText(rendered.empty)
            self.stack.setCurrentWidget(self.message)
            self.hover.setText(" ")
            return
        self._show_table(self.table_button.isChecked())
        self.hover.setText(
            "Point at a point, or use the arrow keys, to read its date, value and lab."
            if rendered.details
            else rendered.summary
        )

    def _fill_table(self, rendered) -> None:
        """One row per point; a panel chart adds a Marker column (C3 and C4 rows apart)."""
        markers = rendered.markers if any(rendered.markers) else ()
        headers = ["Date", "Marker", "Result"] if markers else ["Date", "Result"]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rendered.details))
        for row, detail in enumerate(rendered.details):
            day, _, rest = detail.partition(": ")
            cells = [day, markers[row], rest] if markers else [day, rest]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setAccessibleDescription(rendered.summary)

    def _show_table(self, as_table: bool) -> None:
        # The button names what it does next: "Show as chart" while the table is shown.
        self.table_button.setText("Show as char&t" if as_table else "Show as &table")
        if self.rendered is None or self.rendered.empty:
            return
        self.stack.setCurrentWidget(self.table if as_table else self.area)

    def _schedule_resize(self) -> None:
        self._resize_timer.start()

    def _resized(self) -> None:
        rendered = self.rendered
        if rendered is None:
            return
        wanted = self.choice().size_px
        if abs(wanted[0] - rendered.width) > 8 or abs(wanted[1] - rendered.height) > 8:
            self.refresh()

    # -- saving -------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the chart shown to ``path`` (PNG or SVG by its suffix), off the GUI thread."""
        if self.rendered is None or self.rendered.empty:
            raise ValueError("There is no chart to save yet.")
        from lupus_tracker.charts import DRAW_LOCK

        figure = self.rendered.figure

        def write() -> None:
            with DRAW_LOCK:
                figure.savefig(path, dpi=150)

        run_blocking(self, "Saving the chart…", None, write)

    def save_dialog(self) -> None:
        if self.rendered is None or self.rendered.empty or self._running:
            QMessageBox.information(self, "Save chart", "Wait until a chart is drawn.")
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Save chart", "chart.png", "PNG image (*.png);;SVG drawing (*.svg)"
        )
        if name:
            try:
                self.save(Path(name))
            except Exception as error:
                QMessageBox.warning(self, "Save chart", describe(error))
