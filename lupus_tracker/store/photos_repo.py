"""Photos attached to a diary day (a rash changes by the hour), stored inside the database
so that one file still holds everything."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from lupus_tracker.domain.records import InvalidEntryError
from lupus_tracker.store.base import ConflictError, Manager, iso
from lupus_tracker.store.errors import NotFoundError

MAX_PHOTO_BYTES = 25 * 1024 * 1024
MIME_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp")


@dataclass(frozen=True)
class Photo:
    id: int | None
    day: date
    data: bytes
    mime_type: str
    caption: str | None = None
    symptom: str | None = None
    thumbnail: bytes | None = None


class PhotosManager(Manager):
    """Photos of a diary day: ``repo.photos``."""

    def add(self, photo: Photo) -> Photo:
        """Store a photo; an ``id`` is kept when free (undo of a delete puts it back as it
        was), refused when taken."""
        if photo.mime_type not in MIME_TYPES:
            raise InvalidEntryError(
                f"{photo.mime_type} is not a supported image type; use JPEG, PNG, WebP, GIF or BMP."
            )
        if not photo.data or len(photo.data) > MAX_PHOTO_BYTES:
            raise InvalidEntryError("A photo must be between 1 byte and 25 MB.")
        with self.db.transaction() as conn:
            if self._id_taken("photos", photo.id):
                raise ConflictError(
                    f"The photo of {photo.day.isoformat()} is already there "
                    "(put back in another window?); nothing was changed."
                )
            photo_id = conn.execute(
                "INSERT INTO photos (id, day, symptom, caption, mime_type, data, thumbnail) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    photo.id,
                    iso(photo.day),
                    photo.symptom,
                    (photo.caption or "").strip() or None,
                    photo.mime_type,
                    photo.data,
                    photo.thumbnail,
                ),
            ).lastrowid
        self._changed("photos")
        return self.get(self._new_id(photo_id))

    def get(self, photo_id: int) -> Photo:
        rows = self.db.query("SELECT * FROM photos WHERE id = ?", (photo_id,))
        if not rows:
            raise NotFoundError(f"Photo {photo_id} does not exist.")
        return _photo(rows[0])

    def all(self, since: date | None = None, until: date | None = None) -> list[Photo]:
        rows = self.db.query(
            "SELECT * FROM photos WHERE day >= coalesce(?, '0000') AND day <= coalesce(?, '9999')"
            " ORDER BY day, id",
            (iso(since), iso(until)),
        )
        return [_photo(r) for r in rows]

    def delete(self, photo_id: int) -> Photo:
        photo = self.get(photo_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM photos WHERE id = ?", (photo_id,))
        self._changed("photos")
        return photo


def _photo(row: sqlite3.Row) -> Photo:
    return Photo(
        row["id"],
        date.fromisoformat(row["day"]),
        bytes(row["data"]),
        row["mime_type"],
        row["caption"],
        row["symptom"],
        bytes(row["thumbnail"]) if row["thumbnail"] is not None else None,
    )
