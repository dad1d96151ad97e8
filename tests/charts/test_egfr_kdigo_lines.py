"""The eGFR chart shows the KDIGO 2012 GFR categories (issue 12 item 7, round 3 item 4): the
band "60 and above" is not read as all normal, because a labelled dotted line marks 90 (G1
above, G2 60-89 below) and each lower category limit in view.  Read back from the drawn
artists.  Source: KDIGO 2012 CKD guideline, Kidney Int Suppl 2013;3:1-150, table 5."""

from __future__ import annotations

from datetime import date

import pytest

from tests.charts.test_charts import figure_of, result


def _lines(ax) -> dict[float, str]:
    lines = [a for a in ax.lines if (a.get_gid() or "").startswith("kdigo:")]
    return {float(line.get_ydata()[0]): line.get_linestyle() for line in lines}


def _labels(ax) -> list[str]:
    return [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("kdigo-label:")]


@pytest.mark.parametrize(
    ("values", "lines", "labels", "source"),
    [
        (
            ["72", "81"],
            [60.0, 90.0],
            ["G1 \u226590", "G2 60\u201389"],
            "values all in G2: the axis reaches 90 so the G1/G2 line shows (demo patient)",
        ),
        (
            ["28", "52", "95"],
            [30.0, 45.0, 60.0, 90.0],
            ["G1 \u226590", "G2 60\u201389", "G3a 45\u201359", "G3b 30\u201344"],
            "a fall through G3a to G3b: each category limit in view is named",
        ),
    ],
)
def test_kdigo_category_lines_on_the_egfr_chart(values, lines, labels, source):
    figure = figure_of(
        "egfr",
        [result(date(2024, 1 + 3 * i, 5), "egfr", v, ref=">=60") for i, v in enumerate(values)],
    )
    ax = figure.axes[0]
    assert sorted(_lines(ax)) == lines, source
    assert set(_lines(ax).values()) == {":"}  # dotted: told apart from the dashed range limit
    assert _labels(ax) == labels
    assert ax.get_ylim()[1] > 90
    assert "KDIGO GFR categories (dotted)" in [t.get_text() for t in ax.get_legend().texts]
    labels_z = {t.get_zorder() for t in ax.texts if (t.get_gid() or "").startswith("kdigo-")}
    points_z = {c.get_zorder() for c in ax.collections if (c.get_gid() or "").startswith("points")}
    assert max(labels_z) < min(points_z)  # a label never hides the latest value


def test_no_kdigo_lines_on_other_markers():
    figure = figure_of("c3", [result(date(2024, 1, 5), "c3", "0.62", "g/L", "0.9-1.8")])
    assert _lines(figure.axes[0]) == {} and _labels(figure.axes[0]) == []
