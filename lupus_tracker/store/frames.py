"""Reads that feed analysis, charts and reports, as pandas DataFrames.

pandas is imported here, lazily by callers, never at start-up (it costs about half a
second). Dates come back as ``datetime64`` columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.store.base import iso
from lupus_tracker.store.db import Database

if TYPE_CHECKING:
    import pandas as pd


def _frame(
    db: Database, sql: str, params: tuple[object, ...], date_columns: Iterable[str]
) -> pd.DataFrame:
    import pandas as pd

    cursor = db.conn.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    frame = pd.DataFrame([tuple(r) for r in cursor.fetchall()], columns=columns)
    for column in date_columns:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


def results_frame(
    db: Database,
    markers: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """One row per result: value as entered, comparator, number, unit, base value."""
    sql = (
        "SELECT id, taken_on AS date, marker, value_text, comparator, number, unit, "
        "base_value, base_unit, ref_range, lab, assay, pattern, note, source FROM results "
        "WHERE taken_on >= coalesce(?, '0000') AND taken_on <= coalesce(?, '9999')"
    )
    params: tuple[object, ...] = (iso(since), iso(until))
    if markers is not None:
        keys = tuple(markers)
        sql += f" AND marker IN ({', '.join('?' * len(keys))})"
        params += keys
    return _frame(db, sql + " ORDER BY taken_on, id", params, ["date"])


def symptoms_frame(
    db: Database, since: date | None = None, until: date | None = None
) -> pd.DataFrame:
    sql = (
        "SELECT day AS date, symptom, severity, location, body_site, note FROM symptoms "
        "WHERE day >= coalesce(?, '0000') AND day <= coalesce(?, '9999') ORDER BY day, id"
    )
    return _frame(db, sql, (iso(since), iso(until)), ["date"])


def doses_frame(db: Database) -> pd.DataFrame:
    """One row per dose period: a medication's dose from ``from_date`` until the next
    change or the stop date (``until`` is empty while it is still taken). A medication
    recorded without any dose still has one row, with an empty dose."""
    sql = """
        SELECT m.id AS medication_id, m.name, m.started_on, m.stopped_on,
               coalesce(d.from_date, m.started_on) AS from_date, d.dose, d.unit, d.frequency,
               coalesce(
                   (SELECT min(n.from_date) FROM medication_doses n
                    WHERE n.medication_id = m.id AND n.from_date > d.from_date),
                   m.stopped_on) AS until
        FROM medications m LEFT JOIN medication_doses d ON d.medication_id = m.id
        ORDER BY m.started_on, m.id, d.from_date"""
    frame = _frame(db, sql, (), ["started_on", "from_date"])
    import pandas as pd

    for column in ("stopped_on", "until"):
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


def events_frame(
    db: Database, since: date | None = None, until: date | None = None
) -> pd.DataFrame:
    sql = (
        "SELECT id, occurred_on AS date, ended_on, kind, title, note FROM events "
        "WHERE occurred_on >= coalesce(?, '0000') AND occurred_on <= coalesce(?, '9999') "
        "ORDER BY occurred_on, id"
    )
    frame = _frame(db, sql, (iso(since), iso(until)), ["date"])
    import pandas as pd

    frame["ended_on"] = pd.to_datetime(frame["ended_on"], format="%Y-%m-%d")
    return frame
