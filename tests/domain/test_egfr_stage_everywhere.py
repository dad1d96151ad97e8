"""An eGFR of 60-89 reads "G2: mildly decreased" (KDIGO 2012 CKD guideline, GFR categories)
in every reader: list/CSV/Excel (flag_text), dashboard and report (latest values), chart
points and the chart's shaded band; never "normal" below 90, also for a bedside-Schwartz
value of someone under 18.  Source of each row: fixclin brief item 2."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.charts.series import prepare_marker, summary
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.egfr import SCHWARTZ_ASSAY
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.records import LabEntry, Source
from lupus_tracker.domain.wording import chart_flag_word, flag_text, range_band_label
from lupus_tracker.store.inputs import latest_records

D = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("value", "assay", "source", "expected"),
    [
        ("72", None, Source.ENTERED, "KDIGO G2: mildly decreased"),
        ("89", None, Source.ENTERED, "KDIGO G2: mildly decreased"),
        ("60", None, Source.ENTERED, "KDIGO G2: mildly decreased"),
        ("72", SCHWARTZ_ASSAY, Source.COMPUTED, "KDIGO G2: mildly decreased"),  # under 18
        ("95", None, Source.ENTERED, "KDIGO G1: normal or high"),
    ],
)
def test_every_reader_words_the_stage(repo, value, assay, source, expected):
    entry = LabEntry(D, "egfr", value, assay=assay, source=source)
    m = check_entry(entry)
    assert flag_text(m).startswith(expected)  # list, CSV, Excel
    assert chart_flag_word(m) == expected  # chart point
    repo.results.add(entry)
    (row,) = latest_values(latest_records(repo, ["egfr"]))
    assert row.flag_text == expected  # dashboard and report
    data = prepare_marker(
        get_marker("egfr"),
        repo.results.all(markers=["egfr"]),
        get_marker("egfr").canonical_unit,
        None,
    )
    (point,) = data.series[0].points
    assert point.flag == expected
    if "G2" in expected:  # G1 is "normal or high" (KDIGO)
        assert "normal" not in point.detail.lower() and "normal" not in summary(data)
        assert "G2: mildly decreased" in point.detail


def test_the_chart_band_is_not_called_a_normal_range():
    label = range_band_label("egfr", "lab")
    assert "60 and above" in label and "60-89 is G2: mildly decreased" in label
    assert "reference range" not in label
    assert range_band_label("c3", "lab") == "reference range (lab)"
