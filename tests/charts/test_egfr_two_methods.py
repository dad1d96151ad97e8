"""A lab eGFR and the eGFR computed from the same creatinine are different methods: two
series, named by method, the computed one with its own marker, never one zig-zag line
(rheumatologist review, fixlatest item 6)."""

from __future__ import annotations

from datetime import date

from lupus_tracker.charts.marker import marker_figure
from lupus_tracker.charts.series import COMPUTED_SHAPE, EGFR_COMPUTED, EGFR_LAB
from lupus_tracker.charts.sources import marker_chart
from lupus_tracker.domain.comparability import why_not_comparable
from lupus_tracker.domain.records import LabEntry, Profile
from lupus_tracker.store.inputs import chart_records

DAYS = (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1))


def test_lab_and_computed_egfr_are_two_series_told_apart(repo):
    repo.profile.set(Profile("Ana", date(1985, 1, 1), "female"))
    for day, creatinine, egfr in zip(DAYS, ("0.9", "1.0", "2.0"), ("80", "75", "34"), strict=True):
        repo.results.add(LabEntry(day, "creatinine", creatinine, "mg/dL"))
        repo.results.add(LabEntry(day, "egfr", egfr, "mL/min/{1.73_m2}"))
    chart = marker_chart(chart_records(repo, ["egfr"], DAYS[0], DAYS[-1]), "egfr")
    lab, computed = chart.data.series
    assert (lab.label, lab.shape) == (EGFR_LAB, "")
    assert (computed.label, computed.shape) == (EGFR_COMPUTED, COMPUTED_SHAPE)
    assert [p.text for p in lab.points] == ["80", "75", "34"]
    assert [p.text for p in computed.points] == ["82", "73", "32"]
    lab_result, computed_result = lab.points[0], computed.points[0]
    assert lab_result.day == computed_result.day
    entries = repo.results.all(markers=["egfr"])
    assert why_not_comparable(entries[0], entries[1]) == "lab-reported and computed"
    figure = marker_figure(chart)
    labels = figure.axes[0].get_legend_handles_labels()[1]
    assert EGFR_LAB in labels and EGFR_COMPUTED in labels
    assert sum("60 and above" in label for label in labels) == 1  # one KDIGO band entry
