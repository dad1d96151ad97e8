"""Changes to medications (with their doses) and events."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.dosing import check_stop_date
from lupus_tracker.domain.records import Dose, Event, Medication
from lupus_tracker.store.changes import (
    ANYTHING,
    Change,
    Unchecked,
    active_courses,
    expect,
    other_ids,
    refuse_second_active_course,
    saved_id,
)

if TYPE_CHECKING:
    from lupus_tracker.store.repository import Repository


# -- medications -------------------------------------------------------------------------
@dataclass(frozen=True)
class AddMedication(Change):
    medication: Medication

    def carry_out(self, repo: Repository) -> Change:
        saved = repo.treatments.add(self.medication)
        return DeleteMedication(saved_id(saved.id), saved)

    def describe(self) -> str:
        return f"Add {self.medication.name.strip()}"


@dataclass(frozen=True)
class DeleteMedication(Change):
    """Delete a medication and its whole dose history."""

    medication_id: int
    expected: Medication | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        current = repo.treatments.get(self.medication_id)
        expect(current, self.expected, current.name)
        repo.treatments.delete(self.medication_id)
        return RestoreMedication(current, other_ids(active_courses(repo, current.name), current.id))

    def describe(self) -> str:
        if self.expected is not ANYTHING:
            return f"Delete {self.expected.name}"
        return "Delete medication"


@dataclass(frozen=True)
class RestoreMedication(AddMedication):
    """Put a deleted medication back under its own id (refused when the id is taken, or
    when another active course of its name was started meanwhile)."""

    # Ids of the active courses of that name when it was deleted (None: any is refused)
    known: frozenset[int] | None = None

    def carry_out(self, repo: Repository) -> Change:
        refuse_second_active_course(repo, self.medication, self.known)
        return super().carry_out(repo)

    def describe(self) -> str:
        return f"Restore {self.medication.name}"


@dataclass(frozen=True)
class ChangeDose(Change):
    """A new dose from a date on (a taper step); earlier doses are kept. ``expected`` is
    the medication as shown when the dose was typed: refused when it changed meanwhile."""

    medication_id: int
    dose: Dose
    name: str = "medication"
    expected: Medication | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        before = repo.treatments.get(self.medication_id)
        expect(before, self.expected, before.name)
        after = repo.treatments.change_dose(self.medication_id, self.dose)
        return PutMedication(before, after)

    def describe(self) -> str:
        return f"Change dose of {self.name}"


@dataclass(frozen=True)
class StopMedication(Change):
    """Stop a medication on a date (``None`` resumes it); its history stays. ``note``, when
    given, replaces the medication's note (the stop dialog adds the reason to it).
    ``expected``: the medication as shown; refused when it changed meanwhile."""

    medication_id: int
    stopped_on: date | None
    name: str = "medication"
    note: str | Unchecked | None = ANYTHING
    expected: Medication | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        before = repo.treatments.get(self.medication_id)
        expect(before, self.expected, before.name)
        if self.stopped_on is not None:
            check_stop_date(before, self.stopped_on)
        note = before.note if self.note is ANYTHING else self.note
        known = other_ids(active_courses(repo, before.name), before.id)
        after = repo.treatments.replace(replace(before, stopped_on=self.stopped_on, note=note))
        return PutMedication(before, after, known)

    def describe(self) -> str:
        return f"Stop {self.name}" if self.stopped_on else f"Resume {self.name}"


@dataclass(frozen=True)
class PutMedication(Change):
    """A medication and its whole dose history as given (an edit, or its undo)."""

    medication: Medication
    expected: Medication | Unchecked = ANYTHING
    # Ids of the active courses of that name when this was made (None: any is refused)
    known: frozenset[int] | None = None

    def carry_out(self, repo: Repository) -> Change:
        current = repo.treatments.get(saved_id(self.medication.id))
        expect(current, self.expected, current.name)
        if current.stopped_on is not None:  # resumed by this change (undo of a stop)
            refuse_second_active_course(repo, self.medication, self.known)
        after = repo.treatments.replace(self.medication)
        known = other_ids(active_courses(repo, current.name), current.id)
        return PutMedication(current, after, known)

    def describe(self) -> str:
        return f"Edit {self.medication.name}"


# -- events ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AddEvent(Change):
    event: Event

    def carry_out(self, repo: Repository) -> Change:
        saved = repo.events.add(self.event)
        return DeleteEvent(saved_id(saved.id), saved)

    def describe(self) -> str:
        return f"Add {self.event.kind.label.lower()}"


@dataclass(frozen=True)
class DeleteEvent(Change):
    event_id: int
    expected: Event | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        current = repo.events.get(self.event_id)
        expect(current, self.expected, f"The event of {current.occurred_on.isoformat()}")
        repo.events.delete(self.event_id)
        return RestoreEvent(current)

    def describe(self) -> str:
        return "Delete event"


@dataclass(frozen=True)
class RestoreEvent(AddEvent):
    """Put a deleted event back under its own id (refused when the id is taken)."""

    def describe(self) -> str:
        return "Restore event"


@dataclass(frozen=True)
class PutEvent(Change):
    """Edit an event (and undo or redo that edit)."""

    event: Event
    expected: Event | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        current = repo.events.get(saved_id(self.event.id))
        expect(current, self.expected, f"The event of {current.occurred_on.isoformat()}")
        after = repo.events.update(self.event)
        return PutEvent(current, after)

    def describe(self) -> str:
        return "Edit event"
