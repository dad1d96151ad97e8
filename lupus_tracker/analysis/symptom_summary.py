"""Symptom summaries for a period: average and worst severity per symptom, days with a
rash, fever days (a fever symptom or a temperature above 38 °C)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lupus_tracker.domain.symptoms import Symptom, get_symptom
from lupus_tracker.domain.thresholds import FEVER_CELSIUS
from lupus_tracker.store.inputs import DiaryRecords
from lupus_tracker.store.results_repo import measured

# Our choice (issue 17): a symptom logged at severity 0 was checked and absent; it counts
# as present only above this severity.
PRESENT_ABOVE = 0


@dataclass(frozen=True)
class SymptomStats:
    symptom: Symptom
    days_logged: int  # days this symptom was recorded (any severity)
    days_present: int  # severity above PRESENT_ABOVE
    average: float  # over every day with a diary entry (not recorded that day counts 0)
    worst: int
    days_with_entries: int = 0  # the denominator: days with any diary entry in the period

    @property
    def average_text(self) -> str:
        """The average at one decimal, the one rule for the dashboard and the report: a
        symptom logged above 0 is never printed as 0.0 but as "<0.1" (fixlatest item 4)."""
        if self.average > 0 and round(self.average, 1) == 0:
            return "<0.1"
        return f"{self.average:.1f}"

    def text(self) -> str:
        """'Rash: 3 of 83 logged days'."""
        return f"{self.symptom.name}: {self.days_present} of {self.days_with_entries} logged days"


@dataclass(frozen=True)
class SymptomSummary:
    since: date
    until: date
    days_with_entries: int
    stats: tuple[SymptomStats, ...]
    rash_days: int
    fever_days: int

    @property
    def days_without_entry(self) -> int:
        """Days of the period with nothing logged (never counted as symptom-free)."""
        return (self.until - self.since).days + 1 - self.days_with_entries

    def for_symptom(self, key: str) -> SymptomStats | None:
        return next((s for s in self.stats if s.symptom.key == key), None)

    def coverage_text(self) -> str:
        return (
            f"{self.days_with_entries} of {(self.until - self.since).days + 1} days have a "
            f"diary entry; {self.days_without_entry} have none."
        )


def summarize_symptoms(records: DiaryRecords) -> SymptomSummary:
    """Summarise the diary of ``records`` (``since``..``until``, both included): each
    symptom's days present out of the days with a diary entry, its average over those
    days. Read the records with ``store.inputs.diary_records``."""
    since, until = records.since, records.until
    entries = [e for e in records.symptoms if since <= e.day <= until]
    logged_days = {e.day for e in entries}
    logged_days.update(day for day in records.note_days if since <= day <= until)
    logged = len(logged_days)
    by_key: dict[str, list[int]] = {}
    present_days: dict[str, set[date]] = {}
    for entry in entries:
        by_key.setdefault(entry.symptom, []).append(entry.severity)
        if entry.severity > PRESENT_ABOVE:
            present_days.setdefault(entry.symptom, set()).add(entry.day)
    listed = list(records.listed)  # the built-in ones, then the patient's own
    listed += [get_symptom(key) for key in by_key if key not in {s.key for s in listed}]
    stats = tuple(
        SymptomStats(
            symptom,
            len(values),
            len(present_days.get(symptom.key, ())),
            sum(values) / logged,
            max(values),
            logged,
        )
        for symptom in listed
        if (values := by_key.get(symptom.key))
    )
    fever_days = set(present_days.get("fever", set()))
    for result in records.temperatures:
        if result.marker != "temperature" or not since <= result.taken_on <= until:
            continue
        m = measured(result)  # interpreted once, when the store loaded it
        if m is not None and m.certainly_above(FEVER_CELSIUS):
            fever_days.add(result.taken_on)
    return SymptomSummary(
        since,
        until,
        logged,
        stats,
        len(present_days.get("rash", ())),
        len(fever_days),
    )
