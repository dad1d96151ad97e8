"""What every part of the repository shares: the database, the profile, settings and
change notification."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from lupus_tracker.domain.records import InvalidEntryError, NumberFormat, Profile, Sex
from lupus_tracker.store.db import Database

ChangeListener = Callable[[str], None]
NUMBER_FORMAT_SETTING = "number_format"


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def parse_iso(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class RepositoryBase:
    """The database, plus listeners told the table name after each committed change."""

    def __init__(self, db: Database):
        self.db = db
        self._listeners: list[ChangeListener] = []

    def subscribe(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self, table: str) -> None:
        for listener in list(self._listeners):
            listener(table)

    # -- patient profile -------------------------------------------------------------
    def get_profile(self) -> Profile:
        rows = self.db.query("SELECT name, birth_date, sex FROM patient WHERE id = 1")
        if not rows:
            return Profile()
        row = rows[0]
        return Profile(row["name"], parse_iso(row["birth_date"]), Sex.parse(row["sex"]))

    def set_profile(self, profile: Profile) -> None:
        sex = Sex.parse(profile.sex)
        if profile.birth_date is not None and profile.birth_date > date.today():
            raise InvalidEntryError("The date of birth is in the future.")
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO patient (id, name, birth_date, sex) VALUES (1, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                "birth_date = excluded.birth_date, sex = excluded.sex, updated_at = ?",
                (profile.name.strip(), iso(profile.birth_date), sex and sex.value, now_stamp()),
            )
        self._changed("patient")

    # -- number format (how this person's lab reports write numbers) -------------------
    def number_format(self) -> NumberFormat | None:
        """``None`` until set: ambiguous values such as ``1.250`` are then refused."""
        return NumberFormat.parse(self.get_setting(NUMBER_FORMAT_SETTING))

    def set_number_format(self, number_format: NumberFormat | str | None) -> None:
        chosen = NumberFormat.parse(number_format)
        self.set_setting(NUMBER_FORMAT_SETTING, chosen and chosen.value)

    # -- settings (preferences that travel with the file) ----------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        rows = self.db.query("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def list_settings(self) -> list[tuple[str, str]]:
        return [(r["key"], r["value"]) for r in
                self.db.query("SELECT key, value FROM settings ORDER BY key")]

    def set_setting(self, key: str, value: str | None) -> None:
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
