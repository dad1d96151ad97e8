"""What analysis and charts read, loaded in one place as plain records (issue 10 item 6).

The analysis functions (each marker's latest value, the symptom summary, the
treat-to-target inputs) and the chart builders (the marker chart, the panels, the report's
trend chart) take these records, never the repository, so their tests build them by hand
without SQLite. Each loader reads only the rows its analysis needs: the
latest value of a marker needs that marker's last two days, not its thirty years.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from lupus_tracker.domain.catalog import MARKERS, get_marker
from lupus_tracker.domain.monitoring import ITEMS
from lupus_tracker.domain.records import Event, EventKind, LabResult, Medication, Sex
from lupus_tracker.domain.symptoms import Symptom
from lupus_tracker.store.base import iso
from lupus_tracker.store.results_repo import measure, result_from_row
from lupus_tracker.store.sledai_repo import SledaiAssessment

if TYPE_CHECKING:
    from lupus_tracker.domain.measurement import Measurement
    from lupus_tracker.domain.records import SymptomEntry
    from lupus_tracker.domain.units import Unit
    from lupus_tracker.store.repository import Repository

# The latest value is compared with the one before it: two days of results per marker.
LATEST_DAYS = 2
MONITORED_MARKERS = tuple(sorted({m for item in ITEMS for m in item.markers}))


@dataclass(frozen=True)
class LatestRecords:
    """What each marker's latest value is computed from."""

    markers: tuple[str, ...]  # the markers asked for, in the order they are shown
    # At least each marker's results of its last two days with a result, entered and
    # computed apart (a computed eGFR beside the lab's), in any order; more do no harm.
    results: tuple[LabResult, ...]
    preferred: Mapping[str, Unit]  # marker key -> display unit (absent: the canonical one)
    sex: Sex | None = None
    until: date | None = None  # results after this day are left out
    birth_date: date | None = None  # under 18, creatinine gets a note on its eGFR
    heights: tuple[tuple[date, float], ...] = ()  # (date, cm), every height logged


@dataclass(frozen=True)
class DiaryRecords:
    """What the symptom summary of ``since``..``until`` is computed from."""

    since: date
    until: date
    symptoms: tuple[SymptomEntry, ...] = ()
    note_days: tuple[date, ...] = ()  # days with a diary note
    listed: tuple[Symptom, ...] = ()  # the built-in symptoms, then the patient's own
    temperatures: tuple[LabResult, ...] = ()


@dataclass(frozen=True)
class TreatmentRecords:
    """What the treat-to-target summary on ``day`` is computed from."""

    day: date
    medications: tuple[Medication, ...] = ()
    assessments: tuple[SledaiAssessment, ...] = ()  # visits up to ``day``
    weights: tuple[tuple[date, float], ...] = ()  # (date, kg), exact values only
    egfr: tuple[tuple[date, float], ...] = ()  # (date, mL/min/1.73 m2), exact values only
    last_results: dict[str, date] = field(default_factory=dict)  # marker -> latest date
    eye_exams: tuple[date, ...] = ()
    settings: dict[str, str] = field(default_factory=dict)
    # Results after the latest assessment up to ``day`` (what the visit could not count).
    after_visit: tuple[LabResult, ...] = ()


@dataclass(frozen=True)
class ChartRecords:
    """What the charts of ``since``..``until`` draw (the report's trend chart, a marker
    chart, a panel): the results by marker, each marker's display unit, events and
    medications."""

    since: date | None
    until: date | None
    results: Mapping[str, tuple[LabResult, ...]]  # marker key -> results in date order
    preferred: Mapping[str, Unit]  # marker key -> display unit (absent: the canonical one)
    sex: Sex | None = None
    events: tuple[Event, ...] = ()
    medications: tuple[Medication, ...] = ()
    settings: Mapping[str, str] = field(default_factory=dict)


