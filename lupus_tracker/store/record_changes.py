"""Changes to single records: a SLEDAI-2K assessment, the profile with display units, a
setting, a report note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.domain.records import Profile
from lupus_tracker.store.changes import ANYTHING, Change, Unchecked, expect
from lupus_tracker.store.errors import NotFoundError
from lupus_tracker.store.settings_repo import NUMBER_FORMAT
from lupus_tracker.store.sledai_repo import SledaiAssessment

if TYPE_CHECKING:
    from lupus_tracker.store.repository import Repository

UnitChoices = tuple[tuple[str, str | None], ...]  # (marker key, unit code or None)


@dataclass(frozen=True)
class SaveSledai(Change):
    """Save (or replace) the assessment of a visit."""

    assessment: SledaiAssessment
    expected: SledaiAssessment | Unchecked | None = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        visit = self.assessment.visit_on
        current = repo.sledai.get(visit)
        expect(current, self.expected, f"The SLEDAI-2K of {visit.isoformat()}")
        repo.sledai.save(self.assessment)
        saved = repo.sledai.get(visit)
        if current is None:
            return DeleteSledai(visit, saved)
        return SaveSledai(current, saved)

    def describe(self) -> str:
        return f"SLEDAI-2K for {self.assessment.visit_on.isoformat()}"


@dataclass(frozen=True)
class DeleteSledai(Change):
    visit_on: date
    expected: SledaiAssessment | Unchecked | None = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        current = repo.sledai.get(self.visit_on)
        if current is None:
            raise NotFoundError(
                f"There is no SLEDAI-2K for {self.visit_on.isoformat()} "
                "(deleted in another window?); nothing was changed."
            )
        expect(current, self.expected, f"The SLEDAI-2K of {self.visit_on.isoformat()}")
        repo.sledai.delete(self.visit_on)
        return SaveSledai(current, None)

    def describe(self) -> str:
        return f"Delete SLEDAI-2K of {self.visit_on.isoformat()}"


def _units_now(repo: Repository, units: UnitChoices) -> UnitChoices:
    return tuple((key, repo.settings.get(f"unit.{key}")) for key, _ in units)


@dataclass(frozen=True)
class SaveProfile(Change):
    """The profile and each marker's display unit, together (the store recomputes derived
    eGFR in the same transaction when the date of birth or sex changes)."""

    profile: Profile
    units: UnitChoices = ()
    expected: tuple[Profile, UnitChoices] | Unchecked = ANYTHING
    # How lab reports write numbers ("point", "comma", None: not set); ANYTHING leaves the
    # file's setting as it is.
    number_format: str | Unchecked | None = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        current = (repo.profile.get(), _units_now(repo, self.units))
        expect(current, self.expected, "The profile")
        format_before: str | Unchecked | None = ANYTHING
        if self.number_format is not ANYTHING:
            format_before = repo.settings.get(NUMBER_FORMAT)
            repo.settings.set_number_format(self.number_format)
        repo.profile.set(self.profile)
        for key, code in self.units:
            repo.settings.set_preferred_unit(key, code)
        saved = (repo.profile.get(), _units_now(repo, self.units))
        return SaveProfile(current[0], current[1], saved, format_before)

    def describe(self) -> str:
        return "Edit profile"


@dataclass(frozen=True)
class PutSetting(Change):
    """A preference that travels with the file (``None`` removes it)."""

    key: str
    value: str | None
    expected: str | Unchecked | None = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        current = repo.settings.get(self.key)
        expect(current, self.expected, f"The setting {self.key}")
        repo.settings.set(self.key, self.value)
        return PutSetting(self.key, current, repo.settings.get(self.key))

    def describe(self) -> str:
        return "Change setting"


@dataclass(frozen=True)
class PutReportNote(Change):
    """The notes and questions for the doctor of one report period ('' removes them)."""

    start: date
    end: date
    note: str
    expected: str | Unchecked = ANYTHING

    def carry_out(self, repo: Repository) -> Change:
        current = repo.report_notes.get(self.start, self.end)
        expect(current, self.expected, "The report notes")
        repo.report_notes.set(self.start, self.end, self.note)
        return PutReportNote(
            self.start, self.end, current, repo.report_notes.get(self.start, self.end)
        )

    def describe(self) -> str:
        return "Edit report notes"
