"""An import plan: everything a file would add, what it skips and why, and what is
already in the database. The app previews a plan; applying it is one transaction, so an
import lands whole or not at all, and importing the same file twice adds nothing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.records import (
    Event,
    InvalidEntryError,
    LabEntry,
    Medication,
    Profile,
    SymptomEntry,
)
from lupus_tracker.domain.values import ValueParseError
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.sledai_repo import SledaiAssessment


@dataclass(frozen=True)
class Skipped:
    where: str  # "row 12" or "Observation/r3"
    reason: str


@dataclass
class ImportPlan:
    source: str
    encoding: str = ""
    results: list[LabEntry] = field(default_factory=list)
    symptoms: list[SymptomEntry] = field(default_factory=list)
    diary_notes: list[tuple[date, str]] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    sledai: list[SledaiAssessment] = field(default_factory=list)
    report_notes: list[tuple[date, date, str]] = field(default_factory=list)
    settings: list[tuple[str, str]] = field(default_factory=list)
    profile: Profile | None = None
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: int = 0

    def counts(self) -> dict[str, int]:
        return {"lab results and vitals": len(self.results), "symptom entries": len(self.symptoms),
                "diary notes": len(self.diary_notes), "medications": len(self.medications),
                "events": len(self.events), "photos": len(self.photos),
                "SLEDAI-2K assessments": len(self.sledai),
                "report notes": len(self.report_notes)}

    def preview_rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """What would be added, one line each: date, kind, item, value, unit, detail."""
        rows = [(r.taken_on.isoformat(), "result", r.marker, r.value, r.unit or "",
                 " ".join(filter(None, (r.ref_range, r.lab, r.assay)))) for r in self.results]
        rows += [(s.day.isoformat(), "symptom", s.symptom, str(s.severity), "0-10",
                  s.location or "") for s in self.symptoms]
        rows += [(d.isoformat(), "diary", "note", "", "", n[:60]) for d, n in self.diary_notes]
        rows += [(m.started_on.isoformat(), "medication", m.name, "", "",
                  f"{len(m.doses)} dose entries") for m in self.medications]
        rows += [(e.occurred_on.isoformat(), "event", str(e.kind), e.title or "", "",
                  e.note or "") for e in self.events]
        rows += [(p.day.isoformat(), "photo", p.symptom or "", p.caption or "", p.mime_type, "")
                 for p in self.photos]
        rows += [(a.visit_on.isoformat(), "SLEDAI-2K", "", str(a.score), "", "")
                 for a in self.sledai]
        return rows

    @property
    def total(self) -> int:
        return sum(self.counts().values()) + len(self.settings) + (self.profile is not None)

    def summary(self) -> str:
        parts = [f"{n} {what}" for what, n in self.counts().items() if n]
        text = "Would add " + (", ".join(parts) if parts else "nothing new")
        if self.profile is not None:
            text += "; patient profile"
        if self.duplicates:
            text += f"; {self.duplicates} already in the database"
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
        return text + "."


def _result_key(day: date, marker: str, value_text: str, lab: str | None,
                assay: str | None) -> tuple:
    return (day, marker, value_text, lab or "", assay or "")


def remove_duplicates(repo: Repository, plan: ImportPlan) -> ImportPlan:
    """Drop what the database (or the file itself, earlier) already holds."""
    before = plan.total
    existing = {_result_key(r.taken_on, r.marker, r.value_text, r.lab, r.assay)
                for r in repo.results.all()}
    results = []
    sex = repo.profile.get().sex
    for entry in plan.results:
        try:
            m = check_entry(entry, sex)
        except InvalidEntryError:
            results.append(entry)
            continue
        key = _result_key(entry.taken_on, entry.marker, m.value.text, entry.lab, entry.assay)
        if key not in existing:
            existing.add(key)
            results.append(entry)
    symptoms_now = {(e.day, e.symptom) for e in repo.diary.symptoms()}
    symptoms = []
    for entry in plan.symptoms:
        if (entry.day, entry.symptom) not in symptoms_now:
            symptoms_now.add((entry.day, entry.symptom))
            symptoms.append(entry)
    notes_now = {day for day, _ in repo.diary.notes()}
    meds_now = {(m.name.casefold(), m.started_on) for m in repo.treatments.all()}
    events_now = {(e.occurred_on, e.kind.value, e.title) for e in repo.events.all()}
    photos_now = {(p.day, p.data) for p in repo.photos.all()}
    sledai_now = {a.visit_on for a in repo.sledai.all()}
    reports_now = {(s, e) for s, e, _ in repo.report_notes.all()}
    plan = replace(
        plan,
        results=results,
        symptoms=symptoms,
        diary_notes=[(d, n) for d, n in plan.diary_notes if d not in notes_now],
        medications=[m for m in plan.medications
                     if (m.name.strip().casefold(), m.started_on) not in meds_now],
        events=[e for e in plan.events
                if (e.occurred_on, str(e.kind), (e.title or "").strip()) not in events_now],
        photos=[p for p in plan.photos if (p.day, p.data) not in photos_now],
        sledai=[a for a in plan.sledai if a.visit_on not in sledai_now],
        report_notes=[n for n in plan.report_notes if (n[0], n[1]) not in reports_now],
        # A file's patient details only fill an empty profile: never overwrite the user's.
        profile=plan.profile if repo.profile.get() == Profile() else None,
    )
    plan.duplicates += before - plan.total
    return plan


def apply_plan(repo: Repository, plan: ImportPlan) -> int:
    """Write the whole plan in one transaction; returns how many records were added."""
    try:
        with repo.db.transaction():
            if plan.profile is not None:
                repo.profile.set(plan.profile)
            for key, value in plan.settings:
                repo.settings.set(key, value)
            if plan.results:
                repo.results.add_many(plan.results)
            if plan.symptoms:
                repo.diary.log_many(plan.symptoms)
            for day, note in plan.diary_notes:
                current = repo.diary.day(day)
                repo.diary.save_day(day, current.entries, note)
            for medication in plan.medications:
                repo.treatments.add(replace(medication, id=None))
            for event in plan.events:
                repo.events.add(replace(event, id=None))
            for photo in plan.photos:
                repo.photos.add(replace(photo, id=None))
            for assessment in plan.sledai:
                repo.sledai.save(assessment)
            for start, end, note in plan.report_notes:
                repo.report_notes.set(start, end, note)
    except (InvalidEntryError, ValueParseError) as error:
        where = f" (entry {error.index + 1})" if getattr(error, "index", None) is not None else ""
        raise InvalidEntryError(f"Nothing was imported: {error}{where}") from None
    return plan.total
