"""A photo is deleted only as it was attached (the undo of "Attach photo" is the one way to
delete one): when another window or program changed or removed it meanwhile, the delete is
refused and nothing changes, as for every other record (red-team review, residual)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from lupus_tracker.store.base import ConflictError
from lupus_tracker.store.diary_changes import AddPhoto, DeletePhoto
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.photos_repo import Photo

DAY = date(2026, 10, 1)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _attach(repo) -> tuple[DeletePhoto, Photo]:
    undo = AddPhoto(Photo(None, DAY, PNG, "image/png", "left cheek")).apply(repo)
    assert isinstance(undo, DeletePhoto)
    return undo, repo.photos.get(undo.photo_id)


def _other_program(repo, sql: str, *args: object) -> None:
    conn = sqlite3.connect(repo.db.path)
    with conn:
        conn.execute(sql, args)
    conn.close()


def test_undo_of_an_attach_refuses_a_photo_changed_elsewhere(repo):
    undo, photo = _attach(repo)
    _other_program(repo, "UPDATE photos SET caption = 'both cheeks' WHERE id = ?", photo.id)
    with pytest.raises(ConflictError, match="changed in another window or program"):
        undo.apply(repo)
    assert [p.caption for p in repo.photos.all()] == ["both cheeks"]


def test_undo_of_an_attach_refuses_a_photo_replaced_elsewhere(repo):
    undo, photo = _attach(repo)
    _other_program(repo, "UPDATE photos SET data = ? WHERE id = ?", PNG + b"\x01", photo.id)
    with pytest.raises(ConflictError):
        undo.apply(repo)
    assert len(repo.photos.all()) == 1


def test_undo_of_an_attach_refuses_a_photo_deleted_elsewhere_and_touches_no_other(repo):
    undo, photo = _attach(repo)
    _other_program(repo, "DELETE FROM photos WHERE id = ?", photo.id)
    other = AddPhoto(Photo(None, DAY, PNG, "image/png", "another")).apply(repo)
    with pytest.raises(StoreError):
        undo.apply(repo)
    assert [p.caption for p in repo.photos.all()] == ["another"]
    assert isinstance(other, DeletePhoto) and other.photo_id != photo.id  # never reused


def test_undo_of_an_attach_deletes_the_photo_as_it_was_attached(repo):
    undo, _ = _attach(repo)
    redo = undo.apply(repo)
    assert repo.photos.all() == []
    redo.apply(repo)
    assert [p.caption for p in repo.photos.all()] == ["left cheek"]
