"""An import plan: everything a file would add, what it skips and why, what is already in
the database, and where the file and the database disagree (conflicts).

The app previews a plan; applying it is one ``BEGIN IMMEDIATE`` transaction that reads what
exists again inside that transaction, so an import lands whole or not at all, importing
the same file twice adds nothing, and two imports at once cannot both add the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from lupus_tracker.domain.records import (
    Event,
    InvalidEntryError,
    LabEntry,
    LabResult,
    Medication,
    Profile,
    SymptomEntry,
)
from lupus_tracker.domain.symptoms import symptom_name
from lupus_tracker.domain.values import ValueParseError
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.options import ImportOptions, OnConflict
from lupus_tracker.exchange.patient import check_same_patient
from lupus_tracker.exchange.preview import marker_label, unit_label
from lupus_tracker.exchange.result_key import result_key, stored_result_key
from lupus_tracker.exchange.versions import Version, stored_version, supersedes
from lupus_tracker.store.changes import Batch, Change
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.result_changes import DeleteResults, UpdateResult
from lupus_tracker.store.sledai_repo import SledaiAssessment


@dataclass(frozen=True)
class Skipped:
    where: str  # "row 12" or "Observation/r3"
    reason: str


@dataclass(frozen=True)
class Conflict:
    """One record the file and the database (or the file twice) hold differently."""

    what: str  # "fatigue on 2024-03-01"
    kept: str  # the value that stays
    other: str  # the value that is not imported (or, replacing, the one that goes)
    replaced: bool = False
    reason: str = ""  # said in full instead of "kept ..., not imported ..."

    def text(self) -> str:
        if self.reason:
            return f"{self.what}: {self.reason}"
        if self.replaced:
            return f"{self.what}: the file's {self.kept} replaces the database's {self.other}"
        return f"{self.what}: kept {self.kept}, not imported {self.other}"


@dataclass(frozen=True)
class Retraction:
    """A file's statement that a result with this identifier is void (``entered-in-error``
    or ``cancelled``): a conflict when the database holds that result, else skipped."""

    identifier: str  # "system|value", as LabEntry.source_id
    where: str
    label: str
    status: str

    def skipped(self) -> Skipped:
        return Skipped(self.where, f"{self.label}: status {self.status!r} is not a final result")


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
    patient_names: tuple[str, ...] = ()  # every name the file gives its patient
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Skipped] = field(default_factory=list)  # imported, with a remark
    conflicts: list[Conflict] = field(default_factory=list)
    duplicates: int = 0
    settings_left_out: int = 0
    # Source ids amended or corrected in the file, with the version kept (versions.py)
    corrections: dict[str, Version] = field(default_factory=dict)
    replacements: list[tuple[int, LabEntry]] = field(default_factory=list)  # (stored id, new)
    retractions: list[Retraction] = field(default_factory=list)
    removals: list[int] = field(default_factory=list)  # stored ids the file voids (replace)
    options: ImportOptions = field(default_factory=ImportOptions)
    # Each result's identity, worked out once (shared by the plan's reconciled copies).
    keys: dict = field(default_factory=dict, repr=False, compare=False)
    # The app's own exports name the database they came from and each result's id in it:
    # into that same database, a result with its id is the stored one, changed or not.
    origin: str | None = None
    own_ids: dict = field(default_factory=dict, repr=False, compare=False)
    # Each result's interpretation by check_entry when the file was read, and whether every
    # symptom is what check_symptom returned: applying the plan checks no row twice.
    measurements: dict = field(default_factory=dict, repr=False, compare=False)
    symptoms_checked: bool = field(default=False, repr=False, compare=False)

    def counts(self) -> dict[str, int]:
        return {
            "lab results and vitals": len(self.results),
            "symptom entries": len(self.symptoms),
            "diary notes": len(self.diary_notes),
            "medications": len(self.medications),
            "events": len(self.events),
            "photos": len(self.photos),
            "SLEDAI-2K assessments": len(self.sledai),
            "report notes": len(self.report_notes),
            "settings": len(self.settings),
            "corrected results": len(self.replacements),
            "results removed as entered in error": len(self.removals),
        }

    def preview_rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """What would be added, one line each: date, kind, item, value, unit, detail."""
        from lupus_tracker.exchange.preview import preview_rows

        return preview_rows(self)

    @property
    def total(self) -> int:
        return sum(self.counts().values()) + (self.profile is not None)

    def summary(self) -> str:
        changes = {"corrected results", "results removed as entered in error"}
        parts = [f"{n} {what}" for what, n in self.counts().items() if n and what not in changes]
        something = parts or self.duplicates or self.conflicts or self.replacements
        if parts:
            text = "Would add " + ", ".join(parts)
        elif something or self.removals or self.profile is not None:
            text = "Would add nothing new"
        else:  # nothing importable at all: not "nothing new", which suggests duplicates
            text = "Nothing to import"
        if self.replacements:
            text += (
                f"; would replace {len(self.replacements)} stored results by their "
                "amended or corrected value"
            )
        if self.removals:
            text += f"; would remove {len(self.removals)} stored results entered in error"
        if self.profile is not None:
            text += "; patient profile"
        if self.duplicates:
            text += f"; {self.duplicates} already in the database"
        if self.conflicts:
            replaced = sum(c.replaced for c in self.conflicts)
            text += f"; {len(self.conflicts)} conflicts"
            text += (
                f" ({replaced} replaced by the file's value)"
                if replaced
                else " (the database's value kept)"
            )
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
            if not something:
                text += ", each with its reason"
        if self.settings_left_out:
            text += f"; {self.settings_left_out} settings not imported (use --include-settings)"
        return text + "."


def _symptom_text(entry: SymptomEntry) -> str:
    text = f"severity {entry.severity}"
    if entry.location:
        text += f", {entry.location}"
    if entry.body_site:
        text += f", {entry.body_site}"
    if entry.note:
        text += f" ({entry.note[:40]})"
    return text


def _shown(marker: str, value: str, unit: str | None) -> str:
    return " ".join(filter(None, (value, unit_label(marker, unit))))


def _entry_text(entry: LabEntry) -> str:
    """ "0.9 mg/dL, lab X, note '...'": what tells two copies of one result apart."""
    parts = [_shown(entry.marker, entry.value, entry.unit)]
    parts += [
        f"{name} {text!r}"
        for name, text in (("lab", entry.lab), ("note", entry.note), ("range", entry.ref_range))
        if text
    ]
    return ", ".join(parts)


def _when(day: date, time: str | None) -> str:
    return " ".join(filter(None, (day.isoformat(), time)))


def _stored_text(result: LabResult) -> str:
    """ "0.9 mg/dL of 2024-03-01 08:10": the stored value a file's result would replace."""
    when = " ".join(filter(None, (result.taken_on.isoformat(), result.taken_at)))
    return f"{_shown(result.marker, result.value_text, result.unit)} of {when}"


