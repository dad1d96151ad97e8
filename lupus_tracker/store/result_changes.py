"""Changes to lab results: add a report, edit, delete, and their inverses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lupus_tracker.domain.catalog import UnknownMarkerError, get_marker, unit_display
from lupus_tracker.domain.records import LabEntry, LabResult
from lupus_tracker.store.base import ConflictError
from lupus_tracker.store.changes import (
    ANYTHING,
    Change,
    Unchecked,
    expect,
    other_ids,
    refuse_duplicate_results,
    same_results,
)
from lupus_tracker.store.errors import NotFoundError

if TYPE_CHECKING:
    from lupus_tracker.store.repository import Repository


def _name(marker: str) -> str:
    try:
        return get_marker(marker).name
    except UnknownMarkerError:
        return marker


def _results_text(count: int) -> str:
    return "1 result" if count == 1 else f"{count} results"


@dataclass(frozen=True)
class AddResults(Change):
    """A whole lab report (or vitals): all rows or none."""

    entries: tuple[LabEntry, ...]

    def carry_out(self, repo: Repository) -> Change:
        saved = repo.results.add_many(self.entries)
        return DeleteResults(tuple(r.id for r in saved), tuple(saved))

    def describe(self) -> str:
        if len(self.entries) == 1:
            return f"Add {_name(self.entries[0].marker)} result"
        return f"Add lab report ({_results_text(len(self.entries))})"


@dataclass(frozen=True)
class DeleteResults(Change):
    """Delete results; as an undo, only when they are still as they were saved."""

    ids: tuple[int, ...]
    expected: tuple[LabResult, ...] | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        gone = []
        for index, result_id in enumerate(self.ids):
            current = repo.results.get(result_id)
            if self.expected is not ANYTHING:
                expect(current, self.expected[index], _about(current))
            gone.append(current)
        for result_id in self.ids:
            repo.results.delete(result_id)
        known = frozenset().union(*(other_ids(same_results(repo, r), r.id) for r in gone))
        return RestoreResults(tuple(gone), known)

    def describe(self) -> str:
        return f"Delete {_results_text(len(self.ids))}"


@dataclass(frozen=True)
class RestoreResults(Change):
    """Put deleted results back under their own ids (refused when an id is taken)."""

    results: tuple[LabResult, ...]
    # Ids of the same results already there when these were deleted (None: any is refused)
    known: frozenset[int] | None = None

    def carry_out(self, repo: Repository) -> Change:
        refuse_duplicate_results(repo, self.results, self.known)
        restored = repo.results.restore(self.results)
        return DeleteResults(tuple(r.id for r in restored), tuple(restored))

    def describe(self) -> str:
        return f"Restore {_results_text(len(self.results))}"


@dataclass(frozen=True)
class UpdateResult(Change):
    """Edit one result (the user's edit). ``expected`` is the result as the edit was made
    from (the row as loaded): when the stored row differs (another window or program changed
    it meanwhile) the edit is refused, so old values are never written over newer ones. The
    edit keeps the row's source identifier (``source_id``: the source's system and id) when
    it gives none, so a later amended or corrected import still replaces the row. It keeps
    the row's time of day too when it gives none and the day is unchanged (the edit dialog
    does not show the time): a re-import of the same file then finds the row again. On
    another day the old time of day would be a guess, so it is not carried over."""

    result_id: int
    entry: LabEntry
    expected: LabResult | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        before = repo.results.get(self.result_id)
        if self.expected is not ANYTHING and before != self.expected:
            unit = unit_display(before.marker, before.unit)
            raise ConflictError(
                f"This result was changed elsewhere (now {before.value_text} {unit}) — "
                f"reload: {_about(before)} was changed in another window or program since "
                "it was shown; nothing was changed."
            )
        entry = self.entry
        if entry.source_id is None and before.source_id is not None:
            entry = replace(entry, source_id=before.source_id)
        if entry.taken_at is None and entry.taken_on == before.taken_on:
            entry = replace(entry, taken_at=before.taken_at)
        after = repo.results.update(self.result_id, entry)
        return PutResult(before, after)

    def describe(self) -> str:
        return "Edit lab result"


@dataclass(frozen=True)
class PutResult(Change):
    """Put a result back as it was (undo or redo of an edit)."""

    result: LabResult
    expected: LabResult | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        try:
            current = repo.results.get(self.result.id)
        except NotFoundError:
            raise NotFoundError(
                f"{_about(self.result)} no longer exists; nothing was changed."
            ) from None
        expect(current, self.expected, _about(current))
        after = repo.results.put(self.result)
        return PutResult(current, after)

    def describe(self) -> str:
        return "Edit lab result"


def _about(result: LabResult) -> str:
    return f"The {_name(result.marker)} result of {result.taken_on.isoformat()}"
