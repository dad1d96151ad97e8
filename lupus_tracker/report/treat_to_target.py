"""Hook for the treat-to-target line of the visit report (issue 15 provides the content:
SLEDAI-2K and its date, LLDAS/DORIS status, prednisone-equivalent dose, hydroxychloroquine
mg/kg).

The report prints the returned text under the current treatment, and nothing at all when it
is empty. Keep the wording descriptive ("criteria met on ..."), never a verdict.
"""

from __future__ import annotations

from datetime import date

from lupus_tracker.store.repository import Repository


def treat_to_target_line(repo: Repository, on: date) -> str:
    """One line of treat-to-target facts on ``on`` (LLDAS/DORIS at the latest assessed
    visit, prednisone-equivalent today, hydroxychloroquine mg/kg, what is due)."""
    from lupus_tracker.analysis.treat_to_target import treat_to_target_line as line

    return line(repo, on)