def _text(note: str | None) -> str:
    return (note or "").strip()


def _same_assessment(stored: SledaiAssessment, file: SledaiAssessment) -> bool:
    """The same assessment: same descriptors (hence score); the file's PGA and note, when
    it gives them, equal the stored ones."""
    if stored.items != file.items:
        return False
    if file.pga is not None and (stored.pga is None or abs(stored.pga - file.pga) > 1e-9):
        return False
    return not _text(file.note) or _text(file.note) == _text(stored.note)


def _assessment_text(a: SledaiAssessment) -> str:
    text = f"score {a.score} ({', '.join(sorted(a.items)) or '-'})"
    if a.pga is not None:
        text += f", PGA {a.pga:g}"
    if _text(a.note):
        text += f", note {_text(a.note)[:40]!r}"
    return text


class _Reconciler:
    """Sorts each record of a plan into new, duplicate or conflict against ``repo``."""

    def __init__(self, repo: Repository, plan: ImportPlan):
        self.repo = repo
        self.plan = plan
        self.replace = OnConflict(plan.options.on_conflict) is OnConflict.REPLACE
        self.conflicts: list[Conflict] = []
        self.duplicates = 0
        self.replacements: list[tuple[int, LabEntry]] = []
        self.by_source_id: dict[str, LabResult] = {}

    def conflict(self, what: str, database: str, file: str, *, in_file: bool = False) -> bool:
        """Record a conflict; True when the file's value is to be written."""
        if in_file:
            self.conflicts.append(Conflict(what + " (twice in the file)", database, file))
            return False
        if self.replace:
            self.conflicts.append(Conflict(what, file, database, replaced=True))
            return True
        self.conflicts.append(Conflict(what, database, file))
        return False

    def results(self) -> list[LabEntry]:
        sex = self.repo.profile.get().sex
        stored = self.repo.results.all()
        existing = {stored_result_key(r) for r in stored}
        by_source_id = self.by_source_id = {r.source_id: r for r in stored if r.source_id}
        same_file = self.plan.origin is not None and self.plan.origin == self.repo.identity()
        by_id = {r.id: r for r in stored} if same_file and self.plan.own_ids else {}
        kept = []
        # A plan reconciled before (the preview) carries its replacements apart: read again.
        for entry in [*self.plan.results, *(e for _, e in self.plan.replacements)]:
            key = result_key(entry, sex, self.plan.keys)
            own_id = self.plan.own_ids.get(entry)
            own = by_id.get(own_id) if own_id is not None else None
            if own is not None:  # this database's own result, exported and read back
                if key == stored_result_key(own):
                    self.duplicates += 1
                else:
                    what = f"{marker_label(entry.marker)} of {entry.taken_on} (record {own.id})"
                    stored_text, file_text = _entry_text(own.entry()), _entry_text(entry)
                    if (own.taken_on, own.taken_at) != (entry.taken_on, entry.taken_at):
                        # Otherwise a change of date alone reads "kept 0.8, not imported 0.8"
                        stored_text = f"{stored_text} on {_when(own.taken_on, own.taken_at)}"
                        file_text = f"{file_text} on {_when(entry.taken_on, entry.taken_at)}"
                    if self.conflict(what, stored_text, file_text):
                        self.replacements.append((own.id, entry))
                continue
            earlier = by_source_id.get(entry.source_id) if entry.source_id else None
            if earlier is not None and key != stored_result_key(earlier):
                what = f"{marker_label(entry.marker)} of {entry.taken_on} ({entry.source_id})"
                version = self.plan.corrections.get(entry.source_id or "")
                if version is not None:
                    why_not = supersedes(version, stored_version(earlier.note))
                    shown = _shown(entry.marker, entry.value, entry.unit)
                    self.conflicts.append(
                        Conflict(
                            f"{what}, {version.status}",
                            earlier.value_text if why_not else entry.value,
                            entry.value if why_not else earlier.value_text,
                            replaced=not why_not,
                            reason=f"{shown} {why_not}; kept {_stored_text(earlier)}"
                            if why_not
                            else f"{shown} replaces {_stored_text(earlier)}",
                        )
                    )
                    if not why_not:
                        self.replacements.append((earlier.id, entry))
                elif self.conflict(what, earlier.value_text, entry.value):
                    self.replacements.append((earlier.id, entry))
                continue
            if key is None or key not in existing:
                if key is not None:
                    existing.add(key)
                kept.append(entry)
            else:
                self.duplicates += 1
        return kept

    def retractions(self) -> tuple[list[int], list[Skipped]]:
        """Stored results the file says are void: conflicts (removed only when replacing);
        the file's other void results are skipped. Call after :meth:`results`."""
        removals: list[int] = []
        skipped: list[Skipped] = []
        for retraction in self.plan.retractions:
            stored = self.by_source_id.get(retraction.identifier)
            if stored is None or stored.id in removals:
                skipped.append(retraction.skipped())
                continue
            said = "entered in error" if retraction.status == "entered-in-error" else "cancelled"
            what = f"{marker_label(stored.marker)} {_stored_text(stored)} ({retraction.identifier})"
            decision = (
                "removed (the file's statement is taken)"
                if self.replace
                else "kept (import with 'replace' on conflict to remove it)"
            )
            self.conflicts.append(
                Conflict(
                    what,
                    _stored_text(stored),
                    f"the file's {retraction.status}",
                    replaced=self.replace,
                    reason=f"the file says this result was {said}; {decision}",
                )
            )
            if self.replace:
                removals.append(stored.id)
        return removals, skipped

    def symptoms(self) -> list[SymptomEntry]:
        now = {(e.day, e.symptom): e for e in self.repo.diary.symptoms()}
        seen: dict[tuple, SymptomEntry] = {}
        kept = []

        def what(entry: SymptomEntry) -> str:  # named only for a conflict
            return f"{symptom_name(entry.symptom)} on {entry.day.isoformat()}"

        for entry in self.plan.symptoms:
            key = (entry.day, entry.symptom)
            if key in seen:
                if seen[key] != entry:
                    self.conflict(
                        what(entry), _symptom_text(seen[key]), _symptom_text(entry), in_file=True
                    )
                else:
                    self.duplicates += 1
                continue
            seen[key] = entry
            current = now.get(key)
            if current is None:
                kept.append(entry)
            elif (current.severity, current.location, current.note, current.body_site) == (
                entry.severity,
                entry.location,
                entry.note,
                entry.body_site,
            ):
                self.duplicates += 1
            elif self.conflict(what(entry), _symptom_text(current), _symptom_text(entry)):
                kept.append(entry)
        return kept

    def keyed(self, items: list, now: dict, key, what, shown) -> list:
        """New items, duplicates counted, conflicts listed (by ``key``; compared whole)."""
        seen: dict = {}
        kept = []
        for item in items:
            k = key(item)
            if k in seen:
                if seen[k] != item:
                    self.conflict(what(item), shown(seen[k]), shown(item), in_file=True)
                else:
                    self.duplicates += 1
                continue
            seen[k] = item
            if k not in now:
                kept.append(item)
            elif now[k] == item:
                self.duplicates += 1
            elif self.conflict(what(item), shown(now[k]), shown(item)):
                kept.append(item)
        return kept

    def sledai(self) -> list[SledaiAssessment]:
        """Assessments by visit date, compared by descriptors (so score), PGA and note; a
        PGA or note the file does not give is no disagreement, and replacing never blanks
        the stored one."""
        now = {a.visit_on: a for a in self.repo.sledai.all()}
        seen: dict[date, SledaiAssessment] = {}
        kept = []
        for item in self.plan.sledai:
            what = f"SLEDAI-2K on {item.visit_on}"
            earlier = seen.get(item.visit_on)
            if earlier is not None:
                if _same_assessment(earlier, item):
                    self.duplicates += 1
                else:
                    self.conflict(
                        what, _assessment_text(earlier), _assessment_text(item), in_file=True
                    )
                continue
            seen[item.visit_on] = item
            current = now.get(item.visit_on)
            if current is None:
                kept.append(item)
            elif _same_assessment(current, item):
                self.duplicates += 1
            elif self.conflict(what, _assessment_text(current), _assessment_text(item)):
                kept.append(
                    replace(
                        item,
                        pga=current.pga if item.pga is None else item.pga,
                        note=item.note if _text(item.note) else current.note,
                    )
                )
        return kept

    def medications(self) -> list[Medication]:
        now = {(m.name.strip().casefold(), m.started_on) for m in self.repo.treatments.all()}
        kept = []
        for m in self.plan.medications:
            key = (m.name.strip().casefold(), m.started_on)
            if key in now:
                self.duplicates += 1
            else:
                now.add(key)
                kept.append(m)
        return kept

    def events(self) -> list[Event]:
        now = {
            (e.occurred_on, str(e.kind), (e.title or "").strip()) for e in self.repo.events.all()
        }
        kept = []
        for e in self.plan.events:
            key = (e.occurred_on, str(e.kind), (e.title or "").strip())
            if key in now:
                self.duplicates += 1
            else:
                now.add(key)
                kept.append(e)
        return kept

    def photos(self) -> list[Photo]:
        now = {(p.day, p.data) for p in self.repo.photos.all()}
        kept = []
        for p in self.plan.photos:
            if (p.day, p.data) in now:
                self.duplicates += 1
            else:
                now.add((p.day, p.data))
                kept.append(p)
        return kept


