"""The figure every chart builder returns: a matplotlib ``Figure`` that also carries, as
typed fields, what the GUI and the tests need besides the pixels: the point sets (for hover
and keyboard reading), a one-line text summary, and the empty-state message.

Imported lazily (inside the builders), like matplotlib itself, so that start-up does not
load matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.collections import PathCollection
from matplotlib.figure import Figure


@dataclass(frozen=True)
class PointSet:
    """One scatter of points and the hover/keyboard text of each, in the same order."""

    artist: PathCollection
    details: tuple[str, ...]


def point_set(artist: PathCollection, details: Sequence[str]) -> PointSet:
    return PointSet(artist, tuple(details))


class ChartFigure(Figure):
    """A figure with its readable description (``chart_`` fields, set by the builder)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chart_points: list[PointSet] = []
        self.chart_summary = ""
        self.chart_empty: str | None = None  # the empty-state message, when nothing is drawn
