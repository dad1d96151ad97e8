"""The symptom chart from plain columns (issue 10 Speed: the app no longer loads pandas and
a 30-year DataFrame for it) draws exactly what it drew from a DataFrame: the same heat map
and the same weekly averages as pandas' ``resample("W").mean()``."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lupus_tracker.charts.symptoms import build_symptom_figure, weekly_means


def _entries(seed: int) -> list[tuple[date, str, int]]:
    """Several symptoms over a few years with gaps (empty weeks), Sundays and Mondays,
    and some days logged twice."""
    rng = random.Random(seed)
    start = date(2023, 1, 1) + timedelta(days=rng.randrange(7))
    rows = []
    for key in ("fatigue", "rash", "joint_pain", "custom:Itching"):
        day = start + timedelta(days=rng.randrange(30))
        for _ in range(rng.randrange(1, 300)):
            rows.append((day, key, rng.randrange(11)))
            if rng.random() < 0.05:
                rows.append((day, key, rng.randrange(11)))
            day += timedelta(days=rng.choice((1, 1, 1, 2, 6, 7, 8, 20)))
    rng.shuffle(rows)
    return rows


@pytest.mark.parametrize("seed", range(8))
def test_weekly_means_are_pandas_weekly_resample(seed):
    frame = pd.DataFrame(_entries(seed), columns=["date", "symptom", "severity"])
    frame["date"] = pd.to_datetime(frame["date"])
    expected = (
        frame.set_index("date").groupby("symptom")["severity"].resample("W").mean().reset_index()
    )
    for key in frame["symptom"].unique():
        part = expected[expected["symptom"] == key]
        chosen = frame["symptom"] == key
        weeks, means = weekly_means(
            frame["date"][chosen].to_numpy().astype("datetime64[D]"),
            frame["severity"][chosen].to_numpy(dtype=float),
        )
        assert weeks.tolist() == part["date"].to_numpy().astype("datetime64[D]").tolist()
        np.testing.assert_array_equal(means, part["severity"].to_numpy())


def _pandas_grid_and_weeks(frame: pd.DataFrame, since, until):
    """What the chart drew when it was built with pandas (the code before the change)."""
    keys = list(dict.fromkeys(frame["symptom"]))
    first = since or frame["date"].min().date()
    last = until or frame["date"].max().date()
    days = (last - first).days + 1
    grid = np.full((len(keys), days), np.nan)
    rows = {k: i for i, k in enumerate(keys)}
    offsets = ((frame["date"] - np.datetime64(first)).dt.days).to_numpy()
    inside = (offsets >= 0) & (offsets < days)
    grid[frame["symptom"].map(rows).to_numpy()[inside], offsets[inside]] = frame[
        "severity"
    ].to_numpy()[inside]
    weekly = (
        frame.set_index("date").groupby("symptom")["severity"].resample("W").mean().reset_index()
    )
    weeks = [weekly[weekly["symptom"] == key] for key in keys]
    return grid, [(part["date"], part["severity"]) for part in weeks]


@pytest.mark.parametrize("period", [None, (date(2023, 2, 1), date(2024, 3, 31))])
def test_the_chart_from_columns_draws_what_the_pandas_chart_drew(period):
    rows = sorted(_entries(3))
    frame = pd.DataFrame(rows, columns=["date", "symptom", "severity"])
    frame["date"] = pd.to_datetime(frame["date"])
    columns = {
        "date": [day.isoformat() for day, _, _ in rows],  # as the store reads them
        "symptom": [key for _, key, _ in rows],
        "severity": [severity for _, _, severity in rows],
    }
    since, until = period or (None, None)
    grid, weeks = _pandas_grid_and_weeks(frame, since, until)
    for data in (frame, columns):
        figure = build_symptom_figure(data, since=since, until=until)
        FigureCanvasAgg(figure).draw()
        heat, trend = figure.axes[0], figure.axes[1]
        np.testing.assert_array_equal(heat.get_images()[0].get_array().filled(np.nan), grid)
        lines = trend.get_lines()
        assert len(lines) == 4
        for line, (x, y) in zip(lines, weeks, strict=True):
            old = trend.plot(x, y)[0]  # converted to axis numbers as the old chart was
            np.testing.assert_array_equal(line.get_xydata(), old.get_xydata())
            old.remove()
        assert figure.chart_summary.startswith(f"Symptoms: {len(rows)} entries of 4 symptoms")


def test_no_symptoms_in_plain_columns_is_the_empty_state():
    figure = build_symptom_figure({"date": [], "symptom": [], "severity": []})
    assert not figure.axes
