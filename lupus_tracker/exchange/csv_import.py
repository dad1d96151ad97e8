"""Read a Lupus Tracker CSV (our own export, or one a user made in that layout) into an
import plan. Any malformed row refuses the whole file with a message naming the row."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from lupus_tracker.domain.catalog import Marker, UnknownMarkerError, get_marker
from lupus_tracker.domain.dates import DateParseError, parse_date
from lupus_tracker.domain.entry import check_entry, check_event_text
from lupus_tracker.domain.ranges import RefRange, parse_range, ranges_disagree
from lupus_tracker.domain.records import (
    Dose,
    Event,
    EventKind,
    InvalidEntryError,
    LabEntry,
    Medication,
    NumberFormat,
    Profile,
    Sex,
    Source,
)
from lupus_tracker.domain.symptoms import SymptomError
from lupus_tracker.domain.treat_to_target import check_pga
from lupus_tracker.domain.values import ValueParseError, parse_number
from lupus_tracker.exchange.csv_format import (
    COLUMNS,
    DATABASE_ITEM,
    KINDS,
    NUMBER_FORMAT_ITEM,
    REQUIRED,
    restore,
)
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.options import ImportOptions
from lupus_tracker.exchange.plan import ImportPlan, Skipped
from lupus_tracker.exchange.preview import marker_label
from lupus_tracker.exchange.textfile import read_text
from lupus_tracker.exchange.unit_required import NO_UNIT, number_without_unit
from lupus_tracker.store.diary_repo import checked_symptom
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.store.sledai_repo import SledaiAssessment

csv.field_size_limit(64 * 1024 * 1024)  # photos travel as base64 in one cell


def _header(reader) -> list[str]:
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        raise ExchangeError("The CSV file is empty.") from None
    seen = set()
    for name in header:
        if name in seen:
            raise ExchangeError(f"The CSV header has the column {name!r} twice.")
        seen.add(name)
    missing = [c for c in REQUIRED if c not in seen]
    if missing:
        raise ExchangeError(
            f"The CSV header lacks the column(s) {', '.join(missing)}; a "
            f"Lupus Tracker CSV starts with {','.join(REQUIRED)}."
        )
    return header


_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _number(text: str, what: str, number_format: NumberFormat | None = None) -> float | None:
    if not text:
        return None
    try:
        comparator, number = parse_number(text, number_format)
    except ValueParseError as error:
        raise ValueParseError(f"column {what}: {error}") from None
    if comparator is not None:
        raise ValueParseError(f"{what} must be a plain number, not {text!r}")
    return number


def _known_marker(key: str) -> Marker | None:
    try:
        return get_marker(key)
    except UnknownMarkerError:
        return None  # check_entry names the unknown marker


def _opt_date(text: str, what: str) -> date | None:
    return parse_date(text, what=what) if text else None


class _Reader:
    def __init__(self, plan: ImportPlan):
        self.plan = plan
        self.courses: dict[str, Medication] = {}
        self.doses: dict[str, list[Dose]] = {}
        self.sex: Sex | None = None
        self.days: dict[str, date] = {}
        self.number_format: NumberFormat | None = None  # as the file's own row declares
        self.comma_separated = True
        self.number = 0  # the row being read
        self.today = date.today()  # one "today" for the file: no symptom after it
        self.handlers = {kind: getattr(self, f"_{kind}") for kind in KINDS}

    @property
    def where(self) -> str:
        return f"row {self.number}"

    def row(self, row: dict[str, str], number: int = 0) -> None:
        self.number = number
        handler = self.handlers.get(row["kind"])
        if handler is None:
            kind = row["kind"]
            raise ExchangeError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        handler(row)

    def _day(self, row: dict[str, str]) -> date:
        text = row["date"]
        if not text:
            raise DateParseError("the date is missing")
        day = self.days.get(text)
        if day is None:  # each day is read once: a diary has ten rows a day
            day = self.days[text] = parse_date(text)
        return day

    def _lab(self, row: dict[str, str]) -> None:
        ref = row.get("ref_range") or None
        if row["ref_low"] or row["ref_high"]:
            limits = RefRange(
                _number(row["ref_low"], "ref_low", self.number_format),
                _number(row["ref_high"], "ref_high", self.number_format),
            )
            try:
                words = get_marker(row["item"]).words
            except UnknownMarkerError:
                words = ()  # check_entry below names the unknown marker
            printed = parse_range(ref, words) if ref else None
            disagree = ranges_disagree(printed, limits) if printed is not None else ""
            if disagree:
                raise InvalidEntryError(f"{disagree}; correct one of them")
            ref = ref or limits.text()
        source = Source(row.get("source") or "imported")
        time = row.get("time") or None
        if time is not None and not _TIME.match(time):
            raise InvalidEntryError(f"the time {time!r} is not written as HH:MM")
        marker = _known_marker(row["item"])
        if marker is not None and number_without_unit(
            marker, row["value"], row["unit"], self.number_format
        ):
            self.plan.skipped.append(
                Skipped(self.where, f"{marker_label(row['item'])} {row['value']}: {NO_UNIT}")
            )
            return
        entry = LabEntry(
            self._day(row),
            row["item"],
            row["value"],
            row["unit"] or None,
            ref,
            row["lab"] or None,
            row.get("assay") or None,
            row.get("pattern") or None,
            row["note"] or None,
            source,
            number_format=self.number_format,
            taken_at=time,
            source_id=row.get("source_id") or None,
        )
        self.plan.measurements[entry] = check_entry(entry, self.sex)
        record_id = row.get("record_id") or ""
        if record_id.isascii() and record_id.isdigit():
            self.plan.own_ids[entry] = int(record_id)
        self.plan.results.append(entry)

    _vital = _lab

    def _symptom(self, row: dict[str, str]) -> None:
        value = row["value"]
        if not (value.isascii() and value.isdigit()):
            raise SymptomError(f"severity must be a whole number 0-10, not {value!r}")
        self.plan.symptoms.append(
            checked_symptom(
                self._day(row),
                row["item"],
                int(value),
                row.get("location") or None,
                row["note"] or None,
                row.get("body_site") or None,
                self.today,
            )
        )

    def _diary(self, row: dict[str, str]) -> None:
        self.plan.diary_notes.append((self._day(row), row["note"]))

    def _medication(self, row: dict[str, str]) -> None:
        key = row.get("record_id") or row["item"].casefold()
        if row.get("entry", "dose") == "course":
            self.courses[key] = Medication(
                None,
                row["item"],
                self._day(row),
                _opt_date(row.get("end_date", ""), "end_date"),
                row["note"] or None,
            )
        else:
            self.doses.setdefault(key, []).append(
                Dose(
                    self._day(row),
                    _number(row["value"], "dose", self.number_format),
                    row["unit"] or None,
                    row.get("frequency") or None,
                    row["note"] or None,
                )
            )
            self.courses.setdefault(key, Medication(None, row["item"], self._day(row)))

    def _event(self, row: dict[str, str]) -> None:
        try:
            kind = EventKind(row["item"])
        except ValueError:
            raise InvalidEntryError(f"unknown event kind {row['item']!r}") from None
        check_event_text(row.get("title", ""), row["note"] or None)
        self.plan.events.append(
            Event(
                None,
                self._day(row),
                kind,
                row.get("title", ""),
                row["note"] or None,
                _opt_date(row.get("end_date", ""), "end_date"),
            )
        )

    def _photo(self, row: dict[str, str]) -> None:
        try:
            data = base64.b64decode(row.get("data", ""), validate=True)
        except binascii.Error:
            raise InvalidEntryError("the photo data is not valid base64") from None
        self.plan.photos.append(
            Photo(
                None,
                self._day(row),
                data,
                row["unit"],
                row.get("title") or None,
                row["item"] or None,
            )
        )

    def _sledai(self, row: dict[str, str]) -> None:
        try:
            items = json.loads(row.get("data") or "[]")
        except json.JSONDecodeError:
            raise InvalidEntryError("the SLEDAI-2K items are not a JSON list") from None
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise InvalidEntryError("the SLEDAI-2K items are not a list of names")
        pga = check_pga(_number(row.get("pga", ""), "pga"))  # a PgaError is a ValueError
        assessment = SledaiAssessment(self._day(row), frozenset(items), row["note"] or None, pga)
        assessment.score  # noqa: B018 - raises for an unknown descriptor
        self.plan.sledai.append(assessment)

    def _report_note(self, row: dict[str, str]) -> None:
        end = _opt_date(row.get("end_date", ""), "end_date") or self._day(row)
        self.plan.report_notes.append((self._day(row), end, row["note"]))

    def _profile(self, row: dict[str, str]) -> None:
        profile = self.plan.profile or Profile()
        item, value = row["item"], row["value"]
        if item == "name":
            profile = Profile(value, profile.birth_date, profile.sex)
        elif item == "birth_date":
            profile = Profile(profile.name, parse_date(value, what="birth date"), profile.sex)
        elif item == "sex":
            sex = Sex.parse(value)
            profile = Profile(profile.name, profile.birth_date, sex)
            self.sex = sex
        else:
            raise InvalidEntryError(f"unknown profile item {item!r}")
        self.plan.profile = profile

    def _file(self, row: dict[str, str]) -> None:
        item, value = row["item"], row["value"]
        if item == NUMBER_FORMAT_ITEM:
            number_format = NumberFormat.parse(value)
            # A file re-saved by a spreadsheet with semicolons may have had its numbers
            # rewritten in the spreadsheet's locale: the declaration no longer holds.
            self.number_format = number_format if self.comma_separated else None
        elif item == DATABASE_ITEM:
            self.plan.origin = value
        else:
            raise InvalidEntryError(f"unknown file item {item!r}")

    def _setting(self, row: dict[str, str]) -> None:
        self.plan.settings.append((row["item"], row["value"]))

    def finish(self) -> None:
        for key, course in self.courses.items():
            doses = tuple(sorted(self.doses.get(key, ()), key=lambda d: d.from_date))
            self.plan.medications.append(
                Medication(
                    None, course.name, course.started_on, course.stopped_on, course.note, doses
                )
            )


def _delimiter(text: str) -> str:
    """Comma, or semicolon as spreadsheets in decimal-comma locales save CSV."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    names = {c.strip().strip('"') for c in first.split(";")}
    return ";" if all(c in names for c in REQUIRED) else ","


