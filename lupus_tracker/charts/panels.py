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

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")  # Okabe-Ito, colour-blind safe

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

    title, all_keys = PANELS[panel]
    frame = repo.results.frame(all_keys, since, until)
    keys = [k for k in all_keys if (frame["marker"] == k).any()] or list(all_keys[:1])
    figure = Figure(figsize=(width_in, 0.6 + 1.25 * len(keys)), layout="constrained")
    axes = figure.subplots(len(keys), 1, sharex=True, squeeze=False)[:, 0]
    figure.suptitle(title)
    for ax, key in zip(axes, keys, strict=True):
        marker = get_marker(key)
        unit = repo.settings.preferred_unit(marker)
        rows = frame[(frame["marker"] == key) & frame["base_value"].notna()]
        rows = rows[rows["base_unit"] == marker.canonical_unit.code]
        # Different assays (or computed versus lab-reported values) are never one line.
        series = rows.assign(assay=rows["assay"].fillna("")).groupby("assay", sort=False)
        for index, (assay, group) in enumerate(series):
            values = [marker.units.convert(v, marker.canonical_unit, unit)
                      for v in group["base_value"]]
            ax.plot(group["date"], values, marker="os^D"[index % 4], markersize=3.5,
                    linewidth=1.2, label=assay or "lab", color=PALETTE[index % len(PALETTE)])
        if rows["assay"].fillna("").nunique() > 1:
            ax.legend(fontsize=7, loc="best", frameon=False)
        ax.set_ylabel(f"{marker.label}\n({unit.label})")
        ax.grid(True, alpha=0.3)
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(maxticks=6)
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return figure
