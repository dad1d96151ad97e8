"""The daily symptom diary: a severity 0-10 for each symptom, where the rash is, optional
temperature and weight, a note, and photos. Opening a day that has entries edits them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.records import LabEntry, SymptomEntry
from lupus_tracker.domain.symptoms import RASH_LOCATIONS, SYMPTOMS
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.ui.lab_dialog import pydate, qdate

NOT_LOGGED = -1
MIME_BY_SUFFIX = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                  ".webp": "image/webp", ".gif": "image/gif", ".bmp": "image/bmp"}


def thumbnail_png(data: bytes, size: int = 160) -> bytes | None:
    image = QImage.fromData(data)
    if image.isNull():
        return None
    scaled = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    scaled.save(buffer, "PNG")
    return bytes(buffer.data())


class DiaryPage(QWidget):
    """Emits ``save_requested(day, entries, note, vitals)``; the window saves and records
    undo. Photos are saved at once (also undoable)."""

    save_requested = Signal(object, object, object, object)
    photo_added = Signal(object)

    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.day = QDateEdit(qdate(date.today()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(self.load)
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        form.addRow("D&ay:", self.day)
        severities = QGroupBox("Severity today (0 = none, 10 = worst; — = not logged)")
        grid = QFormLayout(severities)
        for symptom in SYMPTOMS:
            spin = QSpinBox()
            spin.setRange(NOT_LOGGED, 10)
            spin.setSpecialValueText("—")
            spin.setToolTip(symptom.description)
            self.spins[symptom.key] = spin
            grid.addRow(f"{symptom.name}:", spin)
        self.location = QComboBox()
        self.location.addItem("", None)
        for place in RASH_LOCATIONS:
            self.location.addItem(place, place)
        grid.addRow("Rash l&ocation:", self.location)
        self.temperature = QLineEdit()
        self.temperature.setPlaceholderText("°C, optional")
        self.weight = QLineEdit()
        self.weight.setPlaceholderText("kg, optional")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("How was the day? Anything to tell your doctor?")
        self.note.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a40000;")
        self.save_button = save = QPushButton("Sa&ve day")
        save.setDefault(True)
        save.clicked.connect(self._save)
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QPixmap(120, 120).size())
        self.photos.setMaximumHeight(160)
        attach = QPushButton("Attach &photo…")
        attach.clicked.connect(self._attach)
        side = QVBoxLayout()
        side.addLayout(form)
        vitals = QFormLayout()
        vitals.addRow("&Temperature:", self.temperature)
        vitals.addRow("&Weight:", self.weight)
        side.addLayout(vitals)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        side.addWidget(note_label)
        side.addWidget(self.note, 1)
        side.addWidget(QLabel("Photos of this day:"))
        side.addWidget(self.photos)
        side.addWidget(attach, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.error)
        side.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        layout = QHBoxLayout(self)
        layout.addWidget(severities)
        layout.addLayout(side, 1)
        self.load()

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.load()

    def set_day(self, day: date) -> None:
        self.day.setDate(qdate(day))
        self.load()

    def current_day(self) -> date:
        return pydate(self.day.date())

    def load(self) -> None:
        logged = self.repo.diary.day(self.current_day())
        by_key = {e.symptom: e for e in logged.entries}
        for key, spin in self.spins.items():
            spin.setValue(by_key[key].severity if key in by_key else NOT_LOGGED)
        rash = by_key.get("rash")
        self.location.setCurrentIndex(max(self.location.findData(rash.location if rash else None),
                                          0))
        self.note.setPlainText(logged.note or "")
        self.temperature.clear()
        self.weight.clear()
        self.error.clear()
        self._load_photos()

    def _load_photos(self) -> None:
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
            location = self.location.currentData() if key == "rash" else None
            entries.append(SymptomEntry(day, key, spin.value(), location))
        return entries

    def vitals(self) -> list[LabEntry]:
        day = self.current_day()
        vitals = []
        if self.temperature.text().strip():
            vitals.append(LabEntry(day, "temperature", self.temperature.text(), "Cel"))
        if self.weight.text().strip():
            vitals.append(LabEntry(day, "weight", self.weight.text(), "kg"))
        return vitals

    def _save(self) -> None:
        self.save_requested.emit(self.current_day(), self.entries(),
                                 self.note.toPlainText(), self.vitals())

    def _attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Attach a photo", "", "Images (*.jpg *.jpeg *.png *.webp *.gif *.bmp)")
        if path:
            self.attach_file(path)

    def attach_file(self, path: str) -> None:
        from pathlib import Path

        file = Path(path)
        mime = MIME_BY_SUFFIX.get(file.suffix.lower())
        data = file.read_bytes() if file.is_file() else b""
        thumb = thumbnail_png(data) if data else None
        if mime is None or thumb is None:
            self.error.setText(f"{file.name} is not a picture this app can store "
                               "(JPEG, PNG, WebP, GIF or BMP).")
            return
        self.photo_added.emit(Photo(None, self.current_day(), data, mime, file.stem,
                                    "rash" if self.spins["rash"].value() > 0 else None, thumb))
