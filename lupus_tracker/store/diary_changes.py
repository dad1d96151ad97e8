"""Changes to the diary: a symptom day (with its note and vitals) and photos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.records import SymptomDay, SymptomEntry
from lupus_tracker.store.base import ConflictError
from lupus_tracker.store.changes import ANYTHING, Batch, Change, Unchecked, expect, saved_id
from lupus_tracker.store.photos_repo import Photo

if TYPE_CHECKING:
    from lupus_tracker.store.repository import Repository


class DayChangedError(ConflictError):
    """The diary day was changed by another window or program since the form loaded it:
    saving would delete or overwrite entries the person never saw. ``found`` is the day as
    it is now on disk (to reload it, or to overwrite exactly that after asking)."""

    def __init__(self, found: SymptomDay):
        super().__init__(
            f"The diary of {found.day.isoformat()} was changed in another window or program "
            "since it was shown; nothing was changed."
        )
        self.found = found


@dataclass(frozen=True)
class SaveDay(Change):
    """The diary form's Save: the day's symptoms and note replace what was logged, and the
    temperature and weight typed in are added, corrected or cleared (``vitals``: changes to
    results); one transaction. ``loaded`` is the day as the form showed it: when the day on
    disk differs (checked inside the write transaction) the save is refused with
    :class:`DayChangedError`, never deleting entries the person never saw."""

    day: date
    entries: tuple[SymptomEntry, ...]
    note: str | None = None
    vitals: tuple[Change, ...] = ()
    loaded: SymptomDay | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        if self.loaded is not ANYTHING:
            found = repo.diary.day(self.day)
            if found != self.loaded:
                raise DayChangedError(found)
        undo_vitals = [change.carry_out(repo) for change in self.vitals]
        undo_day = PutDay(SymptomDay(self.day, self.entries, self.note)).carry_out(repo)
        return Batch((undo_day, *reversed(undo_vitals)), self.describe())

    def describe(self) -> str:
        return f"Save diary for {self.day.isoformat()}"


@dataclass(frozen=True)
class PutDay(Change):
    """Replace a day's symptoms and note by ``day`` (undo and redo of a diary save)."""

    record: SymptomDay
    expected: SymptomDay | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        day = self.record.day
        current = repo.diary.day(day)
        expect(current, self.expected, f"The diary of {day.isoformat()}")
        repo.diary.save_day(day, self.record.entries, self.record.note)
        return PutDay(current, repo.diary.day(day))

    def describe(self) -> str:
        return f"Save diary for {self.record.day.isoformat()}"


@dataclass(frozen=True)
class AddPhoto(Change):
    photo: Photo

    def carry_out(self, repo: Repository) -> Change:
        saved = repo.photos.add(self.photo)
        return DeletePhoto(saved_id(saved.id), saved)

    def describe(self) -> str:
        return "Attach photo"


@dataclass(frozen=True)
class DeletePhoto(Change):
    photo_id: int
    expected: Photo | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        current = repo.photos.get(self.photo_id)
        expect(current, self.expected, f"The photo of {current.day.isoformat()}")
        repo.photos.delete(self.photo_id)
        return RestorePhoto(current)

    def describe(self) -> str:
        return "Delete photo"


@dataclass(frozen=True)
class RestorePhoto(AddPhoto):
    """Put a deleted photo back under its own id (refused when the id is taken)."""

    def describe(self) -> str:
        return "Restore photo"


@dataclass(frozen=True)
class AddCustomSymptom(Change):
    """Add a symptom of the patient's own ("itching") to the diary's list."""

    name: str
    row_id: int | None = None

    def carry_out(self, repo: Repository) -> Change:
        new_id, symptom = repo.diary.add_custom_symptom(self.name, self.row_id)
        return DeleteCustomSymptom(symptom.key, new_id)

    def describe(self) -> str:
        return f"Add symptom {self.name}"


@dataclass(frozen=True)
class DeleteCustomSymptom(Change):
    """Remove a symptom of the patient's own that no day uses (undo of adding it)."""

    key: str
    row_id: int | None = None

    def carry_out(self, repo: Repository) -> Change:
        found = repo.diary.find_custom(self.key)
        if found is None or (
            self.row_id is not None
            and found.name.casefold() != self.key.removeprefix("custom:").casefold()
        ):
            raise ConflictError(
                f"{self.key.removeprefix('custom:')} was changed in another "
                "window or program since; nothing was changed."
            )
        row_id, name = repo.diary.delete_custom_symptom(self.key)
        return AddCustomSymptom(name, row_id)

    def describe(self) -> str:
        return f"Remove symptom {self.key.removeprefix('custom:')}"
