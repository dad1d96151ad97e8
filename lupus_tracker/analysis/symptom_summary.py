"""Symptom summaries for a period: average and worst severity per symptom, days with a
rash, fever days (a fever symptom or a temperature above 38 °C)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lupus_tracker.domain.symptoms import SYMPTOMS, Symptom
from lupus_tracker.domain.thresholds import FEVER_CELSIUS
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.results_repo import measured


@dataclass(frozen=True)
class SymptomStats:
    symptom: Symptom
    days_logged: int
    days_present: int  # severity above 0
    average: float
    worst: int


@dataclass(frozen=True)
class SymptomSummary:
    since: date
    until: date
    days_with_entries: int
    stats: tuple[SymptomStats, ...]
    rash_days: int
    fever_days: int

    def for_symptom(self, key: str) -> SymptomStats | None:
        return next((s for s in self.stats if s.symptom.key == key), None)


def summarize_symptoms(repo: Repository, since: date, until: date) -> SymptomSummary:
    """Summarise the diary between ``since`` and ``until`` (both included)."""
    entries = repo.diary.symptoms(since, until)
    by_key: dict[str, list[int]] = {}
    present_days: dict[str, set[date]] = {}
    for entry in entries:
        by_key.setdefault(entry.symptom, []).append(entry.severity)
        if entry.severity > 0:
            present_days.setdefault(entry.symptom, set()).add(entry.day)
    stats = tuple(
        SymptomStats(symptom, len(values), len(present_days.get(symptom.key, ())),
                     sum(values) / len(values), max(values))
        for symptom in SYMPTOMS
        if (values := by_key.get(symptom.key))
    )
    fever_days = set(present_days.get("fever", set()))
    for result in repo.results.all(["temperature"], since, until):
        m = measured(result)  # interpreted once, when the store loaded it
        if m is not None and m.certainly_above(FEVER_CELSIUS):
            fever_days.add(result.taken_on)
    return SymptomSummary(
        since, until, len({e.day for e in entries}), stats,
        len(present_days.get("rash", ())), len(fever_days),
    )
