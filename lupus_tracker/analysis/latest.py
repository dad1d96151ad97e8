"""Each marker's latest result, shown in the user's preferred unit, with its flag and the
change since the previous comparable result.

Used by the dashboard, the visit report and the Excel summary, from plain records
(``store.inputs.latest_records`` reads each marker's last two days). Two results are
compared only when ``domain.comparability`` says so (same unit family; same assay, or same
lab and range when an assay is blank): otherwise the change is "not comparable", never a
rise or fall. A change is computed only between exact numbers: ``<0.5`` then ``0.6`` has no
honest difference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from lupus_tracker.domain.catalog import Marker, get_marker
from lupus_tracker.domain.comparability import comparison_note, why_not_comparable
from lupus_tracker.domain.egfr import (
    MIN_AGE,
    age_on,
    computed_egfr_entry,
    computed_egfr_text,
    computed_equation,
    height_near,
    lab_and_computed_note,
    under_18_note,
)
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.ranges import Flag, RefRange, flag_value
from lupus_tracker.domain.records import LabResult, Sex, Source
from lupus_tracker.domain.units import Unit, rounded_for
from lupus_tracker.domain.values import format_number
from lupus_tracker.domain.wording import (
    change_amount,
    change_cell,
    digits_keeping_flag,
    direction,
    not_comparable_text,
    result_flag_word,
    spoken_change,
    value_as_printed,
)
from lupus_tracker.store.inputs import LatestRecords
from lupus_tracker.store.results_repo import measurement_of


@dataclass(frozen=True)
class Shown:
    """A result as displayed: value and range in the display unit, flag, provenance."""

    result: LabResult
    measurement: Measurement
    unit: Unit
    value_text: str
    number: float | None  # in ``unit``; None for words
    ref_text: str

    @property
    def flag(self) -> Flag:
        return self.measurement.flag

    @property
    def day(self) -> date:
        return self.result.taken_on


@dataclass(frozen=True)
class LatestValue:
    marker: Marker
    latest: Shown
    previous: Shown | None
    change: float | None  # latest - previous, in the latest's display unit
    comparable: bool  # False when the previous result is from another assay or unit family

    reason: str = ""  # why the previous result is not comparable ('' when it is)
    remark: str = ""  # eGFR stage, the computed eGFR beside the lab's, ...

    @property
    def direction(self) -> str:
        """'up', 'down', 'same', or '' when no honest comparison exists."""
        return direction(self.change)

    @property
    def change_text(self) -> str:
        """The change as people read it; titers in doubling dilutions."""
        if self.previous is None:
            return ""
        if not self.comparable:
            return not_comparable_text(self.reason)
        if self.change is None:
            return "—"
        return change_amount(
            rounded_for(self.latest.unit, self.change),
            titer=self.latest.unit.family == "titer",
            earlier=self.previous.number,
            later=self.latest.number,
        )

    @property
    def change_cell(self) -> str:
        """Arrow, word and amount, as the dashboard and the report show it."""
        return change_cell(self.direction, self.change_text)

    @property
    def spoken_change(self) -> str:
        """The change cell in words, for a screen reader ('down 0.14')."""
        return spoken_change(self.direction, self.change_text)

    @property
    def flag_text(self) -> str:
        return result_flag_word(self.latest.measurement)


def _display_number(marker: Marker, m: Measurement, unit: Unit) -> float | None:
    if m.value.number is None:
        return None
    if m.unit is unit:
        return m.value.number
    return marker.units.convert(m.value.number, m.unit, unit)


def show(marker: Marker, result: LabResult, preferred: Unit, sex: Sex | None) -> Shown:
    """Interpret a stored result and express it in ``preferred`` where that is possible."""
    m = measurement_of(result)  # interpreted once, when the store loaded it
    unit = preferred if preferred.family == m.unit.family else m.unit
    number = _display_number(marker, m, unit)
    ranges = _shown_ranges(marker, m, unit, sex)
    if number is None or unit is m.unit:
        value_text = m.value.text
    else:
        # A converted value is kept as printed, so a change reads as the printed values'
        # difference (0.93 -> 0.98 is +0.05, never +0.06 from unrounded numbers); with the
        # digits its flag needs against the printed range (round 3 item 5).
        flags = (
            [flag_value(m.value, ref) for ref in m.ranges_by_sex] if m.ranges_by_sex else [m.flag]
        )
        number = digits_keeping_flag(
            number,
            rounded_for(unit, number),
            m.value.comparator,
            list(zip(ranges, flags, strict=True)),
        )
        value_text = f"{m.value.comparator or ''}{format_number(number)}"
    return Shown(result, m, unit, value_text, number, _range_text(m, ranges))


def _shown_ranges(
    marker: Marker, m: Measurement, unit: Unit, sex: Sex | None
) -> list[RefRange | None]:
    """The range in the display unit: the lab's converted at the unit's usual precision,
    else the catalog's published one for that unit; each sex's (in ``Sex`` order) when sex
    is unknown and the default range differs by sex."""
    if m.ranges_by_sex:
        return [marker.default_range_in(unit, sex) for sex in Sex]
    ref: RefRange | None = m.ref
    if ref is None or unit is m.unit or ref.titer or ref.word is not None:
        return [ref]
    if not m.ref_is_lab:  # the published range for the person's sex (it was flagged by it)
        return [marker.default_range_in(unit, sex)]
    return [ref.scaled(lambda v: rounded_for(unit, marker.units.convert(v, m.unit, unit)))]


def _range_text(m: Measurement, ranges: list[RefRange | None]) -> str:
    """The printed range; both sexes' when sex is unknown ("F 0.5-1.1; M 0.7-1.3")."""
    if m.ranges_by_sex:
        return "; ".join(
            f"{sex.value[0].upper()} {ref.text()}"
            for sex, ref in zip(Sex, ranges, strict=True)
            if ref
        )
    (ref,) = ranges
    return ref.text() if ref else ""


