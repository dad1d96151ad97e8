"""The patient's profile: name, date of birth and sex (the eGFR equation needs the last
two)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from lupus_tracker.domain.records import InvalidEntryError, Profile, Sex
from lupus_tracker.store.base import Manager, iso, now_stamp, parse_iso


class ProfileManager(Manager):
    """The patient profile: ``repo.profile``. When the date of birth or sex changes,
    ``follow`` (the derived eGFR's recomputation) runs in the same transaction."""

    follow: Callable[[], object] | None = None

    def get(self) -> Profile:
        rows = self.db.query("SELECT name, birth_date, sex FROM patient WHERE id = 1")
        if not rows:
            return Profile()
        row = rows[0]
        return Profile(row["name"], parse_iso(row["birth_date"]), Sex.parse(row["sex"]))

    def set(self, profile: Profile) -> None:
        sex = Sex.parse(profile.sex)  # refuses anything but female, male or empty
        if profile.birth_date is not None and profile.birth_date > date.today():
            raise InvalidEntryError("The date of birth is in the future.")
        with self.db.transaction() as conn:
            before = self.get()
            conn.execute(
                "INSERT INTO patient (id, name, birth_date, sex) VALUES (1, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                "birth_date = excluded.birth_date, sex = excluded.sex, updated_at = ?",
                (profile.name.strip(), iso(profile.birth_date), sex and sex.value, now_stamp()),
            )
            if self.follow is not None and (before.birth_date, before.sex) != (
                profile.birth_date,
                sex,
            ):
                self.follow()
        self._changed("patient")
