"""Charts: check what is drawn, not only that drawing worked."""

from __future__ import annotations

from datetime import date

import matplotlib.dates as mdates
import numpy as np

from lupus_tracker.charts.marker import marker_data, marker_figure
from lupus_tracker.charts.panels import panel_figure
from lupus_tracker.charts.symptoms import symptom_figure
from lupus_tracker.domain.records import LabEntry


def test_assays_are_separate_series_never_one_line(demo_repo):
    data = marker_data(demo_repo, "anti_dsdna")
    labels = sorted(s.label for s in data.series)
    assert labels == ["IU/mL · CLIA", "IU/mL · ELISA"]
    figure = marker_figure(demo_repo, "anti_dsdna", with_medications=False)
    ax = figure.axes[0]
    lines = [line for line in ax.get_lines() if (line.get_gid() or "").startswith("series")]
    assert len(lines) == 2
    lengths = sorted(len(line.get_xdata()) for line in lines)
    assert sum(lengths) == len(demo_repo.results.all(["anti_dsdna"]))
    assert ax.get_ylabel() == "IU/mL"


def test_computed_egfr_is_not_joined_to_lab_egfr(demo_repo):
    data = marker_data(demo_repo, "egfr")
    assert {s.label for s in data.series} == {"mL/min/1.73m²",
                                              "mL/min/1.73m² · CKD-EPI 2021 (computed)"}


def test_preferred_unit_own_ranges_bounds_and_flags(repo):
    repo.results.add_many([
        LabEntry(date(2024, 1, 5), "c3", "62", "mg/dL", "90-180"),
        LabEntry(date(2024, 2, 5), "c3", "0.95", "g/L", "0.82-1.67"),
        LabEntry(date(2024, 3, 5), "c3", "<0.4", "g/L", "0.82-1.67"),
        LabEntry(date(2024, 4, 5), "c3", "1.1", "g/L"),
    ])
    repo.settings.set_preferred_unit("c3", "mg/dL")
    (series,) = marker_data(repo, "c3").series
    assert series.values == [62, 95, 40, 110]  # all in mg/dL
    assert series.lows == [90, 82, 82, 90]  # each result's own range; default for the last
    assert series.bounds == ["", "", "<", ""] and series.out == [True, False, True, False]
    figure = marker_figure(repo, "c3", with_medications=False)
    ax = figure.axes[0]
    assert ax.get_ylabel() == "mg/dL"
    band = [c for c in ax.collections if "reference range" in (c.get_label() or "")]
    assert len(band) == 1
    open_triangles = [c for c in ax.collections if "below this bound" in (c.get_label() or "")]
    assert len(open_triangles) == 1 and len(open_triangles[0].get_offsets()) == 1


def test_ana_titers_on_a_log2_axis_and_words_as_marks(repo):
    repo.results.add_many([LabEntry(date(2024, 1, 5), "ana", "1:160"),
                      LabEntry(date(2024, 6, 5), "ana", "1:640"),
                      LabEntry(date(2024, 9, 5), "ana", "negative")])
    figure = marker_figure(repo, "ana", with_medications=False)
    ax = figure.axes[0]
    assert ax.get_yscale() == "log"
    figure.canvas.draw()
    labels = {t.get_text() for t in ax.get_yticklabels()}
    assert {"1:256", "1:512"} & labels or {"1:160", "1:640"} & labels
    assert any(t.get_text() == "negative" for t in ax.texts)
    assert "does not track activity" in ax.get_title()


def test_events_and_medications_share_the_time_axis(demo_repo):
    figure = marker_figure(demo_repo, "c3")
    ax, meds = figure.axes[:2]
    infusion = [t for t in ax.texts if t.get_text() == "UC-MSC infusion"]
    assert len(infusion) == 1
    names = [t.get_text() for t in meds.get_yticklabels()]
    assert "Prednisone" in names
    prednisone_bars = [p for p in meds.patches if abs(p.get_y() + p.get_height() / 2
                                                      - names.index("Prednisone")) < 0.01]
    assert len(prednisone_bars) == 7  # one segment per dose of the taper


def test_no_data_and_one_sided_ranges_still_chart(repo):
    empty = marker_figure(repo, "crp", with_medications=False)
    assert any("No results" in t.get_text() for t in empty.axes[0].texts)
    repo.results.add(LabEntry(date(2024, 1, 5), "crp", "12", "mg/L", "<5"))
    (series,) = marker_data(repo, "crp").series
    assert series.lows == [None] and series.highs == [5] and series.out == [True]


def test_symptom_heat_map(demo_repo):
    figure = symptom_figure(demo_repo, date(2026, 6, 1), date(2026, 6, 30))
    heat = figure.axes[0]
    image = heat.get_images()[0]
    data = image.get_array()
    assert data.shape[1] == 30 and np.nanmax(data) <= 10
    trend = figure.axes[2] if len(figure.axes) > 2 else figure.axes[1]
    assert trend is not None
    assert heat.get_xlim()[0] == mdates.date2num(date(2026, 6, 1))


def test_panel_figure_draws_each_marker(demo_repo):
    figure = panel_figure(demo_repo, "serology")
    assert [a.get_ylabel().split("\n")[0] for a in figure.axes] == ["anti-dsDNA", "C3", "C4"]
