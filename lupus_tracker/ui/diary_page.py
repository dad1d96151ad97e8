"""The daily symptom diary: a severity 0-10 for each symptom (the built-in ones, then the
patient's own, added with "Add your own symptom…"), what kind of rash and where on the body,
optional temperature and weight, a note, and photos. Opening a day that has entries edits
them.

What is typed stays until it is saved or the person chooses to discard it: attaching a
photo keeps the form, and changing the day (or leaving the page, or quitting) with
unsaved entries asks Save / Discard / Cancel first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.records import LabEntry, LabResult, SymptomDay, SymptomEntry
from lupus_tracker.domain.symptoms import (
    RASH_TYPES,
    SYMPTOMS,
    Symptom,
    SymptomError,
    check_body_site,
)
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.ui import theme
from lupus_tracker.ui.date_field import DateField
from lupus_tracker.ui.unsaved import Choice, ask_unsaved

NOT_LOGGED = -1
MIME_BY_SUFFIX = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".bmp": "image/bmp",
}


def thumbnail_png(data: bytes, size: int = 160) -> bytes | None:
    image = QImage.fromData(data)
    if image.isNull():
        return None
    scaled = image.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.x takes the format as str at run time; its stubs say bytes (wrong).
    scaled.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


@dataclass(frozen=True)
class VitalChange:
    """A temperature or weight typed for the day: ``before`` is the stored result (None
    when there was none), ``entry`` what to store now (None: remove it)."""

    before: LabResult | None
    entry: LabEntry | None


VITALS = (("temperature", "Cel"), ("weight", "kg"))


class DiaryPage(QWidget):
    """Emits ``save_requested(day, entries, note, vitals)`` (vitals: ``VitalChange``s); the
    window saves and records undo. Photos are saved at once (also undoable)."""

    save_requested = Signal(object, object, object, object)
    photo_added = Signal(object)
    custom_symptom_requested = Signal(str)

    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self._loaded_day = date.today()
        self._loaded_state: tuple = ()
        self._loaded_vitals: dict[str, LabResult] = {}
        self._loaded_record: SymptomDay | None = None  # the day as stored when shown
        self.day = DateField(self._loaded_day, kind="symptom")
        self.day.setAccessibleName("Day")
        self.day.textChanged.connect(self._day_typed)
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        form.addRow("D&ay:", self.day)
        severities = QGroupBox("Severity today (0 = none, 10 = worst; — = not logged)")
        column = QVBoxLayout(severities)
        grid = QFormLayout()
        column.addLayout(grid)
        for symptom in SYMPTOMS:
            grid.addRow(f"{symptom.name}:", self._new_spin(symptom))
        self.location = QComboBox()
        self.location.addItem("", None)
        for kind in RASH_TYPES:
            self.location.addItem(kind, kind)
        self.location.setAccessibleName("Kind of rash")
        self.location.setToolTip("What kind of rash: malar/butterfly, discoid or other")
        grid.addRow("&Kind of rash:", self.location)
        self.body_site = QLineEdit()
        # no setMaxLength: it would cut a pasted text silently; too long is said on save
        self.body_site.setPlaceholderText("e.g. cheeks and nose, forearms")
        self.body_site.setAccessibleName("Where on the body is the rash")
        self.body_site.setToolTip("Where on the body the rash is, in your own words")
        grid.addRow("Where on the &body:", self.body_site)
        self.custom_title = QLabel("<b>Your own symptoms:</b>")
        grid.addRow(self.custom_title)
        self.custom_grid = grid  # their rows follow, aligned with the built-in ones
        self.custom_hint = QLabel(
            "None yet. Track anything else (itching, dry eyes…) with the button below."
        )
        self.custom_hint.setWordWrap(True)
        column.addWidget(self.custom_hint)
        self.add_custom_button = QPushButton("Add yo&ur own symptom…")
        self.add_custom_button.setAccessibleName("Add your own symptom")
        self.add_custom_button.setToolTip(
            "Track a symptom that is not on the list, such as itching (0-10 like the others)"
        )
        self.add_custom_button.clicked.connect(self.ask_custom_symptom)
        column.addWidget(self.add_custom_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self.symptom_area = _scrolls_up_and_down(severities)  # fits 960×540 (200 % scaling)
        self.symptom_area.setAccessibleName("Symptoms of the day")
        self.temperature = QLineEdit()
        self.temperature.setPlaceholderText("°C, optional")
        self.weight = QLineEdit()
        self.weight.setPlaceholderText("kg, optional")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("How was the day? Anything to tell your doctor?")
        self.note.setTabChangesFocus(True)
        self.temperature.setAccessibleName("Temperature in degrees Celsius")
        self.weight.setAccessibleName("Weight in kilograms")
        self.note.setAccessibleName("Note for the day")
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {theme.current().error};")
        self.error.setWordWrap(True)
        self.save_button = save = QPushButton("Sa&ve day")
        save.setDefault(True)
        save.setToolTip("Save the day (Ctrl+S)")
        save.clicked.connect(self._save)
        # Ctrl+S belongs to this page whenever it is the page shown, the focus on the page
        # tabs too (where Ctrl+Tab leaves it). Qt never fires the shortcut of a hidden
        # widget, so it does nothing on another page. Set apart: PySide6 ignores context=
        # beside a slot (the window-wide default came silently).
        save_keys = QShortcut(QKeySequence.StandardKey.Save, self)
        save_keys.setContext(Qt.ShortcutContext.WindowShortcut)
        save_keys.activated.connect(self._save)
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QPixmap(120, 120).size())
        self.photos.setMaximumHeight(160)
        self.photos.setAccessibleName("Photos of this day")
        attach = QPushButton("Attach &photo…")
        attach.clicked.connect(self._attach)
        side = QVBoxLayout()
        side.addLayout(form)
        vitals = QFormLayout()
        vitals.addRow("&Temperature (°C):", self.temperature)
        vitals.addRow("&Weight (kg):", self.weight)
        side.addLayout(vitals)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        side.addWidget(note_label)
        side.addWidget(self.note, 1)
        side.addWidget(QLabel("Photos of this day:"))
        side.addWidget(self.photos)
        side.addWidget(attach, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.error)
        self.unsaved = QLabel()
        self.unsaved.setAccessibleName("Save state")
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.unsaved)
        bottom.addWidget(save)
        side.addLayout(bottom)
        self.location.currentIndexChanged.connect(self._show_state)
        for field in (self.temperature, self.weight, self.body_site):
            field.textChanged.connect(self._show_state)
        self.note.textChanged.connect(self._show_state)
        layout = QHBoxLayout(self)
        layout.addWidget(self.symptom_area)
        layout.addLayout(side, 1)
        self.refresh_symptoms()
        self.load()

    def _new_spin(self, symptom: Symptom) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(NOT_LOGGED, 10)
        spin.setSpecialValueText("—")
        spin.setToolTip(symptom.description)
        spin.setAccessibleName(f"{symptom.name} severity, 0 to 10")
        spin.setAccessibleDescription(symptom.description)
        spin.valueChanged.connect(self._show_state)
        self.spins[symptom.key] = spin
        return spin

    def refresh_symptoms(self) -> None:
        """Show a row for each of the patient's own symptoms; what is typed stays."""
        wanted = self.repo.diary.custom_symptoms()
        shown = [key for key in self.spins if key.startswith("custom:")]
        if [s.key for s in wanted] == shown:
            return
        typed = {key: self.spins[key].value() for key in shown}
        for key in shown:
            self.custom_grid.removeRow(self.spins.pop(key))
        for symptom in wanted:
            spin = self._new_spin(symptom)
            spin.blockSignals(True)
            spin.setValue(typed.get(symptom.key, NOT_LOGGED))
            spin.blockSignals(False)
            self.custom_grid.addRow(f"{symptom.name}:", spin)
        self.custom_hint.setVisible(not wanted)
        self._show_state()

    def focus_symptom(self, key: str) -> None:
        """Put the cursor in a symptom's severity, scrolled into view (once a new row is
        shown: Qt shows a widget added to a layout on the next turn of the event loop)."""

        def focus() -> None:
            spin = self.spins.get(key)
            if spin is not None:
                self.symptom_area.ensureWidgetVisible(spin)
                spin.setFocus(Qt.FocusReason.OtherFocusReason)
                spin.selectAll()

        QTimer.singleShot(0, self, focus)

    def ask_custom_symptom(self) -> None:
        """Ask for the name of a symptom of the patient's own; the window adds it."""
        name, ok = QInputDialog.getText(
            self,
            "Add your own symptom",
            "Name of the symptom (logged 0-10 like the others), for example itching:",
        )
        if ok and name.strip():
            self.custom_symptom_requested.emit(name)

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.load()

    def set_day(self, day: date) -> bool:
        """Show ``day``; False when the person chose to stay on unsaved entries."""
        if day != self._loaded_day and not self.may_leave():
            return False
        self.day.blockSignals(True)
        self.day.set_value(day)
        self.day.blockSignals(False)
        self._loaded_day = day
        self.load()
        return True

    def current_day(self) -> date:
        return self._loaded_day

    def _day_typed(self) -> None:
        typed = self.day.value()
        if typed is None or typed == self._loaded_day:
            return
        if not self.may_leave():
            self.day.blockSignals(True)
            self.day.set_value(self._loaded_day)
            self.day.blockSignals(False)
            return
        self._loaded_day = typed
        self.load()

    # -- unsaved entries -------------------------------------------------------------------
    def _state(self) -> tuple:
        return (
            tuple(
                sorted(
                    (key, spin.value())
                    for key, spin in self.spins.items()
                    if spin.value() != NOT_LOGGED
                )
            ),
            self.location.currentIndex(),
            self.body_site.text().strip(),
            self.temperature.text().strip(),
            self.weight.text().strip(),
            self.note.toPlainText().strip(),
        )

    def has_unsaved(self) -> bool:
        return self._state() != self._loaded_state

    def _show_state(self) -> None:
        """Say in words whether the day's entries are saved (not colour alone)."""
        if not hasattr(self, "unsaved"):
            return
        self.unsaved.setText("Not saved yet (Ctrl+S saves)" if self.has_unsaved() else "All saved")

    def may_leave(self) -> bool:
        """Ask Save / Discard / Cancel when entries are unsaved; True when it is fine to
        leave the day (saved or discarded)."""
        if not self.has_unsaved():
            return True
        choice = ask_unsaved(self, f"the entries for {self._loaded_day.isoformat()}")
        if choice is Choice.CANCEL:
            return False
        if choice is Choice.SAVE:
            self._emit_save()
            return not self.has_unsaved()  # a refused save keeps the person here
        return True

    def focus_first_symptom(self) -> None:
        first = next(iter(self.spins.values()))
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)
        first.selectAll()

    def load(self) -> None:
        """Show what is stored for the day being edited (``current_day``)."""
        self.refresh_symptoms()
        logged = self.repo.diary.day(self.current_day())
        self._loaded_record = logged
        by_key = {e.symptom: e for e in logged.entries}
        for key, spin in self.spins.items():
            spin.setValue(by_key[key].severity if key in by_key else NOT_LOGGED)
        rash = by_key.get("rash")
        self._show_rash_kind(rash.location if rash else None)
        self.body_site.setText(rash.body_site or "" if rash else "")
        self.note.setPlainText(logged.note or "")
        day = self.current_day()
        stored = self.repo.results.all([key for key, _ in VITALS], since=day, until=day)
        self._loaded_vitals = {r.marker: r for r in stored}  # the day's last of each
        for (key, _), field in zip(VITALS, (self.temperature, self.weight), strict=True):
            field.setText(self._loaded_vitals[key].value_text if key in self._loaded_vitals else "")
        self.error.clear()
        self._loaded_state = self._state()
        self._show_state()
        self.reload_photos()

    def loaded_record(self) -> SymptomDay | None:
        """The day as it was stored when the form showed it (a save is refused when the
        day on disk differs: changed by another window or program meanwhile)."""
        if self._loaded_record is None or self._loaded_record.day != self.current_day():
            return None
        return self._loaded_record

    def _show_rash_kind(self, kind: str | None) -> None:
        """Select the stored kind of rash; one written by an older version or a script
        that is not in the list is shown as it is (and kept on save), never blanked."""
        for index in range(self.location.count() - 1, len(RASH_TYPES), -1):
            self.location.removeItem(index)  # an earlier day's unlisted kind
        if kind is not None and self.location.findData(kind) < 0:
            self.location.addItem(kind, kind)
        self.location.setCurrentIndex(max(self.location.findData(kind), 0))

    def reload_photos(self) -> None:
        """Show the day's photos again; the typed entries are left as they are."""
        self.photos.clear()
        for photo in self.repo.photos.all(self.current_day(), self.current_day()):
            image = QPixmap()
            image.loadFromData(QByteArray(photo.thumbnail or photo.data))
            item = QListWidgetItem(QIcon(image), photo.caption or "")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            self.photos.addItem(item)

    def entries(self) -> list[SymptomEntry]:
        day = self.current_day()
        entries = []
        for key, spin in self.spins.items():
            if spin.value() == NOT_LOGGED:
                continue
            if key == "rash":
                entries.append(
                    SymptomEntry(
                        day,
                        key,
                        spin.value(),
                        self.location.currentData(),
                        body_site=self.body_site.text().strip() or None,
                    )
                )
            else:
                entries.append(SymptomEntry(day, key, spin.value()))
        return entries

    def vitals(self) -> list[VitalChange]:
        """The temperature and weight that differ from what is stored for the day."""
        day = self.current_day()
        changes = []
        for (key, unit), field in zip(VITALS, (self.temperature, self.weight), strict=True):
            text = field.text().strip()
            before = self._loaded_vitals.get(key)
            if text == (before.value_text if before else ""):
                continue
            entry = LabEntry(day, key, text, before.unit if before else unit) if text else None
            changes.append(VitalChange(before, entry))
        return changes

    def _save(self) -> None:
        if self.day.value() != self._loaded_day:
            self.error.setText(self.day.problem() or "Finish typing the day first.")
            return
        self._emit_save()

    def unsaveable(self) -> tuple[str, QWidget] | None:
        """Why the form cannot be saved as it is and the field to fix, or None. Nothing
        typed is ever dropped silently: a kind of rash or a place on the body needs a rash
        severity (and a place on the body is never cut short without a word)."""
        try:
            check_body_site(self.body_site.text())
        except SymptomError as error:
            length = len(" ".join(self.body_site.text().split()))
            return f"Not saved: {error} You typed {length}.", self.body_site
        if self.spins["rash"].value() != NOT_LOGGED:
            return None
        given = [
            words
            for words, filled in (
                ("a kind of rash", self.location.currentIndex() > 0),
                ("where on the body", bool(self.body_site.text().strip())),
            )
            if filled
        ]
        if not given:
            return None
        return (
            f"Not saved: {' and '.join(given)} is filled in but Rash has no severity. "
            "Set the rash severity (0-10) or clear the kind and the place.",
            self.spins["rash"],
        )

    def _emit_save(self) -> None:
        problem = self.unsaveable()
        if problem is not None:
            message, field = problem
            self.error.setText(message)
            self.symptom_area.ensureWidgetVisible(field)
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.save_requested.emit(
            self.current_day(), self.entries(), self.note.toPlainText(), self.vitals()
        )

    def _attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Attach a photo", "", "Images (*.jpg *.jpeg *.png *.webp *.gif *.bmp)"
        )
        if path:
            self.attach_file(path)

    def attach_file(self, path: str) -> None:
        from pathlib import Path

        file = Path(path)
        mime = MIME_BY_SUFFIX.get(file.suffix.lower())
        data = file.read_bytes() if file.is_file() else b""
        thumb = thumbnail_png(data) if data else None
        if mime is None or thumb is None:
            self.error.setText(
                f"{file.name} is not a picture this app can store (JPEG, PNG, WebP, GIF or BMP)."
            )
            return
        self.photo_added.emit(
            Photo(
                None,
                self.current_day(),
                data,
                mime,
                file.stem,
                "rash" if self.spins["rash"].value() > 0 else None,
                thumb,
            )
        )


def _scrolls_up_and_down(content: QWidget) -> QScrollArea:
    """``content`` in a frameless area that scrolls vertically on a short screen, never
    sideways, and takes no Tab stop of its own."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    bar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    area.setMinimumWidth(content.minimumSizeHint().width() + bar + 2)
    area.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
    return area
