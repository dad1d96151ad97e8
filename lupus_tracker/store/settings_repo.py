"""Preferences that travel with the file, among them each marker's display unit."""

from __future__ import annotations

from collections.abc import Iterable

from lupus_tracker.domain.catalog import Marker, get_marker
from lupus_tracker.domain.records import NumberFormat
from lupus_tracker.domain.units import Unit, UnitError
from lupus_tracker.store.base import Manager

NUMBER_FORMAT = "number_format"


def _display_unit(marker: Marker, code: str | None) -> Unit:
    """The unit stored as ``code`` when the catalog still knows it, else the canonical one."""
    if code is not None:
        unit = marker.units.find(code)
        if unit is not None:
            return unit
    return marker.canonical_unit


class SettingsManager(Manager):
    def get(self, key: str, default: str | None = None) -> str | None:
        rows = self.db.query("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def all(self) -> list[tuple[str, str]]:
        return [
            (r["key"], r["value"])
            for r in self.db.query("SELECT key, value FROM settings ORDER BY key")
        ]

    def set(self, key: str, value: str | None) -> None:
        with self.db.transaction() as conn:
            if value is None:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
        self._changed("settings")

    # -- number format: how this person's lab reports write numbers ---------------------
    def number_format(self) -> NumberFormat | None:
        """``None`` until set; ambiguous values such as ``1.250`` are then refused."""
        return NumberFormat.parse(self.get(NUMBER_FORMAT))

    def set_number_format(self, number_format: NumberFormat | str | None) -> None:
        chosen = NumberFormat.parse(number_format)
        self.set(NUMBER_FORMAT, None if chosen is None else chosen.value)

    # -- preferred display units ------------------------------------------------------
    def preferred_unit(self, marker: Marker | str) -> Unit:
        """The unit the user wants to see ``marker`` in (default: its canonical unit)."""
        marker = get_marker(marker) if isinstance(marker, str) else marker
        return _display_unit(marker, self.get(f"unit.{marker.key}"))

    def preferred_units(self, markers: Iterable[Marker]) -> dict[str, Unit]:
        """Each marker's display unit, by key, read in one query."""
        rows = self.db.query("SELECT key, value FROM settings WHERE key LIKE 'unit.%'")
        codes = {row["key"]: row["value"] for row in rows}
        return {m.key: _display_unit(m, codes.get(f"unit.{m.key}")) for m in markers}

    def set_preferred_unit(self, marker_key: str, unit_text: str | None) -> None:
        marker = get_marker(marker_key)
        if unit_text is None:
            self.set(f"unit.{marker.key}", None)
            return
        unit = marker.units.lookup(unit_text, marker.name)
        if unit.family != marker.canonical_unit.family:
            raise UnitError(f"{unit.label} cannot be the display unit of {marker.name}.")
        self.set(f"unit.{marker.key}", unit.code)
