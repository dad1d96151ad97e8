"""A chart's data from plain records (``store.inputs.chart_records`` reads them): the
marker data of one marker, a marker chart with its events and medications, a panel's
markers. No repository here: tests build the records by hand."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.charts.marker import MarkerChart
from lupus_tracker.charts.series import MarkerData, prepare_marker
from lupus_tracker.domain.catalog import get_marker

if TYPE_CHECKING:
    from lupus_tracker.store.inputs import ChartRecords


def marker_data(
    records: ChartRecords, key: str, since: date | None = None, until: date | None = None
) -> MarkerData:
    """The chart pipeline's data of marker ``key``: its results from ``since`` (else the
    records' start) to ``until`` (else the records' end)."""
    marker = get_marker(key)
    since = since or records.since
    until = until or records.until
    results = [
        r
        for r in records.results.get(key, ())
        if (since is None or r.taken_on >= since) and (until is None or r.taken_on <= until)
    ]
    return prepare_marker(
        marker, results, records.preferred.get(key, marker.canonical_unit), records.sex
    )


def marker_chart(records: ChartRecords, key: str, *, with_medications: bool = True) -> MarkerChart:
    """One marker over the records' span with its events and (when asked) medications."""
    return MarkerChart(
        marker_data(records, key),
        records.events,
        records.medications if with_medications else (),
        records.since,
        records.until,
    )


def panel(records: ChartRecords, keys: tuple[str, ...]) -> list[MarkerData]:
    return [marker_data(records, key) for key in keys]