def reconcile(repo: Repository, plan: ImportPlan) -> ImportPlan:
    """The plan without what the database (or the file itself, earlier) already holds,
    with every conflict listed and decided by ``plan.options.on_conflict``. Raises
    ``ExchangeError`` when the file is about another patient than the database."""
    options = plan.options
    current = repo.profile.get()
    check_same_patient(current, plan.profile, plan.patient_names, options.allow_other_patient)
    r = _Reconciler(repo, plan)
    notes_now = dict(repo.diary.notes())
    reports_now = {(s, e): (s, e, n) for s, e, n in repo.report_notes.all()}
    settings = plan.settings if options.include_settings else []
    results = r.results()
    removals, void_skipped = r.retractions()
    void_places = {v.where for v in plan.retractions}
    return replace(
        plan,
        results=results,
        replacements=r.replacements,
        removals=removals,
        # A plan reconciled again lists the void results it skips once.
        skipped=[s for s in plan.skipped if s.where not in void_places] + void_skipped,
        symptoms=r.symptoms(),
        diary_notes=r.keyed(
            plan.diary_notes,
            {d: (d, n) for d, n in notes_now.items()},
            key=lambda n: n[0],
            what=lambda n: f"diary note on {n[0]}",
            shown=lambda n: repr(n[1][:60]),
        ),
        medications=r.medications(),
        events=r.events(),
        photos=r.photos(),
        sledai=r.sledai(),
        report_notes=r.keyed(
            plan.report_notes,
            reports_now,
            key=lambda n: (n[0], n[1]),
            what=lambda n: f"report note {n[0]} to {n[1]}",
            shown=lambda n: repr(n[2][:60]),
        ),
        settings=r.keyed(
            settings,
            dict((k, (k, v)) for k, v in repo.settings.all()),
            key=lambda s: s[0],
            what=lambda s: f"setting {s[0]}",
            shown=lambda s: repr(s[1]),
        ),
        # A file's patient details only fill an empty profile: never overwrite the user's.
        profile=plan.profile if current == Profile() else None,
        conflicts=r.conflicts,  # a plan reconciled again lists its conflicts once
        duplicates=plan.duplicates + r.duplicates,
        settings_left_out=0 if options.include_settings else len(plan.settings),
    )


