"""Labels drawn on a chart's lines (the KDIGO GFR categories, "G1 ≥90") kept off its
points: after the figure is laid out, each label moves along its line to a place where it
covers no point and no other label (report panels are too small for a fixed place)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.transforms import Bbox


# Where a KDIGO category label may sit along its line (axes fraction, alignment), in order
# of preference, and how far above or below the line it may move (points).
_LABEL_SPOTS: tuple[tuple[float, Literal["left", "center", "right"], int], ...] = (
    (1.0, "right", -3),
    (0.0, "left", 3),
    (0.5, "center", 0),
    (0.75, "center", 0),
)
_LABEL_SHIFTS = (0, 5, -5)


def keep_labels_off_points(ax: Axes, renderer: RendererBase) -> None:
    """Move each KDIGO category label ("G1 ≥90") of a drawn axes to a place along its line
    where it covers no point (nor another label); one that finds no such place is hidden
    (the dotted line stays, and the category is in the results table). Call after the
    figure's layout is final (``renderer`` from a draw)."""
    from matplotlib.collections import PathCollection
    from matplotlib.text import Annotation

    labels = [
        t
        for t in ax.texts
        if isinstance(t, Annotation) and str(t.get_gid() or "").startswith("kdigo-label:")
    ]
    if not labels:
        return
    figure = ax.get_figure(root=True)
    dots_per_point = (figure.dpi if figure is not None else 72.0) / 72
    points = []
    for collection in ax.collections:
        if not isinstance(collection, PathCollection):
            continue  # a range band or a span, not points
        offsets = np.asarray(collection.get_offsets())
        if len(offsets) == 0:
            continue
        sizes = np.asarray(collection.get_sizes(), dtype=float)
        diameter_pt = float(np.sqrt(sizes.max())) if sizes.size else 6.0
        radius = diameter_pt / 2 * dots_per_point
        for x, y in collection.get_offset_transform().transform(offsets):
            points.append((float(x), float(y), radius))
    frame = ax.get_window_extent(renderer)
    placed: list[Bbox] = []
    for label in labels:
        for (x, align, dx), dy in ((s, d) for d in _LABEL_SHIFTS for s in _LABEL_SPOTS):
            label.xy = (x, label.xy[1])
            label.xyann = (dx, dy)
            label.set_horizontalalignment(align)
            box = label.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1
            clear = not any(box.overlaps(other) for other in placed) and not any(
                _near_box(box, px, py, r) for px, py, r in points
            )
            if inside and clear:
                placed.append(box)
                break
        else:
            label.set_visible(False)


def _near_box(box: Bbox, x: float, y: float, radius: float) -> bool:
    """Whether a point drawn with ``radius`` (pixels) at (x, y) touches ``box``."""
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return dx * dx + dy * dy < radius * radius
