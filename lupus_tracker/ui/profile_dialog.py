"""Patient profile (name, date of birth, sex: the eGFR equation needs the last two), how the
person's lab reports write numbers (decimal point or comma: issue 12 item 1) and the
preferred display unit of each marker, which the whole app and the report use."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.catalog import MARKERS
from lupus_tracker.domain.records import NumberFormat, Profile, Sex
from lupus_tracker.ui.lab_dialog import pydate, qdate
from lupus_tracker.ui.screen import fit_to_screen


class ProfileDialog(QDialog):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.setWindowTitle("Patient profile and units")
        profile = repo.profile.get()
        self.name = QLineEdit(profile.name)
        self.has_birth = QCheckBox("Known")
        self.birth = QDateEdit(qdate(profile.birth_date or date(1990, 1, 1)))
        self.birth.setDisplayFormat("yyyy-MM-dd")
        self.birth.setCalendarPopup(True)
        self.birth.setMaximumDate(qdate(date.today()))
        self.has_birth.setChecked(profile.birth_date is not None)
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
            ("Decimal comma (1.250 = 1250; 0,62)", NumberFormat.COMMA))
        for text, chosen in formats:
            self.number_format_box.addItem(text, chosen)
        self.number_format_box.setCurrentIndex(
            max(self.number_format_box.findData(repo.settings.number_format()), 0))
        # The closed box never grows with its longest choice, so the dialog fits a small
        # screen at 200 % or with a 16 pt font.
        self.number_format_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.number_format_box.setMinimumContentsLength(24)
        self.number_format_box.setAccessibleName("How your lab reports write numbers")
        self.number_format_box.setToolTip(
            "A number such as 1.250 is 1.25 with a decimal point and 1250 where the point "
            "separates thousands; the app reads it the way chosen here.")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Name:", self.name)
        form.addRow("Date of &birth:", self.birth)
        form.addRow("", self.has_birth)
        form.addRow("&Sex (for eGFR and ranges):", self.sex)
        form.addRow("Lab reports write numbers with a decimal p&oint or comma:",
                    self.number_format_box)
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
        host = QWidget()
        QVBoxLayout(host).addWidget(units)
        scroll.setWidget(host)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 520, 600)  # never taller than the screen (200 %, large fonts)

    def profile(self) -> Profile:
        birth = pydate(self.birth.date()) if self.has_birth.isChecked() else None
        return Profile(self.name.text().strip(), birth, self.sex.currentData())

    def number_format(self) -> NumberFormat | None:
        """The chosen number format (``None``: not set)."""
        return NumberFormat.parse(self.number_format_box.currentData())  # Qt gives a str

    def units(self) -> dict[str, str]:
        return {key: box.currentData() for key, box in self.unit_boxes.items()}
