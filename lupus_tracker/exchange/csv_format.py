"""The CSV layout shared by export and import, and spreadsheet-formula neutralising.

The first nine columns are the contract users' scripts rely on:
``date,kind,item,value,unit,ref_low,ref_high,lab,note``; more columns follow so that
nothing the database holds is lost. ``kind`` is lab, symptom, vital, medication or event,
and, for everything else a file holds, diary, photo, sledai, report_note, profile, setting.
"""

from __future__ import annotations

import csv
import re
from typing import IO, Any

COLUMNS = (
    "date",
    "kind",
    "item",
    "value",
    "unit",
    "ref_low",
    "ref_high",
    "lab",
    "note",
    "ref_range",
    "assay",
    "pattern",
    "location",
    "frequency",
    "end_date",
    "title",
    "entry",
    "source",
    "record_id",
    "data",
    "time",
    "source_id",
    "body_site",
    "pga",
)
REQUIRED = COLUMNS[:9]
KINDS = (
    "lab",
    "vital",
    "symptom",
    "medication",
    "event",
    "diary",
    "photo",
    "sledai",
    "report_note",
    "profile",
    "setting",
    "file",
)
# ``file`` rows describe the file itself: ``number_format`` (how its numbers are written:
# the app writes ``point``, so ``1.250`` is 1.25) and ``database`` (the identity of the
# database it was exported from: its ``record_id`` values are that database's ids).
NUMBER_FORMAT_ITEM, DATABASE_ITEM = "number_format", "database"

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def neutralise(cell: str) -> str:
    """Make a cell that a spreadsheet would run as a formula inert by prefixing ``'``
    (OWASP CSV injection). Plain numbers, negative ones included, stay numbers. A cell
    that already starts with ``'`` before a trigger is prefixed too, so that
    :func:`restore` gives back exactly what was written."""
    if not cell or _PLAIN_NUMBER.match(cell):
        return cell
    if cell.startswith(_TRIGGERS) or (cell.startswith("'") and cell[1:2] in (*_TRIGGERS, "'")):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise`."""
    if cell.startswith("'") and cell[1:2] in (*_TRIGGERS, "'"):
        return cell[1:]
    return cell


def csv_writer(handle: IO[str]) -> Any:
    """The CSV writer of every CSV the app writes (export and ``list --format csv``):
    rows end with CRLF, so a cell holding a carriage return or a line feed is quoted and a
    reader keeps it in one row."""
    return csv.writer(handle, lineterminator="\r\n")
