"""Panels of markers that rheumatologists read side by side.

This is the interface the app and the visit report use:
``panel_figure(repo, panel, since=None, until=None) -> matplotlib.figure.Figure``.
(A first, plain version: the charts issue builds the full drawing behind it.)
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.catalog import get_marker

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from lupus_tracker.store.repository import Repository

PANELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "serology": ("Serology: anti-dsDNA, C3, C4", ("anti_dsdna", "c3", "c4")),
    "kidney": ("Kidney: urine protein, albumin, creatinine, eGFR",
               ("urine_protein_24h", "upcr", "albumin", "creatinine", "egfr")),
    "blood_counts": ("Blood counts", ("hemoglobin", "wbc", "lymphocytes", "platelets")),
}


def panel_figure(
    repo: Repository,
    panel: str,
    since: date | None = None,
    until: date | None = None,
    *,
    width_in: float = 7.5,
) -> Figure:
    """One small chart per marker of ``panel``, in the user's preferred units."""
    from matplotlib.figure import Figure

    title, keys = PANELS[panel]
    frame = repo.results_frame(keys, since, until)
    figure = Figure(figsize=(width_in, 1.6 * len(keys)), layout="constrained")
    axes = figure.subplots(len(keys), 1, sharex=True, squeeze=False)[:, 0]
    figure.suptitle(title)
    for ax, key in zip(axes, keys, strict=True):
        marker = get_marker(key)
        unit = repo.preferred_unit(marker)
        rows = frame[(frame["marker"] == key) & frame["base_value"].notna()]
        rows = rows[rows["base_unit"] == marker.canonical_unit.code]
        values = [marker.units.convert(v, marker.canonical_unit, unit) for v in rows["base_value"]]
        ax.plot(rows["date"], values, marker="o", linewidth=1.2)
        ax.set_ylabel(f"{marker.label}\n({unit.label})")
        ax.grid(True, alpha=0.3)
    return figure
