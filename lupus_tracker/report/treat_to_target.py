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
    """One line of treat-to-target facts on ``on``; '' while the treat-to-target analysis
    (``analysis.treat_to_target.treat_to_target_line``) is not in this build."""
    try:
        from lupus_tracker.analysis.treat_to_target import treat_to_target_line as line
    except ImportError:
        return ""
    return line(repo, on)
