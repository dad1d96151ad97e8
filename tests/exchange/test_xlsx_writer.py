"""The workbook writer behind the Excel export: every part well-formed XML, text never a
formula, dates real dates, printed decimals kept, characters XML cannot hold escaped."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from lupus_tracker.exchange.xlsx_writer import Formatted, Workbook


def _saved(book: Workbook) -> bytes:
    handle = io.BytesIO()
    book.save(handle)
    return handle.getvalue()


def _book() -> Workbook:
    book = Workbook()
    sheet = book.create_sheet("Notes", freeze_header=True)
    sheet.append(["Date", "Value", "Note"])
    sheet.append([date(2024, 3, 1), Formatted(1.9, "0.00"), '=HYPERLINK("http://evil")'])
    sheet.append([date(1900, 3, 1), 7, "  spaced  "])
    sheet.append([None, -0.25, "bell\x07 and _x0041_ & <tag>"])
    book.create_sheet("Empty")
    return book


def test_every_part_is_well_formed_xml():
    with zipfile.ZipFile(io.BytesIO(_saved(_book()))) as package:
        names = package.namelist()
        assert "[Content_Types].xml" in names and "xl/worksheets/sheet2.xml" in names
        for name in names:
            ElementTree.fromstring(package.read(name))  # raises on malformed XML


def test_values_read_back_as_written():
    book = load_workbook(io.BytesIO(_saved(_book())))
    assert book.sheetnames == ["Notes", "Empty"]
    sheet = book["Notes"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value == datetime(2024, 3, 1) and sheet["A2"].is_date
    assert sheet["A3"].value == datetime(1900, 3, 1)
    assert (sheet["B2"].value, sheet["B2"].number_format) == (1.9, "0.00")
    assert sheet["B3"].value == 7 and sheet["B4"].value == -0.25
    assert sheet["C2"].value == '=HYPERLINK("http://evil")' and sheet["C2"].data_type == "s"
    assert sheet["C3"].value == "  spaced  "
    assert sheet["A4"].value is None
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_characters_xml_cannot_hold_are_escaped_not_dropped():
    with zipfile.ZipFile(io.BytesIO(_saved(_book()))) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "bell_x0007_ and _x005F_x0041_ &amp; &lt;tag&gt;" in xml


def test_bad_sheet_names_and_values_are_refused():
    book = Workbook()
    with pytest.raises(ValueError):
        book.create_sheet("a/b")
    with pytest.raises(TypeError):
        book.create_sheet("ok").append([object()])
    with pytest.raises(ValueError):
        book.create_sheet("nan").append([float("nan")])
