"""The derived columns of ``results`` (comparator, number, unit code, base value, base
unit) follow the catalog's conversions.

The text the lab printed is the truth; the derived columns are kept only so that
DataFrames for charts and analysis need no parsing. The database records which version
of the catalog's conversions computed them (table ``derived_stamp``, migration 5): when
a conversion factor, offset, unit code or family changes, the next open recomputes every
result's derived columns in one transaction. A row the catalog cannot read any more is
left as it was (and logged); it never stops the others.
"""

from __future__ import annotations

import hashlib
import logging

from lupus_tracker.domain import catalog
from lupus_tracker.store.db import Database
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.results_repo import measure

log = logging.getLogger(__name__)

STAMP = "results.conversions"


def conversion_version() -> str:
    """A fingerprint of every conversion in the catalog; it changes with any factor."""
    parts = []
    for marker in catalog.MARKERS:
        for unit in marker.units.units:
            base = marker.units.base_of(unit)
            parts.append(
                f"{marker.key}|{unit.code}|{unit.family}|{unit.factor!r}|"
                f"{unit.offset!r}|{base.code}"
            )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def stored_version(db: Database) -> str | None:
    rows = db.query("SELECT version FROM derived_stamp WHERE name = ?", (STAMP,))
    return rows[0]["version"] if rows else None


def recompute_if_catalog_changed(db: Database) -> int | None:
    """Recompute the derived columns when the catalog's conversions changed since they were
    computed; returns how many rows changed (None when nothing had to be done). A file that
    cannot be written (read-only, in use) is left as it is: readers use the measurement
    interpreted from the text at load time anyway."""
    if not db.query("SELECT 1 FROM sqlite_master WHERE name = 'derived_stamp'"):
        log.warning("no derived_stamp table (a development file that skipped migration 5)")
        return None
    version = conversion_version()
    if stored_version(db) == version:
        return None
    try:
        return _recompute(db, version)
    except StoreError as error:
        log.warning("derived result columns not recomputed for the catalog: %s", error)
        return None


def _recompute(db: Database, version: str) -> int:
    changed = 0
    with db.transaction() as conn:
        rows = conn.execute(
            "SELECT id, marker, value_text, comparator, number, unit, "
            "base_value, base_unit, ref_range FROM results"
        ).fetchall()
        for row in rows:
            m = measure(row["marker"], row["value_text"], row["unit"], row["ref_range"], None)
            if m is None:
                log.warning(
                    "result %s (%s) cannot be read by the catalog; its derived columns are kept",
                    row["id"],
                    row["marker"],
                )
                continue
            derived = (
                m.value.comparator.value if m.value.comparator else None,
                m.value.number,
                m.unit.code,
                m.base_value,
                m.base_unit.code,
            )
            if derived != (
                row["comparator"],
                row["number"],
                row["unit"],
                row["base_value"],
                row["base_unit"],
            ):
                conn.execute(
                    "UPDATE results SET comparator = ?, number = ?, unit = ?, "
                    "base_value = ?, base_unit = ? WHERE id = ?",
                    (*derived, row["id"]),
                )
                changed += 1
        conn.execute(
            "INSERT INTO derived_stamp (name, version) VALUES (?, ?) ON CONFLICT "
            "(name) DO UPDATE SET version = excluded.version",
            (STAMP, version),
        )
    return changed
