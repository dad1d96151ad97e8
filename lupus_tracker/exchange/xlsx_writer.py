"""A small writer of Excel workbooks (Office Open XML SpreadsheetML, ``.xlsx``) for the
export: sheets of plain rows, text, numbers and dates, a frozen header row.

openpyxl builds and serialises an element per cell in pure Python (without lxml), about
20 µs a cell: three decades of symptoms took over ten seconds. Here each row is one
formatted string and the package holds only what Excel, LibreOffice and openpyxl need:
``[Content_Types].xml``, the relationships, ``xl/workbook.xml``, ``xl/styles.xml`` and one
``xl/worksheets/sheetN.xml`` per sheet (ECMA-376 Part 1, SpreadsheetML).

Text is always an inline string (``t="inlineStr"``), never a formula: a note that starts
with ``=`` stays text. Characters XML cannot hold (control characters) are written as
``_xHHHH_``, the escape SpreadsheetML defines for them (ST_Xstring), never dropped.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from lupus_tracker.exchange.errors import ExchangeError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DATE_FORMAT = "yyyy-mm-dd"
_EPOCH = date(1899, 12, 30).toordinal()  # Excel's day 0 (1900 date system)
_FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in number formats
# "Worksheet cells can contain a maximum of 32,767 characters" (Microsoft KB 211878,
# https://mskb.pkisolutions.com/kb/211878). Excel counts UTF-16 units, so they are counted
# here too (an emoji is two). A longer text is refused, never cut.
MAX_CELL_CHARS = 32_767

# XML 1.0 cannot hold these; a literal "_xHHHH_" is escaped too, so that it reads back.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


@dataclass(frozen=True)
class Formatted:
    """A number shown with a number format (``0.00`` keeps a printed ``1.90``)."""

    value: int | float
    number_format: str


def _column(index: int) -> str:
    """Spreadsheet column letters of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_COLUMNS = [_column(i) for i in range(702)]  # A … ZZ


def _text_xml(text: str) -> str:
    if _UNWRITABLE.search(text):
        text = _UNWRITABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    body = escape(text)
    if body != body.strip():
        return f'<is><t xml:space="preserve">{body}</t></is>'
    return f"<is><t>{body}</t></is>"


def _number_xml(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"{value} cannot be written in a workbook")
    return repr(value)


class Workbook:
    """Sheets filled row by row, then written as one ``.xlsx`` package by :meth:`save`."""

    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self._formats: dict[str, int] = {DATE_FORMAT: 1}  # format code → style index

    def create_sheet(self, title: str, *, freeze_header: bool = False) -> Sheet:
        sheet = Sheet(self, title, freeze_header)
        self.sheets.append(sheet)
        return sheet

    def style(self, number_format: str) -> int:
        """The cell style index showing numbers with ``number_format``."""
        found = self._formats.get(number_format)
        if found is None:
            found = self._formats[number_format] = len(self._formats) + 1
        return found

    def save(self, handle: IO[bytes]) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("[Content_Types].xml", self._content_types())
            package.writestr(
                "_rels/.rels",
                f'{_HEAD}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
                f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>',
            )
            package.writestr("xl/workbook.xml", self._workbook())
            package.writestr("xl/_rels/workbook.xml.rels", self._workbook_relationships())
            for number, sheet in enumerate(self.sheets, start=1):
                with package.open(f"xl/worksheets/sheet{number}.xml", "w") as member:
                    sheet.write_to(member)
            package.writestr("xl/styles.xml", self._styles())

    def _content_types(self) -> str:
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{kind}.worksheet+xml"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        return (
            f"{_HEAD}<Types "
            'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>'
            f"{sheets}</Types>"
        )

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet name={quoteattr(s.title)} sheetId="{n}" r:id="rId{n}"/>'
            for n, s in enumerate(self.sheets, start=1)
        )
        return (
            f'{_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
            "</workbook>"
        )

    def _workbook_relationships(self) -> str:
        links = "".join(
            f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        styles = (
            f'<Relationship Id="rId{len(self.sheets) + 1}" Type="{RELATIONSHIPS}/styles" '
            'Target="styles.xml"/>'
        )
        return (
            f'{_HEAD}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{links}{styles}</Relationships>'
        )

    def _styles(self) -> str:
        codes = sorted(self._formats, key=self._formats.__getitem__)  # by style index
        formats = "".join(
            f'<numFmt numFmtId="{_FIRST_CUSTOM_FORMAT + i}" formatCode={quoteattr(code)}/>'
            for i, code in enumerate(codes)
        )
        cell_styles = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + "".join(
            f'<xf numFmtId="{_FIRST_CUSTOM_FORMAT + i}" fontId="0" fillId="0" borderId="0" '
            'xfId="0" applyNumberFormat="1"/>'
            for i in range(len(codes))
        )
        return (
            f'{_HEAD}<styleSheet xmlns="{MAIN}">'
            f'<numFmts count="{len(codes)}">{formats}</numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/>'
            "</font></fonts>"
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            f'<cellXfs count="{len(codes) + 1}">{cell_styles}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


class Sheet:
    """One worksheet: rows appended in order, kept as XML text until the book is saved."""

    def __init__(self, book: Workbook, title: str, freeze_header: bool):
        if not title or len(title) > 31 or any(c in title for c in "[]:*?/\\"):
            raise ValueError(f"{title!r} is not a valid sheet name")
        self.book = book
        self.title = title
        self.freeze_header = freeze_header
        self._rows: list[str] = []

    def append(self, values: Iterable[object]) -> None:
        """One row: ``None`` leaves a cell empty; text is text, never a formula."""
        number = len(self._rows) + 1
        cells = []
        for index, value in enumerate(values):
            if value is None or value == "":
                continue
            ref = f"{_COLUMNS[index]}{number}"
            if isinstance(value, str):
                self._check_length(value, number, index)
                cells.append(f'<c r="{ref}" t="inlineStr">{_text_xml(str.__str__(value))}</c>')
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{_number_xml(value)}</v></c>')
            elif isinstance(value, date) and not isinstance(value, datetime):
                cells.append(f'<c r="{ref}" s="1"><v>{value.toordinal() - _EPOCH}</v></c>')
            elif isinstance(value, Formatted):
                style = self.book.style(value.number_format)
                cells.append(f'<c r="{ref}" s="{style}"><v>{_number_xml(value.value)}</v></c>')
            else:
                raise TypeError(f"cannot write {type(value).__name__} in a workbook")
        self._rows.append(f'<row r="{number}">{"".join(cells)}</row>')

    def _check_length(self, text: str, row: int, index: int) -> None:
        units = len(text.encode("utf-16-le")) // 2
        if units > MAX_CELL_CHARS:
            raise ExchangeError(
                f"Cell {_COLUMNS[index]}{row} of the {self.title} sheet would hold "
                f"{units:,} characters; an Excel cell holds at most {MAX_CELL_CHARS:,}. "
                "Nothing was written: shorten that text, or export as CSV or FHIR."
            )

    def write_to(self, member: IO[bytes]) -> None:
        view = (
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            if self.freeze_header and len(self._rows) > 0
            else ""
        )
        member.write(
            f'{_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            f'<sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><sheetData>'.encode()
        )
        for start in range(0, len(self._rows), 5000):
            member.write("".join(self._rows[start : start + 5000]).encode())
        member.write(b"</sheetData></worksheet>")