def read_csv(path: Path, options: ImportOptions | None = None) -> ImportPlan:
    text, encoding = read_text(path)
    delimiter = _delimiter(text)
    if delimiter != ",":
        encoding += "; columns separated by semicolons"
    plan = ImportPlan(source=str(path), encoding=encoding, options=options or ImportOptions())
    plan.symptoms_checked = True  # the reader adds only what checked_symptom returned
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    try:
        header = _header(reader)
        known = [h for h in header if h in COLUMNS]
        every_column_known = len(known) == len(header)
        state = _Reader(plan)
        state.comma_separated = delimiter == ","
        for number, cells in enumerate(reader, start=2):
            joined = "".join(cells)  # one look at the whole row, for 100,000-row files
            if not joined.strip():
                continue
            if len(cells) != len(header):
                raise ExchangeError(
                    f"Row {number} has {len(cells)} cells; the header has "
                    f"{len(header)} (is the file cut short?)."
                )
            row = (
                dict(zip(header, cells, strict=True))
                if every_column_known
                else {name: cell for name, cell in zip(header, cells, strict=True) if name in known}
            )
            if "'" in joined:  # a neutralised cell ('=...) somewhere in the row
                row = {name: restore(cell) for name, cell in row.items()}
            try:
                state.row(row, number)
            except (ValueError, KeyError) as error:
                raise ExchangeError(
                    f"Row {number} ({row.get('kind')} {row.get('item')}): {error}"
                ) from None
        state.finish()
    except csv.Error as error:
        raise ExchangeError(f"The CSV is malformed at line {reader.line_num}: {error}.") from None
    return plan
