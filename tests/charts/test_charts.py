"""Charts built from plain data (no SQLite): check what is drawn, not only that drawing
worked. Band limits are read back from the drawn artists."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lupus_tracker.charts.marker import MarkerChart, marker_figure, medication_periods
from lupus_tracker.charts.panels import build_panel_figure
from lupus_tracker.charts.series import prepare_marker, summary
from lupus_tracker.charts.sledai import build_sledai_figure
from lupus_tracker.charts.style import Theme, chart_style, contrast_ratio, print_style
from lupus_tracker.charts.symptoms import build_symptom_figure
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.records import Dose, Event, EventKind, LabResult, Medication, Source

_ids = itertools.count(1)


def result(
    day: date,
    marker: str,
    value: str,
    unit: str | None = None,
    ref: str | None = None,
    lab: str | None = None,
    assay: str | None = None,
) -> LabResult:
    unit_code = unit or get_marker(marker).canonical_unit.code
    return LabResult(
        next(_ids),
        day,
        marker,
        value,
        None,
        None,
        unit_code,
        None,
        "",
        ref,
        lab,
        assay,
        None,
        None,
        Source.ENTERED,
        "",
        "",
    )


def data(marker: str, results, preferred: str | None = None):
    m = get_marker(marker)
    unit = m.units.find(preferred) if preferred else m.canonical_unit
    return prepare_marker(m, results, unit, None)


def figure_of(marker: str, results, **kwargs):
    figure = marker_figure(MarkerChart(data(marker, results), **kwargs))
    FigureCanvasAgg(figure).draw()
    return figure


def band_limits(ax, label_part: str) -> tuple[float, float]:
    """The lowest and highest y of the drawn band whose gid names ``label_part``."""
    (band,) = [c for c in ax.collections if label_part in (c.get_gid() or "")]
    ys = np.concatenate([p.vertices[:, 1] for p in band.get_paths()])
    ys = ys[np.isfinite(ys)]
    return float(ys.min()), float(ys.max())


def test_two_sided_range_band_between_its_limits():
    figure = figure_of(
        "c3",
        [
            result(date(2024, 1, 5), "c3", "0.62", "g/L", "0.9-1.8"),
            result(date(2024, 3, 5), "c3", "1.1", "g/L", "0.9-1.8"),
        ],
    )
    assert band_limits(figure.axes[0], "band:") == pytest.approx((0.9, 1.8))


def test_one_sided_upper_limit_shades_from_the_axis_bottom():
    figure = figure_of(
        "anti_dsdna",
        [
            result(date(2024, 1, 5), "anti_dsdna", "120", "IU/mL", "<30", assay="ELISA"),
            result(date(2024, 6, 5), "anti_dsdna", "22", "IU/mL", "<30", assay="ELISA"),
            result(date(2024, 9, 5), "anti_dsdna", "40", "IU/mL", "<27", assay="CLIA"),
        ],
    )
    ax = figure.axes[0]
    bottom = ax.get_ylim()[0]
    assert band_limits(ax, "band:IU/mL · ELISA") == pytest.approx((bottom, 30))
    assert band_limits(ax, "band:IU/mL · CLIA") == pytest.approx((bottom, 27))
    assert ax.get_ylim()[0] == bottom  # drawing the band did not move the axis


def test_at_least_range_shades_to_the_axis_top():
    figure = figure_of(
        "egfr",
        [
            result(date(2024, 1, 5), "egfr", "72", ref=">=90"),
            result(date(2024, 5, 5), "egfr", "95", ref=">=90"),
        ],
    )
    ax = figure.axes[0]
    assert band_limits(ax, "band:") == pytest.approx((90, ax.get_ylim()[1]))


def test_titer_axis_ticks_at_reported_dilutions_and_band_below_the_limit():
    figure = figure_of(
        "ana",
        [
            result(date(2024, 1, 5), "ana", "1:160", ref="<1:80"),
            result(date(2024, 6, 5), "ana", "1:640", ref="<1:80"),
            result(date(2024, 9, 5), "ana", "negative"),
        ],
    )
    ax = figure.axes[0]
    assert ax.get_yscale() == "log"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["1:80", "1:160", "1:320", "1:640"]
    assert not {"1:128", "1:256", "1:512"} & set(labels)
    assert band_limits(ax, "band:") == pytest.approx((ax.get_ylim()[0], 80))
    assert any(t.get_text() == "negative" for t in ax.texts)
    assert "does not track activity" in ax.get_title()


def test_assays_are_separate_series_and_bounds_are_open_triangles():
    d = data(
        "anti_dsdna",
        [
            result(date(2024, 1, 5), "anti_dsdna", "120", "IU/mL", "<30", assay="ELISA"),
            result(date(2024, 2, 5), "anti_dsdna", "<10", "IU/mL", "<30", assay="ELISA"),
            result(date(2024, 3, 5), "anti_dsdna", "40", "IU/mL", "<27", assay="CLIA"),
        ],
    )
    assert [s.label for s in d.series] == ["IU/mL · ELISA", "IU/mL · CLIA"]
    figure = marker_figure(MarkerChart(d))
    ax = figure.axes[0]
    assert (
        len([line for line in ax.get_lines() if (line.get_gid() or "").startswith("series")]) == 1
    )  # CLIA: one point
    (triangles,) = [c for c in ax.collections if "below this value" in (c.get_label() or "")]
    assert len(triangles.get_offsets()) == 1
    assert tuple(triangles.get_facecolor()[0][:3]) == (1.0, 1.0, 1.0)  # open


def test_no_assay_different_lab_or_range_is_another_series():
    # Albumin is lab-bound (dye methods differ; C3 compares across labs since rheum4
    # finding 3).
    d = data(
        "albumin",
        [
            result(date(2024, 1, 5), "albumin", "31", "g/L", "35-50", lab="A"),
            result(date(2024, 2, 5), "albumin", "3.8", "g/dL", "3.4-4.8", lab="B"),
            result(date(2024, 3, 5), "albumin", "3.0", "g/dL", "3.4-4.8", lab="B"),
        ],
        preferred="g/L",
    )
    assert [len(s.points) for s in d.series] == [1, 2]
    assert [p.value for p in d.series[1].points] == pytest.approx([38, 30])  # display unit
    assert [p.low for p in d.series[1].points] == pytest.approx([34, 34])


def test_medication_lanes_total_daily_dose_only_active_ones_no_overlap():
    meds = (
        Medication(
            1,
            "Hydroxychloroquine",
            date(2024, 1, 1),
            doses=(Dose(date(2024, 1, 1), 200, "mg", "twice daily"),),
        ),
        Medication(
            2,
            "Prednisone",
            date(2024, 1, 1),
            doses=tuple(
                Dose(date(2024, 1, 1 + 3 * i), 40 - 5 * i, "mg", "once daily") for i in range(6)
            ),
        ),
        Medication(3, "Old drug", date(2020, 1, 1), date(2021, 1, 1)),
    )
    lanes = medication_periods(meds, date(2023, 6, 1), date(2024, 6, 1))
    assert [name for name, _ in lanes] == ["Hydroxychloroquine", "Prednisone"]
    figure = figure_of(
        "c3",
        [result(date(2024, 2, 5), "c3", "0.7", "g/L", "0.9-1.8")],
        medications=meds,
        since=date(2023, 6, 1),
        until=date(2024, 6, 1),
    )
    lanes_ax = figure.axes[1]
    texts = [t for t in lanes_ax.texts if t.get_gid() == "medication-label"]
    assert "200 mg ×2 = 400 mg/day" in [t.get_text() for t in texts]
    _no_overlap(figure, texts)


def _no_overlap(figure, texts) -> None:
    renderer = figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


def test_event_labels_never_overlap():
    events = tuple(
        Event(i, date(2024, 3, 1 + i), EventKind.FLARE, f"Flare number {i}") for i in range(8)
    )
    figure = figure_of(
        "c3",
        [
            result(date(2024, 1, 5), "c3", "0.7", "g/L", "0.9-1.8"),
            result(date(2024, 9, 5), "c3", "0.9", "g/L", "0.9-1.8"),
        ],
        events=events,
    )
    labels = [t for t in figure.axes[0].texts if t.get_gid() == "event-label"]
    assert labels
    _no_overlap(figure, labels)


def test_empty_state_has_no_time_axis():
    figure = marker_figure(MarkerChart(data("crp", [])))
    assert not figure.axes and "No C-reactive protein results" in figure.chart_empty
    empty_panel = build_panel_figure("Serology", [data("c3", [])])
    assert not empty_panel.axes
    assert not build_sledai_figure([]).axes
    assert not build_symptom_figure(pd.DataFrame(columns=["date", "symptom", "severity"])).axes


def test_summary_for_a_screen_reader():
    d = data(
        "c3",
        [
            result(date(2025, 1, 5), "c3", "0.95", "g/L", "0.9-1.8"),
            result(date(2026, 11, 5), "c3", "0.81", "g/L", "0.9-1.8"),
        ],
    )
    assert summary(d) == "Complement C3, 2 results from Jan 2025 to Nov 2026, latest 0.81 g/L, low"


def test_panels_are_small_multiples_with_ranges():
    markers = [
        data(
            "anti_dsdna",
            [result(date(2024, 1, 5), "anti_dsdna", "50", "IU/mL", "<30", assay="ELISA")],
        ),
        data("c3", [result(date(2024, 1, 5), "c3", "<0.4", "g/L", "0.9-1.8")]),
        data("c4", []),
    ]
    figure = build_panel_figure("Serology", markers)
    FigureCanvasAgg(figure).draw()
    assert [a.get_ylabel().split("\n")[0] for a in figure.axes] == ["anti-dsDNA", "C3"]
    assert band_limits(figure.axes[0], "band:") == pytest.approx((figure.axes[0].get_ylim()[0], 30))
    assert any("below this value" in (c.get_label() or "") for c in figure.axes[1].collections)


def test_symptom_heat_map_and_sledai_from_plain_data():
    days = pd.date_range("2026-06-01", "2026-06-30")
    frame = pd.DataFrame({"date": days, "symptom": "fatigue", "severity": range(30)}).assign(
        severity=lambda f: f["severity"] % 11
    )
    figure = build_symptom_figure(frame, since=date(2026, 6, 1), until=date(2026, 6, 30))
    image = figure.axes[0].get_images()[0].get_array()
    assert image.shape[1] == 30 and np.nanmax(image) <= 10
    assert figure.axes[0].get_xlim()[0] == mdates.date2num(date(2026, 6, 1))

    @dataclass
    class Visit:
        visit_on: date
        score: int

    sledai = build_sledai_figure([Visit(date(2026, 1, 5), 8), Visit(date(2026, 4, 5), 4)])
    assert sledai.chart_points[0].details[1] == "05 Apr 2026: SLEDAI-2K 4"


@pytest.mark.parametrize("theme", [*Theme, "print"])
def test_every_meaningful_colour_passes_wcag_aa(theme):
    style = print_style() if theme == "print" else chart_style(theme)
    for name, colour in style.meaningful_colours().items():
        assert contrast_ratio(colour, style.background) >= 4.5, name
    for colour in style.palette:  # text inside medication bars
        assert contrast_ratio(style.on_colour(), colour) >= 4.5


def test_dark_style_colours_the_figure():
    d = data("c3", [result(date(2024, 1, 5), "c3", "0.7", "g/L", "0.9-1.8")])
    figure = marker_figure(MarkerChart(d), chart_style(Theme.DARK, font_pt=14))
    assert figure.get_facecolor()[:3] == pytest.approx((30 / 255,) * 3)
    assert figure.axes[0].title.get_fontsize() == 16


MIXED_DSDNA = [
    result(date(2024, 1, 5), "anti_dsdna", "120", "IU/mL", "<30", "LabA", "ELISA"),
    result(date(2024, 3, 5), "anti_dsdna", "80", "IU/mL", "<30", "LabA", "ELISA"),
    result(date(2024, 5, 5), "anti_dsdna", "1:160", "titer", "<1:10", "LabB", "Crithidia"),
    result(date(2024, 7, 5), "anti_dsdna", "1:40", "titer", "<1:10", "LabB", "Crithidia"),
    result(date(2024, 9, 5), "anti_dsdna", "35", "U/mL", "<20", "LabC", "Kit X"),
]


def _plotted_ys(ax) -> set[float]:
    return {
        float(y)
        for c in ax.collections
        if (c.get_gid() or "").startswith("points:")
        for _, y in c.get_offsets()
    }


def test_anti_dsdna_in_three_unit_families_is_three_named_charts():
    figure = figure_of("anti_dsdna", MIXED_DSDNA)
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert titles == [
        "Anti-dsDNA antibodies in IU/mL (ELISA)",
        "Anti-dsDNA antibodies in titer (Crithidia)",
        "Anti-dsDNA antibodies in U/mL (kit units) (Kit X)",
    ], titles
    iu, titer, kit = figure.axes
    assert _plotted_ys(iu) == {120.0, 80.0} and iu.get_yscale() == "linear"
    assert _plotted_ys(titer) == {160.0, 40.0} and titer.get_yscale() == "log"
    assert _plotted_ys(kit) == {35.0} and kit.get_yscale() == "linear"
    assert "one chart per unit" in figure.get_suptitle()
    assert len(figure.chart_points) == 3  # hover and keyboard reach every point
    assert iu.get_xlim() == titer.get_xlim() == kit.get_xlim()  # one time axis


def test_panel_splits_a_marker_measured_in_two_unit_families():
    markers = [
        data("anti_dsdna", MIXED_DSDNA[:4]),
        data("c3", [result(date(2024, 2, 5), "c3", "0.8", "g/L", "0.9-1.8")]),
    ]
    figure = build_panel_figure("Serology", markers)
    labels = [ax.get_ylabel() for ax in figure.axes]
    assert labels == ["anti-dsDNA\n(IU/mL)", "anti-dsDNA\n(titer)", "C3\n(g/L)"], labels
    assert figure.axes[1].get_yscale() == "log" and figure.axes[0].get_yscale() == "linear"


def _target_lines(ax) -> list[float]:
    return [
        line.get_ydata()[0] for line in ax.lines if (line.get_gid() or "").startswith("target:")
    ]


@pytest.mark.parametrize("nephritis", [True, False])
def test_home_blood_pressure_panel_shows_the_lupus_nephritis_target(nephritis):
    from lupus_tracker.charts.targets import bp_targets
    from lupus_tracker.domain.monitoring import BP_TARGET_LUPUS_NEPHRITIS

    readings = [
        data(
            "systolic_bp",
            [
                result(date(2024, 1, d), "systolic_bp", str(v))
                for d, v in ((5, 124), (12, 138), (19, 127))
            ],
        ),
        data(
            "diastolic_bp",
            [
                result(date(2024, 1, d), "diastolic_bp", str(v))
                for d, v in ((5, 76), (12, 84), (19, 79))
            ],
        ),
    ]
    figure = build_panel_figure("Home blood pressure", readings, targets=bp_targets(nephritis))
    systolic, diastolic = figure.axes
    if not nephritis:
        assert _target_lines(systolic) == _target_lines(diastolic) == []
        return
    assert BP_TARGET_LUPUS_NEPHRITIS == (130, 80)
    assert _target_lines(systolic) == [130] and _target_lines(diastolic) == [80]
    labels = [t.get_text() for ax in figure.axes for t in ax.texts if t.get_gid() == "target-label"]
    assert labels == ["target <130 (lupus nephritis)", "target <80"]
    assert "below 130/80 mmHg (KDIGO 2024)" in figure.get_suptitle()
    assert systolic.get_ylim()[1] > 138 and diastolic.get_ylim()[0] < 76


def test_every_symptom_trend_line_differs_from_the_others_past_the_palette():
    """A patient's own symptoms add lines: the 7th line must not look like the 1st."""
    days = pd.date_range("2026-06-01", periods=21, freq="D")
    keys = [
        "fatigue",
        "rash",
        "joint_pain",
        "muscle_pain",
        "fever",
        "hair_loss",
        "custom:Itching",
        "custom:Dry eyes",
    ]
    frame = pd.DataFrame(
        [(day, key, (i + j) % 11) for i, key in enumerate(keys) for j, day in enumerate(days)],
        columns=["date", "symptom", "severity"],
    )
    figure = build_symptom_figure(frame)
    names = {"Fatigue", "Rash", "Joint pain", "Muscle pain", "Fever", "Hair loss", "Itching"}
    lines = [
        line
        for axes in figure.axes
        for line in axes.get_lines()
        if line.get_label() in names | {"Dry eyes"}
    ]
    assert len(lines) == len(keys)
    looks = {(line.get_color(), line.get_linestyle()) for line in lines}
    assert len(looks) == len(keys)


def test_a_point_reads_out_in_the_axis_unit_with_the_printed_value_beside_it():
    """The patient's C3 chart (axis g/L) read "81 mg/dL" for a result printed in mg/dL."""
    points = data(
        "c3",
        [result(date(2026, 1, 5), "c3", "81", "mg/dL"), result(date(2026, 2, 5), "c3", "0.9")],
        "g/L",
    ).points_in_order()
    details = [point.detail for point, _ in points]
    assert details[0].startswith("05 Jan 2026: 0.81 g/L (printed 81 mg/dL)")
    assert details[1].startswith("05 Feb 2026: 0.9") and "printed" not in details[1]
