"""Read what a chart needs from the repository into plain data (the only chart module that
touches the repository; the builders take the records this returns)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.charts.marker import MarkerChart
from lupus_tracker.charts.series import MarkerData, prepare_marker
from lupus_tracker.domain.catalog import get_marker

if TYPE_CHECKING:
    from lupus_tracker.store.repository import Repository


def load_marker_data(
    repo: Repository, key: str, since: date | None = None, until: date | None = None
) -> MarkerData:
    marker = get_marker(key)
    return prepare_marker(
        marker,
        repo.results.all([key], since, until),
        repo.settings.preferred_unit(marker),
        repo.profile.get().sex,
    )


def load_marker_chart(
    repo: Repository,
    key: str,
    since: date | None = None,
    until: date | None = None,
    *,
    with_medications: bool = True,
) -> MarkerChart:
    return MarkerChart(
        load_marker_data(repo, key, since, until),
        tuple(repo.events.all(since, until)),
        tuple(repo.treatments.all()) if with_medications else (),
        since,
        until,
    )


def load_panel(
    repo: Repository, keys: tuple[str, ...], since: date | None = None, until: date | None = None
) -> list[MarkerData]:
    return [load_marker_data(repo, key, since, until) for key in keys]
