"""When two results are the same result: one rule for import and duplicate checks.

Two results are the same only when all of these agree: marker, date, time of day, the
normalised value (the number, ``10.0`` and ``10`` being one value; the comparator; the word
or titer), the unit code, the lab, the method (assay, eGFR equation), the source's
identifier of the result, the note, and whether it was computed by the app. Two results
that differ in any of them are two results (two labs measuring CRP the same morning, two
blood pressures with different notes). The text as printed is not compared and lab, assay
and note are compared with their spaces collapsed (lab and assay also without case), so a
re-saved spreadsheet or a re-imported export adds nothing; a computed eGFR never hides the
lab's eGFR of the same value.
"""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, LabResult, Sex, Source

ResultKey = tuple[object, ...]
# Numbers are compared rounded to this many decimals: 10.0 and 10.000000000001 (a float
# written back from a spreadsheet) are one value. Not a clinical rule.
KEY_DECIMALS = 9


def result_key(
    entry: LabEntry, sex: Sex | None = None, known: dict[LabEntry, ResultKey | None] | None = None
) -> ResultKey | None:
    """The identity of ``entry``; ``None`` when it cannot be interpreted (the write will
    refuse it with its message). ``known`` keeps keys already worked out (a plan is
    reconciled for its preview and again inside the transaction that writes it)."""
    if known is None:
        return _result_key(entry, sex)
    # The identity does not depend on sex (value, unit, date...): one key per entry.
    if entry not in known:
        known[entry] = _result_key(entry, sex)
    return known[entry]


def _result_key(entry: LabEntry, sex: Sex | None) -> ResultKey | None:
    try:
        m = check_entry(entry, sex)
    except InvalidEntryError:
        return None
    return measured_key(entry, m)


def measured_key(entry: LabEntry, m: Measurement) -> ResultKey:
    """The identity of ``entry`` from its measurement (``check_entry``'s result)."""
    value = m.value
    return _key(
        entry.taken_on,
        entry.marker,
        value.number,
        value.comparator.value if value.comparator else None,
        value.word,
        m.unit.code,
        entry.assay,
        Source(entry.source) is Source.COMPUTED,
        entry.taken_at,
        entry.lab,
        entry.note,
        entry.source_id,
    )


def stored_result_key(result: LabResult) -> ResultKey:
    """The identity of a stored result, from its stored columns (no re-interpretation)."""
    word = result.value_text if result.number is None else None
    return _key(
        result.taken_on,
        result.marker,
        result.number,
        result.comparator,
        word,
        result.unit,
        result.assay,
        result.source is Source.COMPUTED,
        result.taken_at,
        result.lab,
        result.note,
        result.source_id,
    )


def _key(
    day: date,
    marker: str,
    number: float | None,
    comparator: str | None,
    word: str | None,
    unit_code: str,
    method: str | None,
    computed: bool,
    time: str | None,
    lab: str | None,
    note: str | None,
    source_id: str | None,
) -> ResultKey:
    return (
        day,
        time,
        marker,
        None if number is None else round(number, KEY_DECIMALS),
        comparator or None,
        word.casefold() if word else None,
        unit_code,
        _collapsed(method).casefold(),
        computed,
        _collapsed(lab).casefold(),
        _collapsed(note),
        source_id or None,
    )


def _collapsed(text: str | None) -> str:
    """``text`` with its runs of spaces and line breaks made one space, ends trimmed."""
    return " ".join((text or "").split())
