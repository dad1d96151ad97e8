"""The report's results: key results first in the order rheumatologists read them, the other
results after, and results last measured before the period in their own dated group.

Only results inside the period are flagged; an older latest value is shown with its date and
without a flag, so that a stale value never reads as today's finding.

Every "Previous" is the previous result of the same comparable series
(``domain.comparability.group_series``): a result of another lab, range or assay in between
is skipped, never shown as the previous one; a result with no earlier comparable one says so.

Anti-dsDNA numbers belong to the kit that measured them (ELISA, chemiluminescence, Farr,
Crithidia titer; each with its own cut-off): its key results are one row per comparable
series (``domain.comparability.group_series``) with a result in the period, each named by
its assay and lab, the previous value and the change taken inside that series only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.analysis.latest import LatestValue, exact_change, latest_values, show
from lupus_tracker.charts.series import source_name
from lupus_tracker.domain.catalog import MARKERS, get_marker
from lupus_tracker.domain.comparability import group_series
from lupus_tracker.domain.records import LabResult, Source
from lupus_tracker.store.inputs import latest_records
from lupus_tracker.store.repository import Repository

# Issue 16: anti-dsDNA, C3, C4, urine protein (24 h or UPCR), albumin, creatinine, eGFR,
# haemoglobin, white cells, lymphocytes, platelets, urine sediment.
KEY_MARKERS = (
    "anti_dsdna",
    "c3",
    "c4",
    "urine_protein_24h",
    "upcr",
    "albumin",
    "creatinine",
    "egfr",
    "hemoglobin",
    "wbc",
    "lymphocytes",
    "platelets",
    "urine_rbc",
    "urine_wbc",
)
# Markers whose numbers are kit-specific (../shared/domain.md: "never join them into one
# line"): one row per assay, each named.
PER_ASSAY_MARKERS = ("anti_dsdna",)


@dataclass(frozen=True)
class KeyResult:
    """One row of the key results: a marker's latest result, or for a per-assay marker the
    latest result of one comparable series."""

    value: LatestValue
    name: str  # unique among the rows: names the row's trend picture
    series: str = ""  # per-assay rows: "CLIA · Riverside Medical Labs"
    others_before: bool = False  # a first result of its series after another assay's

    @property
    def marker_key(self) -> str:
        return self.value.marker.key


@dataclass(frozen=True)
class ReportResults:
    key: tuple[KeyResult, ...]  # in KEY_MARKERS order, latest series first
    other: tuple[LatestValue, ...]  # latest inside the period, catalog order
    earlier: tuple[LatestValue, ...]  # last measured before the period (no flag shown)


def series_name(result: LabResult) -> str:
    """The assay and the lab of a result, as printed: "CLIA · Riverside Medical Labs"."""
    return source_name(result.assay, result.lab)


def per_assay_rows(repo: Repository, key: str, since: date, until: date) -> list[KeyResult]:
    """One row per comparable series of ``key`` with a result in the period (the latest
    series first); previous value and change inside the series only."""
    marker = get_marker(key)
    preferred = repo.settings.preferred_unit(marker)
    sex = repo.profile.get().sex
    results = [
        r for r in repo.results.all(markers=[key], until=until) if r.source is not Source.COMPUTED
    ]
    groups = group_series(results)
    shown = sorted(
        (g for g in groups if g[-1].taken_on >= since),
        key=lambda g: (g[-1].taken_on, g[-1].id or 0),
        reverse=True,
    )
    rows = []
    for index, group in enumerate(shown):
        latest = show(marker, group[-1], preferred, sex)
        previous = show(marker, group[-2], preferred, sex) if len(group) > 1 else None
        value = LatestValue(
            marker, latest, previous, exact_change(latest, previous), previous is not None
        )
        earlier_other = any(g is not group and g[0].taken_on < group[0].taken_on for g in groups)
        rows.append(
            KeyResult(
                value,
                key if index == 0 else f"{key}-{index + 1}",
                series_name(group[-1]),
                previous is None and earlier_other,
            )
        )
    return rows


def with_series_previous(repo: Repository, row: LatestValue, until: date) -> LatestValue:
    """``row`` with its previous value and change taken from the latest result's own
    comparable series; no comparable earlier result: no previous, and the reason the
    immediately earlier one is not comparable."""
    if row.previous is None or row.comparable:
        return row
    marker, latest = row.marker, row.latest
    computed = latest.result.source is Source.COMPUTED
    results = [
        r
        for r in repo.results.all(markers=[marker.key], until=until)
        if (r.source is Source.COMPUTED) == computed
    ]
    series = next(
        (g for g in group_series(results) if any(r.id == latest.result.id for r in g)), []
    )
    before = [r for r in series if r.id != latest.result.id]
    if not before:
        return LatestValue(marker, latest, None, None, False, row.reason, row.remark)
    previous = show(marker, before[-1], latest.unit, repo.profile.get().sex)
    return LatestValue(
        marker, latest, previous, exact_change(latest, previous), True, "", row.remark
    )


def gather_results(repo: Repository, since: date, until: date) -> ReportResults:
    in_period = {
        row.marker.key: with_series_previous(repo, row, until)
        for row in latest_values(latest_records(repo, until=until), since=since)
    }
    before = latest_values(latest_records(repo, until=since - timedelta(days=1)))
    key: list[KeyResult] = []
    for marker_key in KEY_MARKERS:
        if marker_key not in in_period:
            continue
        if marker_key in PER_ASSAY_MARKERS:
            key += per_assay_rows(repo, marker_key, since, until) or [
                KeyResult(in_period[marker_key], marker_key)
            ]
        else:
            key.append(KeyResult(in_period[marker_key], marker_key))
    other = tuple(
        in_period[m.key] for m in MARKERS if m.key in in_period and m.key not in KEY_MARKERS
    )
    earlier = tuple(row for row in before if row.marker.key not in in_period)
    order = {k: i for i, k in enumerate(KEY_MARKERS)}
    earlier = tuple(sorted(earlier, key=lambda r: order.get(r.marker.key, len(order))))
    return ReportResults(tuple(key), other, earlier)
