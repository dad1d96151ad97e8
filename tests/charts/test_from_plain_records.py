"""Charts and the report's trend chart are drawn from records built by hand: no SQLite
(issue 10 items 3 and 6)."""

from __future__ import annotations

from datetime import date

from lupus_tracker.charts import sources
from lupus_tracker.charts.marker import marker_figure
from lupus_tracker.charts.targets import targets_for
from lupus_tracker.domain.monitoring import LUPUS_NEPHRITIS_SETTING
from lupus_tracker.domain.records import (
    Dose,
    Event,
    EventKind,
    LabResult,
    Medication,
    Source,
)
from lupus_tracker.report.figures import trend_figure
from lupus_tracker.store.inputs import ChartRecords

SINCE, UNTIL = date(2026, 1, 1), date(2026, 6, 30)


def result(id_, day, marker, value, unit, ref, lab="LabA", assay=None):
    return LabResult(
        id_, day, marker, value, None, None, unit, None, unit, ref, lab, assay, None, None,
        Source.ENTERED, "", "",
    )  # fmt: skip


def records(settings=None) -> ChartRecords:
    c3 = (
        result(1, date(2025, 12, 1), "c3", "0.50", "g/L", "0.9-1.8"),  # before the span
        result(2, date(2026, 2, 5), "c3", "0.62", "g/L", "0.9-1.8"),
        result(3, date(2026, 5, 5), "c3", "0.95", "g/L", "0.9-1.8"),
    )
    dsdna = (
        result(4, date(2026, 3, 1), "anti_dsdna", "60", "IU/mL", "<30", assay="ELISA"),
        result(5, date(2026, 4, 1), "anti_dsdna", "<10", "IU/mL", "<30", assay="ELISA"),
    )
    prednisone = Medication(
        1, "Prednisone", date(2026, 1, 10), doses=(Dose(date(2026, 1, 10), 20, "mg", "daily"),)
    )
    return ChartRecords(
        SINCE,
        UNTIL,
        {"c3": c3, "anti_dsdna": dsdna},
        {},
        events=(Event(1, date(2026, 3, 3), EventKind.FLARE, "Flare"),),
        medications=(prednisone,),
        settings=settings or {},
    )


def test_marker_chart_from_records_keeps_the_span_and_draws():
    chart = sources.marker_chart(records(), "c3")
    (series,) = chart.data.series
    assert [p.text for p in series.points] == ["0.62", "0.95"]  # December is outside
    assert chart.events and chart.medications and chart.since == SINCE
    assert not sources.marker_chart(records(), "c3", with_medications=False).medications
    figure = marker_figure(chart)
    assert "Prednisone" in [t.get_text() for t in figure.axes[1].get_yticklabels()]
    bounds = sources.marker_data(records(), "anti_dsdna")
    assert [p.text for s in bounds.series for p in s.points] == ["60", "<10"]


def test_panel_from_records():
    data = sources.panel(records(), ("anti_dsdna", "c3", "c4"))
    assert [d.key for d in data] == ["anti_dsdna", "c3", "c4"]
    assert not data[2].series  # no C4 results: an empty panel, not an error


def test_report_trend_figure_from_records():
    figure = trend_figure(records(), SINCE, date(2026, 3, 1), UNTIL)
    titles = [ax.get_title(loc="left") for ax in figure.axes if ax.get_title(loc="left")]
    assert any(t.startswith("anti-dsDNA") for t in titles)
    assert any(t.startswith("C3") for t in titles)
    assert any(ax.get_label() == "dose strip" for ax in figure.axes)


def test_targets_follow_the_lupus_nephritis_setting():
    assert targets_for({}) == {}
    assert set(targets_for({LUPUS_NEPHRITIS_SETTING: "yes"})) == {"systolic_bp", "diastolic_bp"}
