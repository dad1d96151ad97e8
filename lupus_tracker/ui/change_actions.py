"""Every change a user makes: a dialog gathers it, the store carries it out as one change
object in one transaction (:mod:`lupus_tracker.store.changes`), and the window's undo
history records the inverse the store returned. Nothing here writes to the database
itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from lupus_tracker.domain.catalog import UnknownMarkerError, get_marker, unit_display
from lupus_tracker.domain.egfr import result_name
from lupus_tracker.domain.records import (
    Event,
    LabEntry,
    LabResult,
    Medication,
    Source,
    SymptomDay,
    SymptomEntry,
)
from lupus_tracker.store.changes import ANYTHING, Change, Unchecked
from lupus_tracker.store.diary_changes import (
    AddCustomSymptom,
    AddPhoto,
    DayChangedError,
    SaveDay,
)
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.store.record_changes import PutReportNote, PutSetting, SaveProfile, SaveSledai
from lupus_tracker.store.result_changes import AddResults, DeleteResults, UpdateResult
from lupus_tracker.store.sledai_repo import SledaiAssessment
from lupus_tracker.store.treatment_changes import (
    AddEvent,
    AddMedication,
    ChangeDose,
    DeleteEvent,
    DeleteMedication,
    PutEvent,
    StopMedication,
)

if TYPE_CHECKING:  # dialogs are imported when first opened, not while the window opens
    from lupus_tracker.ui.diary_page import VitalChange
    from lupus_tracker.ui.main_window import MainWindow
    from lupus_tracker.ui.treatment_dialogs import MedicationDialog


def _vital_change(vital: VitalChange) -> Change:
    """A temperature or weight typed in the diary as a change to its stored result."""
    if vital.before is None:
        assert vital.entry is not None
        return AddResults((vital.entry,))
    if vital.entry is None:
        return DeleteResults((vital.before.id,), (vital.before,))
    return UpdateResult(vital.before.id, vital.entry, vital.before)


def _day_words(day: SymptomDay) -> str:
    """A stored day in a few words ("fatigue 7, joint_pain 3; a note")."""
    words = ", ".join(f"{e.symptom.removeprefix('custom:')} {e.severity}" for e in day.entries)
    if day.note:
        words = f"{words}; a note" if words else "a note"
    return words or "nothing"


def _result_words(result: LabResult) -> str:
    """A result as the user reads it: the marker's name and the unit as displayed
    ("Complement C3 0.78 g/L of 2026-11-20"), never the internal keys."""
    try:
        name = result_name(get_marker(result.marker), result.assay)
    except UnknownMarkerError:
        name = result.marker
    unit = unit_display(result.marker, result.unit)
    return f"{name} {result.value_text} {unit} of {result.taken_on.isoformat()}"


class ChangeActions:
    def __init__(self, window: MainWindow):
        self.window = window

    @property
    def repo(self):
        return self.window.repo

    def apply(self, what: str, change: Change, history_text: str | None = None) -> bool:
        """Carry out ``change`` and record its inverse for Undo (under ``history_text``
        when given, else the change's own description); a failed change is explained and
        records nothing. Returns whether it was done."""
        outcome = self.window.attempt(what, lambda: change.apply(self.repo))
        if not outcome.ok:
            return False
        assert isinstance(outcome.value, Change)
        self._record(change, outcome.value, history_text)
        return True

    def _record(self, change: Change, inverse: Change, history_text: str | None = None) -> None:
        text = history_text or change.describe()
        self.window.undo_stack.push(text, inverse)
        # Every saved action confirms (a delete or a diary day says more, just after).
        self.window.statusBar().showMessage(f"Done: {text}. Ctrl+Z undoes it.", 10000)

    def _deleted(self, what: str) -> None:
        """One delete behaviour everywhere: no question, an undo and a status-bar line."""
        self.window.statusBar().showMessage(f"Deleted {what} — Undo (Ctrl+Z)", 10000)

    # -- lab results ------------------------------------------------------------------
    def add_lab_report(self) -> None:
        from lupus_tracker.ui.lab_dialog import LabReportDialog

        dialog = LabReportDialog(self.repo, self.window)
        if self.window.exec_dialog(dialog):
            entries = dialog.entries()
            if self.save_lab_report(entries):
                self.ask_profile_if_needed([e.marker for e in entries])

    def save_lab_report(self, entries: list[LabEntry]) -> bool:
        return self.apply("save the lab report", AddResults(tuple(entries)))

    def edit_result(self, result: LabResult) -> None:
        from lupus_tracker.ui.lab_dialog import LabReportDialog

        dialog = LabReportDialog(self.repo, self.window, result.taken_on)
        dialog.load_result(result)
        if self.window.exec_dialog(dialog):
            (entry,) = dialog.entries()
            self.update_result(result, replace(entry, note=result.note, source=result.source))

    def update_result(self, before: LabResult, entry: LabEntry) -> bool:
        return self.apply("change the result", UpdateResult(before.id, entry, before))

    def delete_result(self, result: LabResult) -> bool:
        what = _result_words(result)
        if not self.apply(
            "delete the result", DeleteResults((result.id,), (result,)), f"Delete {what}"
        ):
            return False
        self._deleted(what)
        return True

    # -- diary --------------------------------------------------------------------------
    def save_day(
        self, day: date, entries: list[SymptomEntry], note: str | None, vitals: list[VitalChange]
    ) -> None:
        """Save a diary day with its changed temperature/weight (added, corrected or
        cleared) as one change. The store refuses when the day on disk is no longer the day
        the form showed (another window or program wrote it): the person is asked whether
        to reload it, overwrite it, or cancel — entries never seen are never deleted."""
        diary = self.window.diary
        loaded = diary.loaded_record()
        if loaded is not None and loaded.day != day:  # a day the form does not show
            loaded = None
        vital_changes = tuple(_vital_change(v) for v in vitals)
        change = SaveDay(day, tuple(entries), note, vital_changes, loaded or ANYTHING)

        def save() -> Change | DayChangedError:
            try:
                return change.apply(self.repo)
            except DayChangedError as conflict:
                return conflict

        outcome = self.window.attempt("save the day", save)
        if not outcome.ok:
            return
        if isinstance(outcome.value, DayChangedError):
            found = outcome.value.found
            if not self._overwrite_changed_day(found):
                return
            change = SaveDay(day, tuple(entries), note, vital_changes, found)
            outcome = self.window.attempt("save the day", lambda: change.apply(self.repo))
            if not outcome.ok:
                return
        assert isinstance(outcome.value, Change)
        self._record(change, outcome.value)
        diary.load()
        self.window.statusBar().showMessage(f"Saved the diary for {day.isoformat()}.", 6000)

    def _overwrite_changed_day(self, found: SymptomDay) -> bool:
        """The day was changed elsewhere: Reload (show it, the typed entries are dropped),
        Overwrite (save the typed entries over it) or Cancel (keep typing). True to
        overwrite."""
        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Diary changed elsewhere",
            f"The diary of {found.day.isoformat()} was changed in another window or program "
            f"since it was shown; it now holds: {_day_words(found)}.\n\n"
            "Reload: show it as it is now (your typed entries are dropped). "
            "Overwrite: save your entries instead, replacing it. "
            "Cancel: keep your entries on screen, nothing is saved.",
            buttons.Cancel,
            self.window,
        )
        reload = box.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(reload)
        box.setAccessibleName("Diary changed elsewhere")
        self.window.exec_dialog(box)
        clicked = box.clickedButton()
        if clicked is reload:
            self.window.diary.load()
            self.window.statusBar().showMessage(
                f"Reloaded the diary for {found.day.isoformat()}; nothing was saved.", 8000
            )
            return False
        return clicked is overwrite

    def add_custom_symptom(self, name: str) -> bool:
        """Add a symptom of the patient's own; the diary shows its row at once (typed
        entries stay) and focuses it."""
        if not self.apply("add the symptom", AddCustomSymptom(name)):
            return False
        diary = self.window.diary
        diary.refresh_symptoms()
        added = self.repo.diary.find_custom(name)
        if added is not None:
            diary.focus_symptom(added.key)
            self.window.statusBar().showMessage(
                f"Added {added.name} to your symptoms — Undo (Ctrl+Z)", 8000
            )
        return True

    def add_photo(self, photo: Photo) -> None:
        if self.apply("attach the photo", AddPhoto(photo)):
            self.window.diary.reload_photos()  # the typed, unsaved entries stay as they are

    # -- medications --------------------------------------------------------------------
    def add_medication(self) -> None:
        from lupus_tracker.ui.treatment_dialogs import MedicationDialog

        dialog = MedicationDialog(self.window)
        if self.window.exec_dialog(dialog) and not self._is_dose_change(dialog):
            self.apply("add the medication", AddMedication(dialog.medication()))

    def _is_dose_change(self, dialog: MedicationDialog) -> bool:
        """A second active medication of the same name: ask whether it is a dose change.
        True when handled here (recorded as a dose change, or cancelled)."""
        new = dialog.medication()
        same = [
            m
            for m in self.repo.treatments.all()
            if m.name.casefold() == new.name.casefold() and m.stopped_on is None
        ]
        if not same or same[0].id is None:
            return False
        current = same[0]
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window,
            "Already taking this medication",
            f"{current.name} is already recorded as taken since "
            f"{current.started_on.isoformat()}. Is this a dose change of it, from "
            f"{new.started_on.isoformat()}?\n\nYes: record a dose change. No: add a second, "
            "separate medication of the same name.",
            buttons.Yes | buttons.No | buttons.Cancel,
            buttons.Yes,
        )
        if answer == buttons.No:
            return False
        if answer == buttons.Yes and new.doses:
            self.apply(
                "change the dose", ChangeDose(current.id, new.doses[0], current.name, current)
            )
        return True

    def change_dose(self, medication: Medication) -> None:
        from lupus_tracker.ui.treatment_dialogs import DoseDialog

        dialog = DoseDialog(medication, self.window)
        if self.window.exec_dialog(dialog) and medication.id is not None:
            self.apply(
                "change the dose",
                ChangeDose(medication.id, dialog.dose(), medication.name, medication),
            )

    def stop_medication(self, medication: Medication) -> None:
        from lupus_tracker.ui.treatment_dialogs import StopDialog

        dialog = StopDialog(medication, self.window)
        if self.window.exec_dialog(dialog) and medication.id is not None:
            self.apply(
                "stop the medication",
                StopMedication(
                    medication.id, dialog.stopped_on(), medication.name, dialog.note(), medication
                ),
            )

    def delete_medication(self, medication: Medication) -> None:
        if medication.id is not None and self.apply(
            "delete the medication", DeleteMedication(medication.id, medication)
        ):
            self._deleted(f"{medication.name} and its dose history")

    # -- events -------------------------------------------------------------------------
    def add_event(self) -> None:
        from lupus_tracker.ui.treatment_dialogs import EventDialog

        dialog = EventDialog(self.window)
        if self.window.exec_dialog(dialog):
            self.apply("add the event", AddEvent(dialog.current_event()))

    def edit_event(self, event: Event) -> None:
        from lupus_tracker.ui.treatment_dialogs import EventDialog

        dialog = EventDialog(self.window, event)
        if self.window.exec_dialog(dialog):
            self.apply("change the event", PutEvent(dialog.current_event(), event))

    def delete_event(self, event: Event) -> None:
        if event.id is not None and self.apply("delete the event", DeleteEvent(event.id, event)):
            self._deleted(f"the {event.kind.label.lower()} of {event.occurred_on.isoformat()}")

    # -- profile and report notes -------------------------------------------------------
    def edit_profile(self) -> None:
        from lupus_tracker.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.repo, self.window)
        if self.window.exec_dialog(dialog):
            chosen = dialog.number_format()
            self.apply(
                "save the profile",
                SaveProfile(
                    dialog.profile(),
                    tuple(dialog.units().items()),
                    number_format=None if chosen is None else chosen.value,
                ),
            )

    def ask_profile_if_needed(self, marker_keys: list[str]) -> None:
        """Ask once for sex and date of birth when these results need them (issue 12
        item 3); "Not now" is remembered in the file."""
        from lupus_tracker.ui.profile_prompt import ask_once, should_ask

        reason = should_ask(self.repo, marker_keys)
        if reason and ask_once(self.repo, reason, self.window):
            self.edit_profile()

    def ask_profile_after_import(self) -> None:
        """After an import: ask once when the file now holds results that need sex and date
        of birth (issue 12 item 3)."""
        from lupus_tracker.domain.profile_question import PROFILE_MARKERS

        present = {r.marker for r in self.repo.results.all(markers=list(PROFILE_MARKERS))}
        self.ask_profile_if_needed(sorted(present))

    def enter_profile_from_prompt(self) -> None:
        """The dashboard's question answered "Enter": the profile opens, and the question is
        not put again in this file."""
        from lupus_tracker.ui.profile_prompt import ASKED, remember

        remember(self.repo, ASKED)
        self.edit_profile()

    def save_setting(self, key: str, value: str | None) -> bool:
        """Change a preference stored in the file (undoable)."""
        return self.apply("change the setting", PutSetting(key, value))

    def save_report_note(self, start: date, end: date, note: str) -> bool:
        """Save the notes for a report period when they changed (undoable)."""
        if self.repo.report_notes.get(start, end) == note.strip():
            return True
        return self.apply("save the report notes", PutReportNote(start, end, note))

    # -- insight ------------------------------------------------------------------------
    def sledai(self) -> None:
        from lupus_tracker.ui.sledai_dialog import SledaiDialog

        dialog = SledaiDialog(self.repo, parent=self.window, save=self.save_sledai)
        if self.window.exec_dialog(dialog):
            self.save_sledai(dialog.assessment(), dialog.loaded_assessment)

    def save_sledai(
        self,
        assessment: SledaiAssessment,
        expected: SledaiAssessment | Unchecked | None = ANYTHING,
    ) -> bool:
        """Save an assessment; ``expected``: the one stored for the visit when the dialog
        showed it (refused when another window or program changed it meanwhile)."""
        return self.apply("save the SLEDAI-2K", SaveSledai(assessment, expected))

    def treatment_response(self) -> None:
        from lupus_tracker.ui.response_view import ResponseView

        ResponseView(self.repo, self.window).exec()

    def recompute_egfr(self) -> None:
        before = self._computed_egfr()
        outcome = self.window.attempt("recompute eGFR", self.repo.results.refresh_egfr)
        if outcome.ok:
            self.window.statusBar().showMessage(
                egfr_change_text(before, self._computed_egfr()), 8000
            )

    def _computed_egfr(self) -> dict[date, str]:
        return {
            r.taken_on: r.value_text
            for r in self.repo.results.all(["egfr"])
            if r.source == Source.COMPUTED
        }


def _count(number: int, what: str) -> str:
    return f"{number} {what}" if number == 1 else f"{number} {what}s"


def egfr_change_text(before: dict[date, str], after: dict[date, str]) -> str:
    """What a recompute changed, in words (it said "1 eGFR values computed" when nothing
    had changed)."""
    added = len(after.keys() - before.keys())
    removed = len(before.keys() - after.keys())
    changed = sum(1 for day in after.keys() & before.keys() if after[day] != before[day])
    total = _count(len(after), "computed eGFR value")
    if not (added or removed or changed):
        return f"eGFR already up to date: nothing changed ({total})."
    parts = [
        f"{added} added" if added else "",
        f"{changed} changed" if changed else "",
        f"{removed} removed" if removed else "",
    ]
    return (
        f"eGFR recomputed from creatinine (CKD-EPI 2021; under 18 the bedside Schwartz "
        f"equation, with a height): {', '.join(p for p in parts if p)}; {total} now, marked "
        "as computed."
    )
