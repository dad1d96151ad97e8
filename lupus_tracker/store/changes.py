"""The change service: every change a user can make, as a small object.

``change.apply(repo)`` carries the change out in one ``BEGIN IMMEDIATE`` transaction and
returns its inverse, another change; applying the inverse undoes it (in one transaction
too) and returns the change that redoes it. A change that fails raises a user-facing error
(:class:`~lupus_tracker.store.errors.StoreError` or
:class:`~lupus_tracker.domain.records.InvalidEntryError`) and changes nothing.

Inverses check before they write: an undo refuses (:class:`ConflictError`) when the row it
would restore or remove was changed or put back meanwhile (by another window or program),
and a deleted row comes back under its own id only while that id is free. Ids are never
reused (``AUTOINCREMENT``), so an undo never overwrites another row. An undo or redo that
puts rows back applies the same checks as adding them: a result is refused when the same
result (:mod:`lupus_tracker.domain.result_key`, the importer's rule) was saved meanwhile,
and a medication course when another active course of that name was started meanwhile.

The kinds of change live beside this module: ``result_changes``, ``diary_changes``,
``treatment_changes`` and ``record_changes`` (SLEDAI-2K, profile, settings, report notes).
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from lupus_tracker.domain.result_key import stored_result_key
from lupus_tracker.store.base import ConflictError
from lupus_tracker.store.errors import NotFoundError

if TYPE_CHECKING:
    from lupus_tracker.domain.records import LabResult, Medication
    from lupus_tracker.store.repository import Repository

T = TypeVar("T")


class Unchecked(enum.Enum):
    """What an inverse expects to find when the user's own change expects nothing."""

    ANYTHING = "anything"


ANYTHING = Unchecked.ANYTHING


def expect(found: T, expected: T | Unchecked, what: str) -> None:
    """Refuse when ``found`` is not what the change expects to replace."""
    if expected is not ANYTHING and found != expected:
        raise ConflictError(
            f"{what} was changed in another window or program since; nothing was changed."
        )


def saved_id(record_id: int | None) -> int:
    """The id of a record read from or just written to the store (which always has one)."""
    if record_id is None:
        raise NotFoundError("The record has no id: it was never saved.")
    return record_id


class Change(ABC):
    """One change a user can make; ``apply`` returns its inverse."""

    def apply(self, repo: Repository) -> Change:
        """Carry out the change in one transaction (joining an open one) and return the
        change that reverses it."""
        with repo.db.transaction():
            return self.carry_out(repo)

    @abstractmethod
    def carry_out(self, repo: Repository) -> Change:
        """The change itself, inside the transaction ``apply`` opened."""

    @abstractmethod
    def describe(self) -> str:
        """What the change does, for the Edit menu ("Undo Add lab report")."""


@dataclass(frozen=True)
class Batch(Change):
    """Several changes as one: all or none, undone in reverse order."""

    changes: tuple[Change, ...]
    text: str

    def carry_out(self, repo: Repository) -> Change:
        inverses = [change.carry_out(repo) for change in self.changes]
        return Batch(tuple(reversed(inverses)), self.text)

    def describe(self) -> str:
        return self.text


def batch(changes: Sequence[Change], text: str) -> Change:
    """One change, or a batch when there are several."""
    return changes[0] if len(changes) == 1 else Batch(tuple(changes), text)


def other_ids(found: Sequence[object], own: int | None) -> frozenset[int]:
    """The ids of ``found`` records except ``own``: what was already there."""
    return frozenset(i for r in found if (i := getattr(r, "id", None)) is not None and i != own)


def same_results(repo: Repository, result: LabResult) -> list[LabResult]:
    """Stored results that are the same result as ``result`` (the importer's key)."""
    key = stored_result_key(result)
    return [
        r
        for r in repo.results.all([result.marker], result.taken_on, result.taken_on)
        if r.id != result.id and stored_result_key(r) == key
    ]


def refuse_duplicate_results(
    repo: Repository, results: Sequence[LabResult], known: frozenset[int] | None = None
) -> None:
    """Refuse to put back a result when the same result was saved meanwhile (by another
    window or program); ``known`` are the ids of same results that were already there."""
    for result in results:
        new = [r for r in same_results(repo, result) if known is None or r.id not in known]
        if new:
            raise ConflictError(
                f"The {result.marker} result of {result.taken_on.isoformat()} was saved again "
                "meanwhile (in another window or program); putting it back would make a "
                "duplicate, so nothing was changed."
            )


def active_courses(repo: Repository, name: str) -> list[Medication]:
    """The active (not stopped) medications named ``name``, case aside."""
    return [
        m
        for m in repo.treatments.all()
        if m.name.casefold() == name.strip().casefold() and m.stopped_on is None
    ]


def refuse_second_active_course(
    repo: Repository, medication: Medication, known: frozenset[int] | None = None
) -> None:
    """Refuse to make ``medication`` active again when another active course of its name
    was started meanwhile; ``known`` are the ids of such courses already there before."""
    if medication.stopped_on is not None:
        return
    new = [
        m
        for m in active_courses(repo, medication.name)
        if m.id != medication.id and (known is None or m.id not in known)
    ]
    if new:
        raise ConflictError(
            f"{new[0].name} was started again on {new[0].started_on.isoformat()} meanwhile "
            "(in another window or program); two active courses of one medication are not "
            "kept, so nothing was changed."
        )
