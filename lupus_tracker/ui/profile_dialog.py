"""Patient profile (name, date of birth, sex: the eGFR equation needs the last two), how the
person's lab reports write numbers (decimal point or comma: issue 12 item 1) and the
preferred display unit of each marker, which the whole app and the report use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.catalog import MARKERS
from lupus_tracker.domain.records import NumberFormat, Profile, Sex
from lupus_tracker.ui import theme
from lupus_tracker.ui.date_field import DateField
from lupus_tracker.ui.screen import fit_to_screen
from lupus_tracker.ui.unsaved import GuardedDialog


class ProfileDialog(GuardedDialog):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.setWindowTitle("Patient profile and units")
        profile = repo.profile.get()
        self.name = QLineEdit(profile.name)
        self.has_birth = QCheckBox("Known")
        # Typed as YYYY-MM-DD like every other date (a QDateEdit kept the old year when
        # 1992-05-10 was typed over 1990-01-01: a wrong birth date is a wrong eGFR).
        self.birth = DateField(profile.birth_date, kind="birth", optional=True)
        self.has_birth.setChecked(profile.birth_date is not None)
        self.birth.textChanged.connect(
            lambda text: self.has_birth.setChecked(True) if text.strip() else None
        )
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {theme.current().error};")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        self.sex = QComboBox()
        for label, value in (("(not given)", None), *((s.value, s) for s in Sex)):
            self.sex.addItem(label, value)
        self.sex.setCurrentIndex(max(self.sex.findData(profile.sex), 0))
        self.sex.setAccessibleName("Sex, for eGFR and sex-specific ranges")
        self.name.setAccessibleName("Name")
        self.birth.setAccessibleName("Date of birth")
        self.has_birth.setAccessibleName("Date of birth known")
        self.number_format_box = QComboBox()
        formats: tuple[tuple[str, NumberFormat | None], ...] = (
            ("Not set (1.250 is refused as ambiguous)", None),
            ("Decimal point (1.250 = 1.25; 0.62)", NumberFormat.POINT),
            ("Decimal comma (1.250 = 1250; 0,62)", NumberFormat.COMMA),
        )
        for text, chosen in formats:
            self.number_format_box.addItem(text, chosen)
        self.number_format_box.setCurrentIndex(
            max(self.number_format_box.findData(repo.settings.number_format()), 0)
        )
        # The closed box never grows with its longest choice, so the dialog fits a small
        # screen at 200 % or with a 16 pt font.
        self.number_format_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.number_format_box.setMinimumContentsLength(24)
        self.number_format_box.setAccessibleName("How your lab reports write numbers")
        self.number_format_box.setToolTip(
            "A number such as 1.250 is 1.25 with a decimal point and 1250 where the point "
            "separates thousands; the app reads it the way chosen here."
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Name:", self.name)
        form.addRow("Date of &birth:", self.birth)
        form.addRow("", self.has_birth)
        form.addRow("&Sex (for eGFR and ranges):", self.sex)
        form.addRow(
            "Lab reports write numbers with a decimal p&oint or comma:", self.number_format_box
        )
        units = QGroupBox("Show each marker in")
        units_form = QFormLayout(units)
        self.unit_boxes: dict[str, QComboBox] = {}
        for marker in MARKERS:
            family = [u for u in marker.units.units if u.family == marker.canonical_unit.family]
            if len(family) < 2:
                continue
            box = QComboBox()
            for unit in family:
                box.addItem(unit.label, unit.code)
            current = repo.settings.preferred_unit(marker).code
            box.setCurrentIndex(max(box.findData(current), 0))
            box.setAccessibleName(f"Show {marker.name} in")
            self.unit_boxes[marker.key] = box
            units_form.addRow(f"{marker.name}:", box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # Tab goes straight to the unit boxes inside (the area scrolls to each one): an
        # unnamed stop of its own was announced as an empty "filler" by a screen reader.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setAccessibleName("Units shown for each marker")
        host = QWidget()
        QVBoxLayout(host).addWidget(units)
        scroll.setWidget(host)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.error.hide()  # shown with a problem only: no empty line on a small screen
        fit_to_screen(self, 520, 600)

    def problem(self) -> str | None:
        """Why the profile cannot be saved, in one line (None: it can)."""
        if not self.has_birth.isChecked():
            return None
        if not self.birth.text().strip():
            return "Enter the birth date as YYYY-MM-DD, or untick Known."
        return self.birth.problem()

    def save_if_valid(self) -> None:
        message = self.problem()
        if message:
            self.error.setText(message)
            self.error.show()
            self.birth.setFocus()
            return
        self.accept()

    def profile(self) -> Profile:
        birth = self.birth.value() if self.has_birth.isChecked() else None
        return Profile(self.name.text().strip(), birth, self.sex.currentData())

    def number_format(self) -> NumberFormat | None:
        """The chosen number format (``None``: not set)."""
        return NumberFormat.parse(self.number_format_box.currentData())  # Qt gives a str

    def units(self) -> dict[str, str]:
        return {key: box.currentData() for key, box in self.unit_boxes.items()}
