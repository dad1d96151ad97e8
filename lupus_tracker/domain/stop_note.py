"""How the reason a medication was stopped is kept in its note, written and read in one
place: the Stop dialog and `lupus-tracker stop` append "Stopped: <reason>", the report reads
the note back without it."""

from __future__ import annotations

STOP_REASON_MARK = "Stopped: "


def note_with_stop_reason(note: str | None, reason: str | None) -> str | None:
    """``note`` with "Stopped: <reason>" appended ("note; Stopped: why"); unchanged when no
    reason is given."""
    reason = (reason or "").strip()
    if not reason:
        return note
    stopped = f"{STOP_REASON_MARK}{reason}"
    return f"{note}; {stopped}" if note else stopped


def note_before_stop(note: str | None) -> str:
    """The note without the reason it was stopped ("note; Stopped: why" gives "note")."""
    text = note or ""
    if text.startswith(STOP_REASON_MARK):
        return ""
    return text.partition(f"; {STOP_REASON_MARK}")[0].strip()
