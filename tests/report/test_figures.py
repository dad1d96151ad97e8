"""The report's trend chart at print size: panels at least 8 cm wide, no text under 7 pt,
nothing past the figure's edge, each result's own range, bounds as open triangles, one
series (and shape) per assay, the prednisone-equivalent strip and the events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.text import Text

from lupus_tracker.domain.records import Dose, LabEntry, Medication
from lupus_tracker.report.figures import MIN_PT, trend_figure
from lupus_tracker.store.inputs import chart_records

UNTIL = date(2026, 6, 30)
SINCE = date(2026, 4, 1)
START = date(2025, 6, 30)


@pytest.fixture
def drawn(demo_repo):
    demo_repo.results.add(LabEntry(date(2026, 6, 29), "c3", "<0.5", "g/L", "0.9-1.8"))
    demo_repo.treatments.add(
        Medication(
            None,
            "Methylprednisolone IV",
            date(2026, 5, 2),
            date(2026, 5, 4),
            doses=(Dose(date(2026, 5, 2), 500, "mg", "once daily"),),
        )
    )
    figure = trend_figure(chart_records(demo_repo, since=START, until=UNTIL), START, SINCE, UNTIL)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return figure, canvas.get_renderer()


def _drawn_texts(figure) -> list[Text]:
    """Every text drawn: titles, labels, legends, annotations, and the tick labels inside
    the view (matplotlib keeps, but does not draw, the ones just outside it)."""
    ticks, shown = set(), []
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update((id(tick.label1), id(tick.label2)))
                if low <= tick.get_loc() <= high:
                    shown += [label for label in (tick.label1, tick.label2) if label.get_visible()]
    return [t for t in figure.findobj(Text) if id(t) not in ticks] + shown


def _panels(figure):
    return [ax for ax in figure.axes if ax.get_title(loc="left") and ax.get_label() != "dose strip"]


def test_panels_are_wide_enough_and_no_text_is_small_or_outside(drawn):
    figure, renderer = drawn
    panels = _panels(figure)
    assert len(panels) == 8  # 7 markers and the blood pressure of the demo's nephritis
    for ax in panels:
        width_mm = ax.get_position().width * figure.get_figwidth() * 25.4
        assert width_mm >= 80, (ax.get_title(loc="left"), width_mm)
    box = figure.bbox
    texts = [t for t in _drawn_texts(figure) if t.get_visible() and t.get_text().strip()]
    assert texts
    for text in texts:
        assert text.get_fontsize() >= MIN_PT, (text.get_text(), text.get_fontsize())
        extent = text.get_window_extent(renderer)
        assert extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1, text.get_text()
        assert extent.y0 >= box.y0 - 1 and extent.y1 <= box.y1 + 1, text.get_text()


def test_ranges_bounds_and_assays(drawn):
    figure, _ = drawn
    panels = {ax.get_title(loc="left").split(" (")[0]: ax for ax in _panels(figure)}
    assert set(panels) >= {"anti-dsDNA", "C3", "C4", "Albumin"}
    for name, ax in panels.items():  # each result's own range: a shaded band
        if name != "Blood pressure":  # target lines stand for its range
            assert any(isinstance(c, PolyCollection) for c in ax.collections), name
    c3 = panels["C3"]
    open_down = [
        c
        for c in c3.collections
        if isinstance(c, PathCollection)
        and len(c.get_offsets())
        and len(c.get_facecolor())
        and tuple(c.get_facecolor()[0]) == (1, 1, 1, 1)
    ]
    assert open_down, "the <0.5 bound is an open triangle"
    dsdna = panels["anti-dsDNA"]
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    # two assays, two series, one legend; each named "assay · lab" as in the tables
    assert legend[:2] == ["ELISA · City Hospital Laboratory", "CLIA · Riverside Medical Labs"]
    assert "visit" in legend and "infusion" not in legend  # the events of the chart
    shapes = {
        id(c.get_paths()[0])
        for c in dsdna.collections
        if isinstance(c, PathCollection) and len(c.get_offsets())
    }
    assert len(shapes) >= 2


def test_dose_strip_and_events_share_the_time_axis(drawn):
    figure, _ = drawn
    strips = [ax for ax in figure.axes if ax.get_label() == "dose strip"]
    events = [ax for ax in figure.axes if ax.get_label() == "event strip"]
    assert len(strips) == 2 and len(events) == 2
    for ax in strips + events:
        assert ax.get_xlim() == _panels(figure)[0].get_xlim()
    annotations = [t.get_text() for t in strips[0].texts]
    assert "5 mg/day" in annotations  # today's oral dose
    pulses = [line for line in strips[0].lines if line.get_marker() == "v"]
    assert len(pulses) == 3  # three days of 500 mg IV methylprednisolone


def _band_steps(ax, gid_start: str) -> dict[str, list[tuple[float, float]]]:
    """The band's dashed limit lines (x, y), by series label."""
    return {
        line.get_gid().split(":", 1)[1]: [tuple(p) for p in line.get_xydata()]
        for line in ax.lines
        if (line.get_gid() or "").startswith(gid_start)
    }


