"""Hook for the treat-to-target line of the visit report (issue 15 provides the content:
SLEDAI-2K and its date, LLDAS/DORIS status, prednisone-equivalent dose, hydroxychloroquine
mg/kg).

The report prints the returned text under the current treatment, and nothing at all when it
is empty. Keep the wording descriptive ("criteria met on ..."), never a verdict.
"""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.glucocorticoids import Cumulative
from lupus_tracker.store.inputs import treatment_records
from lupus_tracker.store.repository import Repository


def treat_to_target_line(repo: Repository, on: date, today: date | None = None) -> str:
    """One line of treat-to-target facts on ``on``; '' while the treat-to-target analysis
    (``analysis.treat_to_target.treat_to_target_line``) is not in this build."""
    try:
        from lupus_tracker.analysis.treat_to_target import gather_inputs, one_line, summarize
    except ImportError:
        return ""
    summary = summarize(gather_inputs(treatment_records(repo, on), on), on)
    past = on < (today or date.today())
    line = one_line(summary, f"on {on.strftime('%d %b %Y')}" if past else "today")
    if summary.all_time.total_mg > 0:
        line = line.removesuffix(".") + (
            f"; cumulative prednisone-equivalent {_grams(summary.last_12_months)} in the "
            f"last 12 months, {_grams(summary.all_time)} all time."
        )
    return line


def _grams(total: Cumulative) -> str:
    text = f"{total.total_g:.2f} g"
    return text if total.complete else text + " (incomplete)"