def apply_plan(repo: Repository, plan: ImportPlan) -> int:
    """Write the plan in one ``BEGIN IMMEDIATE`` transaction, checking what exists inside
    it; returns how many records were added, replaced or removed."""
    return apply_plan_undoable(repo, plan)[0]


def apply_plan_undoable(repo: Repository, plan: ImportPlan) -> tuple[int, Change | None]:
    """As :func:`apply_plan`, also returning the change that puts back the stored results
    the import replaced (amended, corrected) or removed (entered in error), for the app's
    Undo; ``None`` when it replaced and removed nothing."""
    try:
        with repo.db.transaction():
            fresh = reconcile(repo, plan)
            if fresh.profile is not None:
                repo.profile.set(fresh.profile)
            for key, value in fresh.settings:
                repo.settings.set(key, value)
            if fresh.results:  # each interpreted once, when the file was read
                repo.results.add_checked(
                    fresh.results, [fresh.measurements.get(e) for e in fresh.results]
                )
            # The store's own change objects: each returns the change that reverses it.
            inverses = [
                UpdateResult(result_id, entry).carry_out(repo)
                for result_id, entry in fresh.replacements
            ]
            if fresh.removals:
                inverses.append(DeleteResults(tuple(fresh.removals)).carry_out(repo))
            if fresh.symptoms:
                repo.diary.log_many(fresh.symptoms, already_checked=fresh.symptoms_checked)
            for day, note in fresh.diary_notes:
                current = repo.diary.day(day)
                repo.diary.save_day(day, current.entries, note)
            for medication in fresh.medications:
                repo.treatments.add(replace(medication, id=None))
            for event in fresh.events:
                repo.events.add(replace(event, id=None))
            for photo in fresh.photos:
                repo.photos.add(replace(photo, id=None))
            for assessment in fresh.sledai:
                repo.sledai.save(assessment)
            for start, end, note in fresh.report_notes:
                repo.report_notes.set(start, end, note)
    except (InvalidEntryError, ValueParseError) as error:
        index = getattr(error, "index", None)
        where = f" (entry {index + 1})" if isinstance(index, int) else ""
        raise InvalidEntryError(f"Nothing was imported: {error}{where}") from None
    except ExchangeError as error:
        raise InvalidEntryError(f"Nothing was imported: {error}") from None
    undo = None
    if inverses:
        count = len(fresh.replacements) + len(fresh.removals)
        undo = Batch(tuple(reversed(inverses)), f"Results the import replaced or removed ({count})")
    return fresh.total, undo