def chart_records(
    repo: Repository,
    markers: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> ChartRecords:
    """The results of ``markers`` (every marker when None) from ``since`` to ``until``,
    with the events of that span, every medication and the settings."""
    by_marker: dict[str, list[LabResult]] = {}
    for result in repo.results.all(markers, since, until):
        by_marker.setdefault(result.marker, []).append(result)
    keys = set(by_marker) | set(markers or ())
    return ChartRecords(
        since,
        until,
        {key: tuple(results) for key, results in by_marker.items()},
        repo.settings.preferred_units(m for m in MARKERS if m.key in keys),
        repo.profile.get().sex,
        tuple(repo.events.all(since, until)),
        tuple(repo.treatments.all()),
        dict(repo.settings.all()),
    )


class SignalResult(NamedTuple):
    """The columns of a stored result that the activity signal reads, with the result's
    measurement (interpreted once, as ``result_from_row`` does). A named tuple, immutable
    like a frozen dataclass but built in half the time: 30 years of the signal's markers
    load in a fifth of the time of full ``LabResult`` records."""

    id: int
    taken_on: date
    marker: str
    value_text: str
    unit: str
    ref_range: str | None
    lab: str | None
    assay: str | None
    measurement: Measurement | None


def signal_results(repo: Repository, markers: Iterable[str]) -> tuple[SignalResult, ...]:
    """Every result of ``markers``, in date order, as :class:`SignalResult` (the same
    results, order and interpretation as ``repo.results.all(markers)``)."""
    keys = tuple(dict.fromkeys(markers))
    sex = repo.profile.get().sex
    rows = repo.db.query(
        "SELECT id, taken_on, marker, value_text, unit, ref_range, lab, assay FROM results "
        f"WHERE marker IN ({', '.join('?' * len(keys))}) ORDER BY taken_on, id",
        keys,
    )
    day = date.fromisoformat
    return tuple(
        SignalResult(
            key,
            day(taken_on),
            marker,
            text,
            unit,
            ref,
            lab,
            assay,
            measure(marker, text, unit, ref, sex),
        )
        for key, taken_on, marker, text, unit, ref, lab, assay in rows
    )


def latest_records(
    repo: Repository, markers: Iterable[str] | None = None, until: date | None = None
) -> LatestRecords:
    """Each marker's results of its last two days up to ``until``: one indexed query per
    marker that has results, instead of every result ever stored."""
    keys = tuple(markers) if markers is not None else tuple(m.key for m in MARKERS)
    present = {row[0] for row in repo.db.query("SELECT marker FROM results GROUP BY marker")}
    profile = repo.profile.get()
    sex = profile.sex
    last = iso(until) or "9999"
    results: list[LabResult] = []
    for key in dict.fromkeys(keys):
        if key not in present:
            continue
        rows = repo.db.query(
            "SELECT * FROM results WHERE marker = :marker AND taken_on <= :until AND ("
            " taken_on IN (SELECT DISTINCT taken_on FROM results WHERE marker = :marker"
            "  AND source != 'computed' AND taken_on <= :until ORDER BY taken_on DESC"
            "  LIMIT :days)"
            " OR taken_on IN (SELECT DISTINCT taken_on FROM results WHERE marker = :marker"
            "  AND source = 'computed' AND taken_on <= :until ORDER BY taken_on DESC"
            "  LIMIT :days)) ORDER BY taken_on, id",
            {"marker": key, "until": last, "days": LATEST_DAYS},
        )
        results += (result_from_row(row, sex) for row in rows)
    if "egfr" in keys:
        loaded = {r.id for r in results}
        results += (
            r
            for r in _creatinine_of_egfr(repo, [r for r in results if r.marker == "egfr"], sex)
            if r.id not in loaded
        )
    preferred = repo.settings.preferred_units([get_marker(k) for k in keys if k in present])
    heights = tuple(
        (date.fromisoformat(row[0]), float(row[1]))
        for row in repo.db.query(
            "SELECT taken_on, base_value FROM results WHERE marker = 'height' "
            "AND base_value IS NOT NULL ORDER BY taken_on, id"
        )
    )
    return LatestRecords(keys, tuple(results), preferred, sex, until, profile.birth_date, heights)


def _creatinine_of_egfr(
    repo: Repository, egfr: list[LabResult], sex: Sex | None
) -> list[LabResult]:
    """The creatinine results of the days of these eGFR results, not loaded yet: a computed
    eGFR is shown with the creatinine it was computed from (fixlatest item 2)."""
    days = sorted({r.taken_on.isoformat() for r in egfr})
    if not days:
        return []
    marks = ", ".join("?" * len(days))
    rows = repo.db.query(
        f"SELECT * FROM results WHERE marker = 'creatinine' AND taken_on IN ({marks}) "
        "ORDER BY taken_on, id",
        tuple(days),
    )
    return [result_from_row(row, sex) for row in rows]


def diary_records(repo: Repository, since: date, until: date) -> DiaryRecords:
    """The diary and the temperatures of ``since``..``until`` (both included)."""
    return DiaryRecords(
        since,
        until,
        tuple(repo.diary.symptoms(since, until)),
        tuple(day for day, _ in repo.diary.notes(since, until)),
        tuple(repo.diary.all_symptoms()),
        tuple(repo.results.all(["temperature"], since, until)),
    )


def _exact_base_values(
    repo: Repository, marker: str, until: date
) -> tuple[tuple[date, float], ...]:
    """(date, value in the base unit) of the marker's exact results (no ``<``/``>``)."""
    rows = repo.db.query(
        "SELECT taken_on, base_value FROM results WHERE marker = ? AND taken_on <= ? "
        "AND base_value IS NOT NULL AND comparator IS NULL ORDER BY taken_on, id",
        (marker, until.isoformat()),
    )
    return tuple((date.fromisoformat(row[0]), float(row[1])) for row in rows)


def treatment_records(repo: Repository, day: date) -> TreatmentRecords:
    """Everything the treat-to-target summary needs, read up to ``day``."""
    assessments = tuple(a for a in repo.sledai.all() if a.visit_on <= day)
    marks = ", ".join("?" * len(MONITORED_MARKERS))
    last = {
        row[0]: date.fromisoformat(row[1])
        for row in repo.db.query(
            f"SELECT marker, max(taken_on) FROM results WHERE marker IN ({marks}) "
            "AND taken_on <= ? GROUP BY marker",
            (*MONITORED_MARKERS, day.isoformat()),
        )
    }
    after: tuple[LabResult, ...] = ()
    if assessments:
        visit = max(a.visit_on for a in assessments)
        if visit < day:
            sex = repo.profile.get().sex
            after = tuple(
                result_from_row(row, sex)
                for row in repo.db.query(
                    "SELECT * FROM results WHERE taken_on > ? AND taken_on <= ? "
                    "ORDER BY taken_on, id",
                    (visit.isoformat(), day.isoformat()),
                )
            )
    return TreatmentRecords(
        day,
        tuple(repo.treatments.all()),
        assessments,
        _exact_base_values(repo, "weight", day),
        _exact_base_values(repo, "egfr", day),
        last,
        tuple(e.occurred_on for e in repo.events.all(until=day, kinds=(EventKind.EYE_EXAM,))),
        dict(repo.settings.all()),
        after,
    )
