"""When two results are the same result: one rule for import and duplicate checks.

Two results are the same when they have the same marker, date, time of day (when given),
and normalised value: the
number (``10.0`` and ``10`` are one value), the comparator, the word or titer, the unit
code, the method (assay, eGFR equation) and whether it was computed by the app. The text as
printed is not compared, so a re-saved spreadsheet or a re-imported export adds nothing;
a computed eGFR never hides the lab's eGFR of the same value.
"""

from __future__ import annotations

from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, LabResult, Source

ResultKey = tuple


def result_key(entry: LabEntry, sex: str | None = None) -> ResultKey | None:
    """The identity of ``entry``; ``None`` when it cannot be interpreted (the write will
    refuse it with its message)."""
    try:
        m = check_entry(entry, sex)
    except InvalidEntryError:
        return None
    value = m.value
    return _key(entry.taken_on, entry.marker, value.number,
                value.comparator.value if value.comparator else None, value.word, m.unit.code,
                entry.assay, Source(entry.source) is Source.COMPUTED, entry.taken_at)


def stored_result_key(result: LabResult) -> ResultKey:
    """The identity of a stored result, from its stored columns (no re-interpretation)."""
    word = result.value_text if result.number is None else None
    return _key(result.taken_on, result.marker, result.number, result.comparator, word,
                result.unit, result.assay, result.source is Source.COMPUTED, result.taken_at)


def _key(day, marker: str, number: float | None, comparator: str | None, word: str | None,
         unit_code: str, method: str | None, computed: bool, time: str | None) -> ResultKey:
    return (day, time, marker, None if number is None else round(number, 9),
            comparator or None, word.casefold() if word else None, unit_code,
            " ".join((method or "").split()).casefold(), computed)
