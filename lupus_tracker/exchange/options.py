"""The choices a person makes for one import: which patient, what to do with conflicts,
whether preliminary results and settings come in. The CLI and the preview dialog offer
the same choices."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class OnConflict(enum.StrEnum):
    KEEP = "keep"  # the database's value stays; the conflict is reported
    REPLACE = "replace"  # the file's value replaces the database's


@dataclass(frozen=True)
class ImportOptions:
    patient_id: str | None = None
    allow_other_patient: bool = False
    include_preliminary: bool = False
    include_settings: bool = False
    on_conflict: OnConflict = OnConflict.KEEP
