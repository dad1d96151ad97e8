"""Every change a user makes, carried out through the repository and recorded on the
window's undo stack (each with its exact reverse)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from lupus_tracker.domain.records import Event, LabResult, Medication
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.ui.lab_dialog import LabReportDialog
from lupus_tracker.ui.treatment_dialogs import DoseDialog, EventDialog, MedicationDialog, StopDialog
from lupus_tracker.ui.undo import DoneCommand

if TYPE_CHECKING:
    from lupus_tracker.ui.main_window import MainWindow


class ChangeActions:
    def __init__(self, window: MainWindow):
        self.window = window

    @property
    def repo(self):
        return self.window.repo

    def _push(self, text: str, undo, redo) -> None:
        self.window.undo_stack.push(DoneCommand(text, undo, redo))

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self.window, "Lupus Tracker", question)
        return answer == QMessageBox.StandardButton.Yes

    # -- lab results ------------------------------------------------------------------
    def add_lab_report(self) -> None:
        dialog = LabReportDialog(self.repo, self.window)
        if self.window.exec_dialog(dialog):
            self.save_lab_report(dialog.entries())

    def save_lab_report(self, entries) -> list[LabResult] | None:
        saved = self.window.attempt("save the lab report",
                                    lambda: self.repo.results.add_many(entries))
        if saved:
            self._push(f"Add lab report ({len(saved)} results)",
                       lambda: [self.repo.results.delete(r.id) for r in saved],
                       lambda: [self.repo.results.restore(r) for r in saved])
        return saved

    def edit_result(self, result: LabResult) -> None:
        dialog = LabReportDialog(self.repo, self.window, result.taken_on)
        dialog.setWindowTitle("Edit lab result")
        row = dialog.rows[0]
        for extra in dialog.rows[1:]:
            dialog.remove_row(extra)
        row.marker.setCurrentIndex(row.marker.findData(result.marker))
        row.unit.setCurrentIndex(max(row.unit.findData(result.unit), 0))
        row.value.setText(result.value_text)
        row.range.setText(result.ref_range or "")
        row.assay.setText(result.assay or "")
        row.pattern.setText(result.pattern or "")
        dialog.lab.setText(result.lab or "")
        if self.window.exec_dialog(dialog):
            (entry,) = dialog.entries()
            self.update_result(result, replace(entry, note=result.note, source=result.source))

    def update_result(self, before: LabResult, entry) -> None:
        after = self.window.attempt("change the result",
                                    lambda: self.repo.results.update(before.id, entry))
        if after is not None:
            self._push("Edit lab result", lambda: self.repo.results.restore(before),
                       lambda: self.repo.results.restore(after))

    def delete_result(self, result: LabResult) -> None:
        gone = self.window.attempt("delete the result",
                                   lambda: self.repo.results.delete(result.id))
        if gone is not None:
            self._push("Delete lab result", lambda: self.repo.results.restore(gone),
                       lambda: self.repo.results.delete(gone.id))

    # -- diary --------------------------------------------------------------------------
    def save_day(self, day, entries, note, vitals) -> None:
        def save():
            with self.repo.db.transaction():
                added = self.repo.results.add_many(vitals) if vitals else []
                return self.repo.diary.save_day(day, entries, note), added

        done = self.window.attempt("save the day", save)
        if done is None:
            return
        before, added = done
        after = self.repo.diary.day(day)

        def undo():
            with self.repo.db.transaction():
                for r in added:
                    self.repo.results.delete(r.id)
                self.repo.diary.save_day(day, before.entries, before.note)

        def redo():
            with self.repo.db.transaction():
                for r in added:
                    self.repo.results.restore(r)
                self.repo.diary.save_day(day, after.entries, after.note)

        self._push(f"Save diary for {day.isoformat()}", undo, redo)
        self.window.diary.load()

    def add_photo(self, photo: Photo) -> None:
        saved = self.window.attempt("attach the photo", lambda: self.repo.photos.add(photo))
        if saved is not None:
            self._push("Attach photo", lambda: self.repo.photos.delete(saved.id),
                       lambda: self.repo.photos.add(saved))
            self.window.diary.load()

    # -- medications --------------------------------------------------------------------
    def add_medication(self) -> None:
        dialog = MedicationDialog(self.window)
        if self.window.exec_dialog(dialog):
            saved = self.window.attempt("add the medication",
                                        lambda: self.repo.treatments.add(dialog.medication()))
            if saved is not None:
                self._push(f"Add {saved.name}", lambda: self.repo.treatments.delete(saved.id),
                           lambda: self.repo.treatments.add(saved))

    def _replace_medication(self, text: str, before: Medication, change) -> None:
        after = self.window.attempt(text.lower(), change)
        if after is not None:
            self._push(text, lambda: self.repo.treatments.replace(before),
                       lambda: self.repo.treatments.replace(after))

    def change_dose(self, medication: Medication) -> None:
        dialog = DoseDialog(medication, self.window)
        if self.window.exec_dialog(dialog):
            self._replace_medication(f"Change dose of {medication.name}", medication,
                                     lambda: self.repo.treatments.change_dose(medication.id,
                                                                          dialog.dose()))

    def stop_medication(self, medication: Medication) -> None:
        dialog = StopDialog(medication, self.window)
        if self.window.exec_dialog(dialog):
            self._replace_medication(
                f"Stop {medication.name}", medication,
                lambda: self.repo.treatments.stop(medication.id, dialog.stopped_on()))

    def delete_medication(self, medication: Medication) -> None:
        if not self._confirm(f"Delete {medication.name} and its whole dose history? "
                             "(Edit › Undo brings it back.)"):
            return
        gone = self.window.attempt("delete the medication",
                                   lambda: self.repo.treatments.delete(medication.id))
        if gone is not None:
            self._push(f"Delete {gone.name}", lambda: self.repo.treatments.add(gone),
                       lambda: self.repo.treatments.delete(gone.id))

    # -- events -------------------------------------------------------------------------
    def add_event(self) -> None:
        dialog = EventDialog(self.window)
        if self.window.exec_dialog(dialog):
            saved = self.window.attempt("add the event",
                                        lambda: self.repo.events.add(dialog.current_event()))
            if saved is not None:
                self._push(f"Add {saved.kind.label.lower()}",
                           lambda: self.repo.events.delete(saved.id),
                           lambda: self.repo.events.add(saved))

    def edit_event(self, event: Event) -> None:
        dialog = EventDialog(self.window, event)
        if self.window.exec_dialog(dialog):
            after = self.window.attempt("change the event",
                                        lambda: self.repo.events.update(dialog.current_event()))
            if after is not None:
                self._push("Edit event", lambda: self.repo.events.update(event),
                           lambda: self.repo.events.update(after))

    def delete_event(self, event: Event) -> None:
        gone = self.window.attempt("delete the event", lambda: self.repo.events.delete(event.id))
        if gone is not None:
            self._push("Delete event", lambda: self.repo.events.add(gone),
                       lambda: self.repo.events.delete(gone.id))

    # -- profile ------------------------------------------------------------------------
    def edit_profile(self) -> None:
        from lupus_tracker.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.repo, self.window)
        if self.window.exec_dialog(dialog):
            before = (self.repo.profile.get(), dialog.units_before)
            after = self.window.attempt("save the profile", dialog.save)
            if after is not None:
                self._push("Edit profile", lambda: dialog.restore(*before),
                           lambda: dialog.restore(*after))

    # -- insight ------------------------------------------------------------------------
    def sledai(self) -> None:
        from lupus_tracker.ui.sledai_dialog import SledaiDialog

        dialog = SledaiDialog(self.repo, parent=self.window)
        if self.window.exec_dialog(dialog):
            self.save_sledai(dialog.assessment())

    def save_sledai(self, assessment) -> None:
        before = self.window.attempt("save the SLEDAI-2K", lambda: (
            self.repo.sledai.get(assessment.visit_on), self.repo.sledai.save(assessment))[0])
        if before is None and self.repo.sledai.get(assessment.visit_on) is None:
            return

        def undo():
            if before is None:
                self.repo.sledai.delete(assessment.visit_on)
            else:
                self.repo.sledai.save(before)

        self._push(f"SLEDAI-2K for {assessment.visit_on.isoformat()}", undo,
                   lambda: self.repo.sledai.save(assessment))

    def treatment_response(self) -> None:
        from lupus_tracker.ui.response_view import ResponseView

        ResponseView(self.repo, self.window).exec()

    def recompute_egfr(self) -> None:
        from lupus_tracker.analysis.derived_egfr import refresh_derived_egfr

        count = self.window.attempt("recompute eGFR", lambda: refresh_derived_egfr(self.repo))
        if count is not None:
            self.window.statusBar().showMessage(
                f"{count} eGFR values computed (CKD-EPI 2021) from creatinine; they are "
                "marked as computed.", 8000)
