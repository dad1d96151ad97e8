"""Render a figure to pixels off the GUI thread, with the screen position of every point,
so the GUI thread only shows an image and finds points without touching matplotlib."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from lupus_tracker.charts.figure import ChartFigure


@dataclass(frozen=True)
class Rendered:
    figure: ChartFigure  # kept for saving
    rgba: bytes
    width: int  # pixels
    height: int
    xs: np.ndarray  # each point's position in image pixels (y down), in reading order
    ys: np.ndarray
    details: tuple[str, ...]
    summary: str
    empty: str | None  # the empty-state message, when there is nothing to plot
    markers: tuple[str, ...] = ()  # each point's marker on a panel chart ("" on one marker)


def render(figure: ChartFigure, width_px: int, height_px: int, dpi: float = 100.0) -> Rendered:
    """Draw ``figure`` at ``width_px`` x ``height_px`` and locate its points."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure.set_dpi(dpi)
    figure.set_size_inches(width_px / dpi, height_px / dpi)
    canvas = FigureCanvasAgg(figure)
    with warnings.catch_warnings():  # a window too small for the layout still gets a chart
        warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
        canvas.draw()
    width, height = (int(v) for v in canvas.get_width_height())
    rgba = bytes(canvas.buffer_rgba())
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    panel: list[np.ndarray] = []
    details: list[str] = []
    markers: list[str] = []
    order: dict[object, int] = {ax: i for i, ax in enumerate(figure.axes)}
    for points in figure.chart_points:
        artist = points.artist
        offsets = np.asarray(artist.get_offsets(), dtype=float)
        if not len(offsets) or artist.axes is None:
            continue
        pixels = artist.axes.transData.transform(offsets)
        xs.append(pixels[:, 0])
        ys.append(height - pixels[:, 1])
        panel.append(np.full(len(offsets), order.get(artist.axes, 0)))
        details += points.details
        markers += [artist.axes.get_gid() or ""] * len(offsets)
    x = np.concatenate(xs) if xs else np.zeros(0)
    y = np.concatenate(ys) if ys else np.zeros(0)
    reading = np.lexsort((x, np.concatenate(panel))) if panel else np.zeros(0, dtype=int)
    return Rendered(
        figure,
        rgba,
        width,
        height,
        x[reading],
        y[reading],
        tuple(details[i] for i in reading),
        figure.chart_summary,
        figure.chart_empty,
        tuple(markers[i] for i in reading),
    )


def nearest(rendered: Rendered, x: float, y: float, radius: float) -> int | None:
    """Index of the point nearest to image position (x, y) within ``radius`` pixels."""
    if not len(rendered.xs):
        return None
    distances = np.hypot(rendered.xs - x, rendered.ys - y)
    index = int(np.argmin(distances))
    return index if distances[index] <= radius else None
