"""Export to an Excel workbook: a readable summary sheet, one sheet per kind, and a wide
"Lab trends" sheet with one column per marker and its unit in the header.

Dates are real dates; numbers are numbers. Text never becomes a formula: every text cell
is an inline string (:mod:`xlsx_writer`, which writes the package fast enough for decades
of daily symptoms).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.domain.catalog import MARKERS, Category, get_marker
from lupus_tracker.domain.egfr import result_name
from lupus_tracker.domain.records import Source
from lupus_tracker.domain.wording import flag_text
from lupus_tracker.exchange.csv_export import rows
from lupus_tracker.exchange.files import write_private
from lupus_tracker.exchange.snapshot import read_snapshot
from lupus_tracker.exchange.xlsx_writer import Formatted, Workbook
from lupus_tracker.store.inputs import latest_records
from lupus_tracker.store.repository import Repository

SHEETS = {
    "Labs": (
        "lab",
        (
            "Date",
            "Marker",
            "Value (as printed)",
            "Unit",
            "Reference range",
            "Lab",
            "Assay",
            "Pattern",
            "Note",
            "Source",
            "Time",
            "Flag",
        ),
    ),
    "Vitals": (
        "vital",
        ("Date", "Measure", "Value", "Unit", "Reference range", "Note", "Time", "Flag"),
    ),
    "Symptoms": (
        "symptom",
        ("Date", "Symptom", "Severity (0-10)", "Kind of rash", "Where on the body", "Note"),
    ),
    "Medications": (
        "medication",
        ("Date", "Medication", "Entry", "Dose", "Dose unit", "Frequency", "Stopped on", "Note"),
    ),
    "Events": ("event", ("Date", "Kind", "Title", "Ended on", "Note")),
    "Diary": ("diary", ("Date", "Note")),
    "SLEDAI-2K": ("sledai", ("Date", "Score", "Descriptors", "PGA (0-3)", "Note")),
}
_FIELDS = {
    "lab": (
        "date",
        "item",
        "value",
        "unit",
        "ref_range",
        "lab",
        "assay",
        "pattern",
        "note",
        "source",
        "time",
        "flag",
    ),
    "vital": ("date", "item", "value", "unit", "ref_range", "note", "time", "flag"),
    "symptom": ("date", "item", "value", "location", "body_site", "note"),
    "medication": ("date", "item", "entry", "value", "unit", "frequency", "end_date", "note"),
    "event": ("date", "item", "title", "end_date", "note"),
    "diary": ("date", "note"),
    "sledai": ("date", "value", "items", "pga", "note"),
}
_DATE_FIELDS = ("date", "end_date")
_NUMBER_FIELDS = {
    ("symptom", "value"),
    ("medication", "value"),
    ("sledai", "value"),
    ("sledai", "pga"),
}


_PLAIN = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def _typed(kind: str, field: str, text: str):
    if not text:
        return None
    if field in _DATE_FIELDS:
        return date.fromisoformat(text)
    plain_vital = kind == "vital" and field == "value" and _PLAIN.match(text)
    if (kind, field) in _NUMBER_FIELDS or plain_vital:
        return float(text) if "." in text else int(text)
    return text  # a bound (<0.5), a titer or a word stays as printed


def _summary(book, repo: Repository) -> None:
    sheet = book.create_sheet("Summary")
    profile = repo.profile.get()
    sheet.append(["Lupus Tracker export", date.today()])
    sheet.append(["Patient", profile.name or "—"])
    sheet.append(["Date of birth", profile.birth_date])
    sheet.append(["Sex", profile.sex or "—"])
    sheet.append([])
    sheet.append(
        ["Marker", "Latest", "Unit", "Date", "Reference range", "Flag", "Previous", "Change"]
    )
    for row in latest_values(latest_records(repo)):
        previous = _value_cell(row.previous.value_text) if row.previous else ""
        sheet.append(
            [
                result_name(row.marker, row.latest.result.assay),
                _value_cell(row.latest.value_text),
                row.latest.unit.label,
                row.latest.day,
                row.latest.ref_text,
                flag_text(row.latest.measurement),
                previous,
                _change_cell(row),
            ]
        )


def _decimals_format(text: str) -> str:
    """The Excel number format that shows ``text``'s printed decimals (1.90 stays 1.90)."""
    decimals = len(text.partition(".")[2])
    return "0." + "0" * decimals if decimals else "0"


def _value_cell(text: str) -> Formatted | str:
    """A plain number as a number cell showing its printed decimals; a bound (<0.5), a
    titer or a word stays text."""
    if not _PLAIN.match(text):
        return text
    return Formatted(float(text) if "." in text else int(text), _decimals_format(text))


def _change_cell(row) -> Formatted | str:
    """The change as a signed number when it is one (in the latest's unit); titer steps,
    "not comparable" and "—" stay text."""
    text = row.change_text
    plain = text.removeprefix("+")
    if not row.comparable or row.change is None or not _PLAIN.match(plain):
        return text
    shown = _decimals_format(plain.lstrip("-"))
    return Formatted(float(plain) if "." in plain else int(plain), f"+{shown};-{shown};0")


def _trends(book, repo: Repository) -> None:
    """One row per date, one column per marker in its canonical unit (numbers only)."""
    sheet = book.create_sheet("Lab trends")
    markers = [m for m in MARKERS if m.category is Category.LAB and m.kind.value == "numeric"]
    sheet.append(["Date", *(f"{m.label} ({m.canonical_unit.label})" for m in markers)])
    table: dict[date, dict[str, float]] = {}
    from_lab: set[tuple[date, str]] = set()
    for r in repo.results.all([m.key for m in markers]):
        marker = get_marker(r.marker)
        if r.base_value is None or r.base_unit != marker.canonical_unit.code or r.comparator:
            continue  # bounds and other assay families stay on the Labs sheet as printed
        computed = r.source is Source.COMPUTED
        if computed and (r.taken_on, r.marker) in from_lab:
            continue  # the lab's value comes first; the computed one is on the Labs sheet
        if not computed:
            from_lab.add((r.taken_on, r.marker))
        table.setdefault(r.taken_on, {})[r.marker] = r.base_value
    for day in sorted(table):
        sheet.append([day, *(table[day].get(m.key) for m in markers)])


def export_xlsx(repo: Repository, out: Path) -> int:
    book = Workbook()
    with read_snapshot(repo):
        count = _fill(book, repo)
    write_private(out, book.save, binary=True)
    return count


def _fill(book, repo: Repository) -> int:
    _summary(book, repo)
    sheets = {}
    for title, (kind, headers) in SHEETS.items():
        sheets[kind] = book.create_sheet(title, freeze_header=True)
        sheets[kind].append(headers)
    count = 0
    for row in rows(repo):
        kind = row["kind"]
        if kind in sheets:
            sheets[kind].append([_typed(kind, f, row.get(f, "")) for f in _FIELDS[kind]])
            count += 1
    _trends(book, repo)
    return count
