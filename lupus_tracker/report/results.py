"""The report's results: key results first in the order rheumatologists read them, the other
results after, and results last measured before the period in their own dated group.

Only results inside the period are flagged; an older latest value is shown with its date and
without a flag, so that a stale value never reads as today's finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.analysis.latest import LatestValue, latest_values
from lupus_tracker.domain.catalog import MARKERS
from lupus_tracker.store.repository import Repository

# Issue 16: anti-dsDNA, C3, C4, urine protein (24 h or UPCR), albumin, creatinine, eGFR,
# haemoglobin, white cells, lymphocytes, platelets, urine sediment.
KEY_MARKERS = ("anti_dsdna", "c3", "c4", "urine_protein_24h", "upcr", "albumin",
               "creatinine", "egfr", "hemoglobin", "wbc", "lymphocytes", "platelets",
               "urine_rbc", "urine_wbc")


@dataclass(frozen=True)
class ReportResults:
    key: tuple[LatestValue, ...]  # latest inside the period, in KEY_MARKERS order
    other: tuple[LatestValue, ...]  # latest inside the period, catalog order
    earlier: tuple[LatestValue, ...]  # last measured before the period (no flag shown)


def gather_results(repo: Repository, since: date, until: date) -> ReportResults:
    in_period = {row.marker.key: row for row in latest_values(repo, until=until, since=since)}
    before = latest_values(repo, until=since - timedelta(days=1))
    key = tuple(in_period[k] for k in KEY_MARKERS if k in in_period)
    other = tuple(in_period[m.key] for m in MARKERS
                  if m.key in in_period and m.key not in KEY_MARKERS)
    earlier = tuple(row for row in before if row.marker.key not in in_period)
    order = {k: i for i, k in enumerate(KEY_MARKERS)}
    earlier = tuple(sorted(earlier, key=lambda r: order.get(r.marker.key, len(order))))
    return ReportResults(key, other, earlier)
