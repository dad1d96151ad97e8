"""A photo viewer: a photo enlarged, previous/next across days, and two photos side by side
to compare a rash over time. Opened with Enter or a double-click on a photo."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.ui.screen import fit_to_screen


def photo_title(photo) -> str:
    parts = [photo.day.isoformat(), photo.caption or "", photo.symptom or ""]
    return " — ".join(p for p in parts if p)


class _Pane:
    """One picture with its date and caption."""

    def __init__(self, name: str):
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(320, 240)
        self.image.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image.setAccessibleName(name)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.pixmap = QPixmap()

    def show_photo(self, photo) -> None:
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(QByteArray(photo.data))
        self.title.setText(photo_title(photo))
        self.image.setAccessibleDescription(photo_title(photo))
        self.fit()

    def fit(self) -> None:
        if self.pixmap.isNull():
            self.image.setText("This picture cannot be shown.")
            return
        self.image.setPixmap(
            self.pixmap.scaled(
                self.image.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class _ListKeysStay(QObject):
    """Gives a combo box its own PgUp/PgDown before the viewer's window-wide shortcuts
    (which step the main photo) take them."""

    def __init__(self, combo: QComboBox):
        super().__init__(combo)
        combo.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        ):
            event.accept()  # the key goes to the combo box as a key press
        return False


class PhotoViewer(QDialog):
    """Every photo of the file in date order; ``index`` is the one shown first."""

    def __init__(self, photos: list, index: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Photos")
        self.photos = photos
        self.index = max(0, min(index, len(photos) - 1))
        self.main = _Pane("Photo")
        self.other = _Pane("Photo to compare with")
        self.previous_button = QPushButton("← &Previous")
        self.next_button = QPushButton("&Next →")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.position = QLabel()
        self.compare = QCheckBox("&Compare side by side with:")
        self.compare_with = QComboBox()
        self.compare_with.setAccessibleName("Photo to compare with")
        for photo in photos:
            self.compare_with.addItem(photo_title(photo))
        self.compare_with.setCurrentIndex(0)
        self.compare.toggled.connect(self._update)
        self.compare_with.currentIndexChanged.connect(self._update)
        grid = QGridLayout()
        grid.addWidget(self.main.image, 0, 0)
        grid.addWidget(self.main.title, 1, 0)
        grid.addWidget(self.other.image, 0, 1)
        grid.addWidget(self.other.title, 1, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.position)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.compare)
        bar.addWidget(self.compare_with)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addLayout(bar)
        layout.addWidget(buttons)
        for key, step in (("Left", -1), ("Right", 1), ("PgUp", -1), ("PgDown", 1)):
            QShortcut(QKeySequence(key), self, lambda s=step: self.step(s))
        # PgUp/PgDown in the list of photos to compare with move that list, as in any list
        self._list_keys = _ListKeysStay(self.compare_with)
        fit_to_screen(self, 1000, 680)
        self._update()

    def step(self, by: int) -> None:
        if self.photos:
            self.index = max(0, min(self.index + by, len(self.photos) - 1))
            self._update()

    def _update(self) -> None:
        if not self.photos:
            self.position.setText("No photos yet: attach one on the Symptoms page.")
            return
        self.main.show_photo(self.photos[self.index])
        self.position.setText(f"{self.index + 1} of {len(self.photos)}")
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.photos) - 1)
        comparing = self.compare.isChecked()
        self.other.image.setVisible(comparing)
        self.other.title.setVisible(comparing)
        self.compare_with.setEnabled(comparing)
        if comparing:
            self.other.show_photo(self.photos[self.compare_with.currentIndex()])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for pane in (self.main, self.other):
            if not pane.pixmap.isNull():
                pane.fit()