def latest_values(records: LatestRecords, since: date | None = None) -> list[LatestValue]:
    """The latest result of each marker of ``records`` up to its ``until``, in the order
    the markers were asked for; with ``since``, only markers that have a result on or
    after that date. Read the records with ``store.inputs.latest_records``."""
    by_marker: dict[str, list[LabResult]] = {}
    computed_egfr: dict[date, LabResult] = {}
    until = records.until
    for result in sorted(records.results, key=lambda r: (r.taken_on, r.id)):
        if until is not None and result.taken_on > until:
            continue
        if result.source is Source.COMPUTED and result.marker == "egfr":
            computed_egfr[result.taken_on] = result  # shown beside the lab's eGFR
            continue
        by_marker.setdefault(result.marker, []).append(result)
    keys = records.markers
    if "egfr" in keys and computed_egfr:
        by_marker["egfr"] = newest_egfr_series(by_marker.get("egfr", []), computed_egfr)
    creatinine = [
        r
        for r in records.results
        if r.marker == "creatinine" and (until is None or r.taken_on <= until)
    ]
    rows = []
    for key in keys:
        results = by_marker.get(key)
        if not results or (since is not None and results[-1].taken_on < since):
            continue
        marker = get_marker(key)
        preferred = records.preferred.get(key, marker.canonical_unit)
        latest = show(marker, results[-1], preferred, records.sex)
        previous = show(marker, results[-2], preferred, records.sex) if len(results) > 1 else None
        reason = "" if previous is None else why_not_comparable(latest.result, previous.result)
        comparable = previous is not None and not reason
        change = exact_change(latest, previous) if comparable else None
        remark = ""
        if key == "egfr":
            remark = _egfr_remark(latest, computed_egfr, _creatinine_of(records, creatinine))
        elif key == "creatinine":
            remark = _creatinine_remark(records, latest)
        note = comparison_note(latest.result, previous.result) if comparable and previous else ""
        if note:
            remark = "; ".join(part for part in (f"previous value: {note}", remark) if part)
        rows.append(LatestValue(marker, latest, previous, change, comparable, reason, remark))
    return rows


def newest_egfr_series(lab: list[LabResult], computed: dict[date, LabResult]) -> list[LabResult]:
    """The eGFR series whose last result is the newest eGFR: the lab's when it reported on
    the newest day (the computed one of that day is shown beside it, issue 12 item 6), else
    the computed one. An older lab eGFR is never shown as the latest when a newer computed
    one exists (fixlatest item 1); each series keeps its own previous (same method)."""
    computed_series = [computed[day] for day in sorted(computed)]
    if not computed_series or (lab and lab[-1].taken_on >= computed_series[-1].taken_on):
        return lab
    return computed_series


def _creatinine_of(
    records: LatestRecords, creatinine: list[LabResult]
) -> Callable[[LabResult], str]:
    """A function naming the creatinine a computed eGFR was computed from ("2.0 mg/dL"), or
    '' when it is not certain which one (it is recomputed, never guessed)."""

    def named(egfr: LabResult) -> str:
        for result in creatinine:
            if result.taken_on != egfr.taken_on or result.source is Source.COMPUTED:
                continue
            entry = computed_egfr_entry(
                result, records.birth_date, records.sex, list(records.heights)
            )
            if entry is not None and entry.value == egfr.value_text and entry.assay == egfr.assay:
                m = measurement_of(result)
                return f"{value_as_printed(m)} {m.unit.label}"
        return ""

    return named


def exact_change(latest: Shown, previous: Shown | None) -> float | None:
    """``latest - previous`` between two exact numbers in the same unit, else None (a bound
    such as <0.5 has no honest difference). The caller checks that they are comparable."""
    if (
        previous is None
        or latest.number is None
        or previous.number is None
        or latest.measurement.value.comparator is not None
        or previous.measurement.value.comparator is not None
        or latest.unit is not previous.unit
    ):
        return None
    return latest.number - previous.number


def _egfr_remark(
    latest: Shown, computed: dict[date, LabResult], creatinine_of: Callable[[LabResult], str]
) -> str:
    """Beside a lab eGFR, the one computed from the same day's creatinine,
    and a note when they differ by more than 10% (issue 12 items 6 and 7); a computed eGFR
    names the creatinine it was computed from (fixlatest item 2)."""
    # The KDIGO category is the flag's word (``wording.result_flag_word``), not repeated here.
    parts = []
    number = latest.measurement.value.number
    if latest.result.source is Source.COMPUTED:
        equation = computed_equation(latest.result.assay)
        source = creatinine_of(latest.result)
        source = f" {source}" if source else ""
        parts.append(f"computed from creatinine{source} ({equation})")
    else:
        beside = computed.get(latest.day)
        if beside is not None and beside.number is not None:
            source = creatinine_of(beside)
            note = "" if number is None else lab_and_computed_note(number, beside.number, source)
            parts.append(note or computed_egfr_text(beside.value_text, source))
    return "; ".join(parts)


def _creatinine_remark(records: LatestRecords, latest: Shown) -> str:
    """Under 18 on the creatinine's day: CKD-EPI is for adults, and the bedside Schwartz
    equation needs a height when none was logged near it (issue 12 item 8; one wording,
    ``domain.egfr.under_18_note``)."""
    birth = records.birth_date
    if birth is None:
        return ""
    age = age_on(birth, latest.day)
    if age >= MIN_AGE:
        return ""
    near = height_near(list(records.heights), latest.day)
    return under_18_note(age, near is not None)
