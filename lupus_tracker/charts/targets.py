"""Treatment targets drawn on charts as labelled lines: the blood pressure target in lupus
nephritis, below 130/80 mmHg (KDIGO 2024 Clinical Practice Guideline for the Management of
Lupus Nephritis; the value lives in ``domain.monitoring.BP_TARGET_LUPUS_NEPHRITIS``).

The app's blood pressure panel and the visit report draw the same lines, only for a person
who has marked lupus nephritis (the target is that condition's)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lupus_tracker.domain.monitoring import BP_TARGET_LUPUS_NEPHRITIS, LUPUS_NEPHRITIS_SETTING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from lupus_tracker.charts.style import ChartStyle

BP_KEYS = ("systolic_bp", "diastolic_bp")
SOURCE = "KDIGO 2024"


@dataclass(frozen=True)
class Target:
    """A line at ``value`` (the marker's unit) named by ``label``."""

    value: float
    label: str
    label_below: bool = False  # the label under the line (systolic: towards diastolic)


def bp_targets(lupus_nephritis: bool) -> dict[str, Target]:
    """The lupus nephritis targets by marker key; none without lupus nephritis."""
    if not lupus_nephritis:
        return {}
    systolic, diastolic = BP_TARGET_LUPUS_NEPHRITIS
    # The labels face each other, into the gap between systolic and diastolic readings.
    return {
        "systolic_bp": Target(systolic, f"target <{systolic} (lupus nephritis)", True),
        "diastolic_bp": Target(diastolic, f"target <{diastolic}"),
    }


def bp_target_note() -> str:
    """What the lines are, with their source (a chart's caption or title)."""
    systolic, diastolic = BP_TARGET_LUPUS_NEPHRITIS
    return (
        f"dash-dot lines: blood pressure target in lupus nephritis, below "
        f"{systolic}/{diastolic} mmHg ({SOURCE})"
    )


def targets_for(settings: Mapping[str, str]) -> dict[str, Target]:
    """The targets that apply to the person whose settings these are (from their lupus
    nephritis setting)."""
    return bp_targets(settings.get(LUPUS_NEPHRITIS_SETTING) == "yes")


def draw_target(ax: Axes, target: Target, style: ChartStyle) -> None:
    """A dash-dot line across the axes at the target, labelled at its right end; the axis
    grows to show a target above (or below) every value."""
    low, high = ax.get_ylim()
    if target.value >= high:
        ax.set_ylim(low, target.value + 0.08 * (target.value - low))
    elif target.value <= low:
        ax.set_ylim(target.value - 0.08 * (high - target.value), high)
    ax.axhline(
        target.value,
        color=style.text,
        linestyle="-.",
        linewidth=1.2 * style.marker_scale,
        zorder=2,
        gid=f"target:{target.value:g}",
    )
    if not target.label:
        return
    ax.annotate(
        target.label,
        (0.0, target.value),
        xycoords=("axes fraction", "data"),
        xytext=(3, -2 if target.label_below else 2),
        textcoords="offset points",
        ha="left",
        va="top" if target.label_below else "bottom",
        fontsize=style.small_pt,
        color=style.text,
        gid="target-label",
        bbox={
            "boxstyle": "square,pad=0.1",
            "facecolor": style.background,
            "edgecolor": "none",
            "alpha": 0.85,
        },
    )
