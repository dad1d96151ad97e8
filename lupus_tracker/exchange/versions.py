"""Which of two versions of one result (the same source identifier) is the newer, so that
an older amended or corrected result never overwrites a newer correction (red-team finding,
fix round).

A FHIR Observation says when this version was made by ``issued`` ("the date and time this
version of the observation was made available to providers", FHIR R4 Observation.issued)
and, failing that, by ``meta.lastUpdated`` (when the resource last changed on its server,
FHIR R4 Meta.lastUpdated). An amended or corrected result is stored with a note saying its
status and that time, so that a later import can compare against it. The rule:
- a correction replaces a stored result that is not itself a correction (a correction
  always follows the result it corrects);
- between two corrections, the newer one wins; an older one is skipped with the reason;
  when either lacks a time the app does not guess: it skips and reports the conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

_NOTE = re.compile(r"^(amended|corrected) result \((?:version of (\S+)|no version time)\)")


@dataclass(frozen=True)
class Version:
    """One version of a result: its FHIR status and when it was made (None: not said)."""

    status: str
    time: str | None

    @property
    def is_correction(self) -> bool:
        return self.status in ("amended", "corrected")

    def note(self) -> str:
        """The note stored with an amended or corrected result ('' for another status)."""
        if not self.is_correction:
            return ""
        when = f"version of {self.time}" if self.time else "no version time"
        return f"{self.status} result ({when})"


def version_of(resource: dict) -> Version:
    """The version an Observation (or its report) states."""
    status = resource.get("status")
    issued = resource.get("issued")
    meta = resource.get("meta")
    updated = meta.get("lastUpdated") if isinstance(meta, dict) else None
    time = next((t for t in (issued, updated) if isinstance(t, str) and _instant(t)), None)
    return Version(status if isinstance(status, str) else "", time)


def stored_version(note: str | None) -> Version | None:
    """The version a stored result's note records (None: not a stored correction)."""
    for part in (note or "").split("; "):
        found = _NOTE.match(part.strip())
        if found:
            return Version(found.group(1), found.group(2))
    return None


def _instant(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def supersedes(new: Version, earlier: Version | None) -> str:
    """'' when ``new`` (a correction) replaces ``earlier``, else why it does not."""
    if earlier is None or not earlier.is_correction:
        return ""
    new_time = _instant(new.time) if new.time else None
    earlier_time = _instant(earlier.time) if earlier.time else None
    if new_time is None or earlier_time is None:
        return (
            f"not applied: the {earlier.status} result already kept and this {new.status} "
            "one do not both say when they were made, so which is newer is not known"
        )
    if new_time <= earlier_time:
        return (
            f"not applied: older ({new.time}) than the {earlier.status} result kept "
            f"({earlier.time})"
        )
    return ""