def test_report_bands_are_the_app_chart_bands(repo):
    """The report's panel draws the marker chart's band: the same limits, step for step,
    from each result's own lab range (one-sided ranges too)."""
    from lupus_tracker.charts.marker import MarkerChart, marker_figure
    from lupus_tracker.charts.sources import marker_data

    for entry in (
        LabEntry(date(2026, 1, 5), "c3", "0.62", "g/L", "0.9-1.8", "LabA"),
        LabEntry(date(2026, 2, 5), "c3", "0.95", "g/L", "0.9-1.8", "LabA"),
        LabEntry(date(2026, 4, 5), "c3", "0.80", "g/L", "0.82-1.67", "LabB"),
        LabEntry(date(2026, 5, 5), "c3", "0.85", "g/L", "0.82-1.67", "LabB"),
        LabEntry(date(2026, 3, 1), "anti_dsdna", "60", "IU/mL", "<30", "LabA", "ELISA"),
        LabEntry(date(2026, 5, 1), "anti_dsdna", "40", "IU/mL", "<27", "LabB", "CLIA"),
    ):
        repo.results.add(entry)
    records = chart_records(repo, since=START, until=UNTIL)
    report = trend_figure(records, START, SINCE, UNTIL)
    panels = {ax.get_title(loc="left").split(" (")[0]: ax for ax in _panels(report)}
    for key, name in (("c3", "C3"), ("anti_dsdna", "anti-dsDNA")):
        app = marker_figure(
            MarkerChart(
                marker_data(records, key, START, UNTIL),
                since=START,
                until=UNTIL + timedelta(days=1),
            )
        )
        for edge in ("band-low:", "band-high:"):
            assert _band_steps(panels[name], edge) == _band_steps(app.axes[0], edge), edge
    lows = _band_steps(panels["C3"], "band-low:")
    assert {y for steps in lows.values() for _, y in steps} == {0.9, 0.82}
    highs = _band_steps(panels["anti-dsDNA"], "band-high:")
    assert sorted({y for steps in highs.values() for _, y in steps}) == [27, 30]
    assert not _band_steps(panels["anti-dsDNA"], "band-low:")  # <30: no lower limit


def test_blood_pressure_panel_with_the_lupus_nephritis_target(demo_repo):
    """The demo patient has lupus nephritis: the report's trend chart has a blood pressure
    panel with the target lines at 130 and 80 mmHg, and the caption names the source."""
    from lupus_tracker.report.figures import trend_chart_image

    figure = trend_figure(chart_records(demo_repo, since=START, until=UNTIL), START, SINCE, UNTIL)
    (pressure,) = [
        ax for ax in _panels(figure) if ax.get_title(loc="left").startswith("Blood pressure")
    ]
    targets = sorted(
        line.get_ydata()[0]
        for line in pressure.lines
        if (line.get_gid() or "").startswith("target:")
    )
    assert targets == [80, 130]
    assert len(_panels(figure)) % 2 == 0  # the columns stay even
    records = chart_records(demo_repo, since=START, until=UNTIL)
    caption = trend_chart_image(records, START, SINCE, UNTIL).caption
    assert "below 130/80 mmHg (KDIGO 2024)" in caption
    demo_repo.settings.set("condition.lupus_nephritis", "no")
    figure = trend_figure(chart_records(demo_repo, since=START, until=UNTIL), START, SINCE, UNTIL)
    assert not [
        ax for ax in _panels(figure) if ax.get_title(loc="left").startswith("Blood pressure")
    ]
