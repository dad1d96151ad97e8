"""Import FHIR R4 lab data as patient portals and EHRs export it: a Bundle of any type
(collection, searchset, transaction, document), a DiagnosticReport, a panel with
``hasMember``, or a single Observation; results in ``component`` (eGFR by MDRD); units as
UCUM codes or as free text (``K/uL``, ``THOUS/MCL``, ``x10E3/uL``); dates inherited from
the panel or report that lists an Observation when it has none of its own.

Nothing is stored that the file did not say. Everything that cannot be mapped is listed
with the reason: a status other than final/amended/corrected (preliminary only when asked
for), an unknown code, a number without a unit, a unit that cannot be converted, a missing
or partial date, another patient's result, a spot urine protein that is neither a 24-hour
amount nor a ratio. A range that cannot be used is dropped with a remark, never the result.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from lupus_tracker.domain.catalog import Marker, marker_for_loinc
from lupus_tracker.domain.dates import DateParseError, parse_date
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.measurement import default_unit, parse_for_marker
from lupus_tracker.domain.records import (
    InvalidEntryError,
    LabEntry,
    NumberFormat,
    Sex,
    Source,
)
from lupus_tracker.domain.units import Unit
from lupus_tracker.domain.values import ValueParseError, format_number
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.fhir_performer import organizations, performing_lab
from lupus_tracker.exchange.fhir_range import read_range
from lupus_tracker.exchange.fhir_records import RecordReader, symptom_entry, symptom_key
from lupus_tracker.exchange.options import ImportOptions
from lupus_tracker.exchange.patient import FilePatient, choose_patient, read_patient
from lupus_tracker.exchange.plan import ImportPlan, Retraction, Skipped
from lupus_tracker.exchange.result_key import measured_key
from lupus_tracker.exchange.textfile import load_json, read_text
from lupus_tracker.exchange.unit_required import NO_UNIT, has_no_unit, number_without_unit
from lupus_tracker.exchange.versions import Version, supersedes, version_of
from lupus_tracker.store.diary_repo import check_symptom

LOINC = "http://loinc.org"
LOINC_SYSTEMS = (
    LOINC,
    "urn:oid:2.16.840.1.113883.6.1",
    "https://loinc.org",
    "http://loinc.org/",
)  # the OID is LOINC's HL7 identifier
SOURCE_TAG = "urn:lupus-tracker:source"  # as fhir_export marks entered/imported/computed
PATTERN_LOINC = "49311-4"  # ANA pattern, narrative
UNIT_URL = "urn:lupus-tracker:unit"  # the unit of a word result, as fhir_export writes it
METHOD_BY_CODE = {
    "33914-3": "MDRD",
    "62238-1": "CKD-EPI 2009",
    "98979-8": "CKD-EPI 2021",
}
# Race-based eGFR terms: an eGFR "among blacks" / "among non-blacks" by the MDRD equation.
# Sources: HL7 FHIR R4 example observation-example-f205-egfr (hl7.org/fhir/R4, CC0), whose
# codings give LOINC 48643-1 "Glomerular filtration rate/1.73 sq M predicted among blacks
# [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)" and 48642-3 "...
# among non-blacks ..."; the same two terms in HL7's PDDI implementation guide example
# Observation observation-digoxin-cyclosporine-renal ("... (MDRD)/1.73 sq M among black
# population" / "among non black population"). The loinc.org pages of these two codes were
# not in the reference corpus searched on 2026-11-29. The app's eGFR is the race-free
# CKD-EPI 2021 (NKF-ASN task force 2021, ../shared/domain.md): these are not imported.
RACE_BASED_EGFR = {"48643-1": "MDRD", "48642-3": "MDRD"}
NOT_THE_SAME = {
    "5804-0": "spot urine protein (mg/dL) is neither a 24-hour amount nor a "
    "protein/creatinine ratio",
    "2888-6": "urine protein concentration in a 24-hour collection (mg/dL) is not the "
    "24-hour amount",
}
IMPORTED_STATUSES = ("final", "amended", "corrected")
CORRECTING_STATUSES = ("amended", "corrected")
VOIDING_STATUSES = ("entered-in-error", "cancelled")  # a stored result is then a conflict
PRELIMINARY_NOTE = "Preliminary result (not final when imported)"


def _date_of(resource: dict) -> str | None:
    for key in ("effectiveDateTime", "effectiveInstant"):
        if isinstance(resource.get(key), str):
            return resource[key]
    period = resource.get("effectivePeriod")
    if isinstance(period, dict) and isinstance(period.get("start"), str):
        return period["start"]
    return None


_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}T(([01]\d|2[0-3]):[0-5]\d)")
TIME_URL = "urn:lupus-tracker:time-of-day"  # as fhir_export writes a result's time


def _time_of_day(when: str, resource: dict) -> str | None:
    """The clock time as the source wrote it ("09:45"), or our export's extension."""
    clock = _CLOCK.match(when)
    if clock is not None:
        return clock.group(1)
    for extension in resource.get("extension") or []:
        if isinstance(extension, dict) and extension.get("url") == TIME_URL:
            value = str(extension.get("valueTime", ""))
            if re.match(r"^([01]\d|2[0-3]):[0-5]\d", value):
                return value[:5]
    return None


def _day(when: str):
    """The day of a FHIR date or dateTime; a partial date is refused."""
    if len(when) < 10 or when[4:5] != "-" or when[7:8] != "-":
        raise DateParseError(f"the date {when!r} is not precise to the day")
    return parse_date(when[:10])


def _refs(resource: dict, key: str) -> list[str]:
    items = resource.get(key) or []
    return [
        i["reference"] for i in items if isinstance(i, dict) and isinstance(i.get("reference"), str)
    ]


def _resources(document: object, skipped: list[Skipped]) -> list[tuple[str, dict]]:
    """(name, resource) for every resource in the document, contained ones included.
    Bundle entries without a resource (responses, deletions in a history) are skipped."""
    if not isinstance(document, dict) or "resourceType" not in document:
        raise ExchangeError("This JSON is not a FHIR resource (no resourceType).")
    found: list[tuple[str, dict]] = []

    def add(resource: dict, full_url: str | None) -> None:
        kind = resource.get("resourceType")
        rid = resource.get("id")
        name = full_url or (f"{kind}/{rid}" if rid else f"{kind} #{len(found) + 1}")
        if kind == "Bundle":
            entries = resource.get("entry") or []
            if not isinstance(entries, list):
                raise ExchangeError("The Bundle's entry is not a list.")
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    raise ExchangeError(f"Bundle entry {index} is not an object.")
                if not isinstance(entry.get("resource"), dict):
                    request = entry.get("request")
                    method = request.get("method") if isinstance(request, dict) else None
                    what = f"a {method} request" if method else "a response or reference"
                    skipped.append(
                        Skipped(f"Bundle entry {index}", f"no resource ({what}): nothing to import")
                    )
                    continue
                add(entry["resource"], entry.get("fullUrl"))
            return
        found.append((name, resource))
        for contained in resource.get("contained") or []:
            if isinstance(contained, dict):
                add(contained, f"#{contained.get('id', '')}")

    add(document, None)
    return found


def _aliases(name: str, resource: dict) -> set[str]:
    """The ways another resource may refer to this one."""
    kind, rid = resource.get("resourceType"), resource.get("id")
    names = {name}
    if rid:
        names |= {f"{kind}/{rid}", f"#{rid}"}
    if "/" in name and not name.startswith("urn:"):
        names.add("/".join(name.rsplit("/", 2)[-2:]))
    return names


def _inherited_dates(resources: list[tuple[str, dict]]) -> dict[str, str]:
    dates: dict[str, str] = {}
    for _name, resource in resources:
        when = _date_of(resource) or (
            resource.get("issued") if resource.get("resourceType") == "DiagnosticReport" else None
        )
        if not when:
            continue
        for ref in _refs(resource, "result") + _refs(resource, "hasMember"):
            dates.setdefault(ref, when)
    return dates


def _loinc_codes(concept: object) -> list[tuple[str, str]]:
    if not isinstance(concept, dict):
        return []
    return [
        (str(c.get("code", "")), c.get("display", ""))
        for c in concept.get("coding") or []
        if isinstance(c, dict) and c.get("system") in LOINC_SYSTEMS
    ]


def _text(concept: object) -> str:
    if not isinstance(concept, dict):
        return ""
    if concept.get("text"):
        return str(concept["text"])
    for coding in concept.get("coding") or []:
        if isinstance(coding, dict) and coding.get("display"):
            return str(coding["display"])
    return ""


def _label(concept: object, fallback: str) -> str:
    """What a skipped or remarked item is called: its text or display, else the name of
    the marker its LOINC code is ("4485-9" is Complement C3), else ``fallback``."""
    text = _text(concept)
    if text:
        return text
    for code, _ in _loinc_codes(concept):
        marker = marker_for_loinc(code)
        if marker is not None:
            return marker.name
    return fallback


_PLAIN_DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def _number_text(value: object) -> str:
    """The number as the file wrote it (``1.90`` stays ``1.90``), exponents written out."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"the value {value!r} is not a number")
    literal = getattr(value, "literal", None)
    if literal is not None and _PLAIN_DECIMAL.match(literal):
        return literal
    if isinstance(value, int):
        return str(value)
    return format_number(float(value))


def _unit_text(marker: Marker, quantity: dict) -> str | None:
    """The unit as the marker knows it: the UCUM code first, then the printed text."""
    for candidate in (quantity.get("code"), quantity.get("unit")):
        if isinstance(candidate, str) and marker.units.find(candidate) is not None:
            return candidate
    for candidate in (quantity.get("unit"), quantity.get("code")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate
    return None


def _value_and_unit(marker: Marker, item: dict) -> tuple[str, str | None]:
    if isinstance(item.get("valueQuantity"), dict):
        quantity = item["valueQuantity"]
        text = (quantity.get("comparator") or "") + _number_text(quantity.get("value"))
        unit = _unit_text(marker, quantity)
        if unit is None and not has_no_unit(marker):
            raise ValueError(NO_UNIT)
        return text, unit
    if isinstance(item.get("valueRatio"), dict):
        ratio = item["valueRatio"]
        numerator = (ratio.get("numerator") or {}).get("value")
        denominator = (ratio.get("denominator") or {}).get("value")
        if numerator == 1 and denominator:
            return f"1:{_number_text(denominator)}", None
        raise ValueError("a ratio that is not a 1:N titer")
    if isinstance(item.get("valueString"), str):
        return _unitless_text(marker, item["valueString"]), None
    if isinstance(item.get("valueCodeableConcept"), dict):
        unit = next(
            (
                x.get("valueCode")
                for x in item.get("extension") or []
                if isinstance(x, dict) and x.get("url") == UNIT_URL
            ),
            None,
        )
        return _word(marker, _text(item["valueCodeableConcept"])), unit
    if isinstance(item.get("valueInteger"), int) and not isinstance(item["valueInteger"], bool):
        return _unitless_text(marker, str(item["valueInteger"])), None
    raise ValueError("no value")


_PLUSES = re.compile(r"(?<![+\w])(\+{1,4})(?![+\w])")


def _word(marker: Marker, text: str) -> str:
    """A coded answer as the marker's word: a dipstick's ``+++`` (e.g. SNOMED CT 167277001
    "Urine protein test = +++") is ``3+``."""
    lowered = " ".join(text.split()).lower()
    if lowered in (w.lower() for w in marker.words):
        return lowered
    if "4+" in marker.words:
        pluses = _PLUSES.findall(lowered)
        if len(pluses) == 1:
            return f"{len(pluses[0])}+"
    return lowered


def _unitless_text(marker: Marker, text: str) -> str:
    """A value given as text or integer: a plain number needs a unit to mean anything
    (a text that is not a number is left to the check of the entry, which names it)."""
    if number_without_unit(marker, text, None):
        raise ValueError(f"{text!r}: {NO_UNIT}")
    return text


def _result_unit(marker: Marker, value: str, unit: str | None) -> Unit | None:
    """The unit the result is in, for reading its range (None: cannot tell)."""
    try:
        parsed = parse_for_marker(marker, value)
    except ValueParseError:
        return None
    if unit is not None:
        return marker.units.find(unit)
    return default_unit(marker, parsed)


def _source(resource: dict) -> Source:
    """How the result came to be, as a Lupus Tracker export marks it; else imported."""
    meta = resource["meta"] if isinstance(resource.get("meta"), dict) else {}
    for tag in meta.get("tag") or []:
        if (
            isinstance(tag, dict)
            and tag.get("system") == SOURCE_TAG
            and isinstance(tag.get("code"), str)
        ):
            try:
                return Source(tag["code"])
            except ValueError:
                break
    return Source.IMPORTED


def _pattern(resource: dict) -> str | None:
    """The ANA pattern from its own component (LOINC 49311-4)."""
    for component in resource.get("component") or []:
        if isinstance(component, dict) and any(
            c == PATTERN_LOINC for c, _ in _loinc_codes(component.get("code"))
        ):
            text = component.get("valueString") or _text(component.get("valueCodeableConcept"))
            return str(text) if text else None
    return None


def _identifier(resource: dict) -> str | None:
    """The source's identifier of a result ("system|value"); Lupus Tracker's own export ids
    are not a source's (an exported result carries its source's identifier after them)."""
    for ident in resource.get("identifier") or []:
        if (
            isinstance(ident, dict)
            and isinstance(ident.get("value"), str)
            and not str(ident.get("system", "")).startswith("urn:lupus-tracker:")
        ):
            return f"{ident.get('system', '')}|{ident['value']}"
    return None


class _Reader:
    def __init__(
        self,
        plan: ImportPlan,
        dates: dict[str, str],
        options: ImportOptions,
        sex: Sex | None,
        patient: FilePatient | None,
    ):
        self.plan = plan
        self.dates = dates
        self.options = options
        self.sex = sex
        self.patient = patient
        self.from_issued = False
        self.by_identifier: dict[str, int] = {}  # identifier -> index in plan.results
        self.organizations: dict[str, str] = {}  # how the file refers to its labs -> name
        self.by_alias: dict[str, dict] = {}  # how the file refers to a resource -> it

    def skip(self, where: str, reason: str) -> None:
        self.plan.skipped.append(Skipped(where, reason))

    def observation(self, name: str, aliases: set[str], resource: dict) -> None:
        label = _label(resource.get("code"), "Observation")
        status = resource.get("status")
        preliminary = status == "preliminary" and self.options.include_preliminary
        if status not in IMPORTED_STATUSES and not preliminary:
            hint = (
                " (use --include-preliminary to import it marked as such)"
                if status == "preliminary"
                else ""
            )
            self.skip(name, f"{label}: status {status or 'missing'!r} is not a final result{hint}")
            identifier = _identifier(resource)
            if status in VOIDING_STATUSES and identifier is not None:
                # Whether the database holds it is known when the plan is reconciled.
                self.plan.retractions.append(Retraction(identifier, name, label, status))
            return
        subject = (
            (resource.get("subject") or {}).get("reference")
            if isinstance(resource.get("subject"), dict)
            else None
        )
        if subject and self.patient is not None and subject not in self.patient.aliases:
            self.skip(name, f"{label}: belongs to another patient ({subject})")
            return
        when = _date_of(resource) or next((self.dates[a] for a in aliases if a in self.dates), None)
        self.from_issued = False
        if not when and isinstance(resource.get("issued"), str):
            when, self.from_issued = resource["issued"], True
        lab, not_a_lab = performing_lab(
            resource, self.organizations, _own_record(resource) is not None
        )
        if lab is None and not resource.get("performer") and _source(resource) is Source.COMPUTED:
            lab = self.derived_lab(resource)
        has_value = any(k.startswith("value") for k in resource)
        identifier = _identifier(resource)
        imported = len(self.plan.results)
        if not has_value and resource.get("component"):
            self.components(name, resource, when, lab, identifier)
        elif not has_value and resource.get("hasMember"):
            return  # a panel: its members are read on their own
        elif not self.symptom(name, resource, when):
            self.item(name, resource, when, lab, resource, identifier)
        if not_a_lab and len(self.plan.results) > imported:
            self.plan.notices.append(Skipped(name, f"{label}: {not_a_lab}"))

    def derived_lab(self, resource: dict) -> str | None:
        """A computed value's lab: its source's (a computed eGFR names no performer: the
        creatinine it is derived from, in ``derivedFrom``, does)."""
        for ref in _refs(resource, "derivedFrom"):
            source = self.by_alias.get(ref)
            if source is not None:
                lab, _ = performing_lab(source, self.organizations, _own_record(source) is not None)
                return lab
        return None

    def components(
        self, name: str, resource: dict, when: str | None, lab: str | None, identifier: str | None
    ) -> None:
        """The results in ``component``. Several components of one Observation that are
        one marker (two eGFR at one instant) are all skipped: the app never stores two
        values of one marker at one time from one result, and never chooses one."""
        components = resource["component"]
        markers = [_component_marker(c) for c in components]
        counts = Counter(m for m in markers if m is not None)
        for index, component in enumerate(components):
            where = f"{name} component {index + 1}"
            marker = markers[index]
            if marker is not None and counts[marker] > 1:
                label = _label(component.get("code"), marker.name)
                self.skip(
                    where,
                    f"{label}: one of {counts[marker]} {marker.name} values in one "
                    "Observation at one time: none is imported (the app will not choose one)",
                )
                continue
            ident = f"{identifier}#{index}" if identifier else None
            self.item(where, component, when, lab, resource, ident)

    def symptom(self, where: str, resource: dict, when: str | None) -> bool:
        """A symptom Observation as Lupus Tracker exports it; False if it is not one."""
        key = symptom_key(resource)
        if key is None:
            return False
        try:
            entry = check_symptom(symptom_entry(key, _day(when or ""), resource))
        except (DateParseError, InvalidEntryError) as error:
            self.skip(where, f"symptom {key}: {error}")
            return True
        self.plan.symptoms.append(entry)
        return True

    def item(
        self,
        where: str,
        item: dict,
        when: str | None,
        lab: str | None,
        parent: dict,
        identifier: str | None,
    ) -> None:
        codes = _loinc_codes(item.get("code"))
        label = _label(item.get("code"), "(no name)")
        if not codes:
            self.skip(where, f"{label}: no LOINC code")
            return
        race_based = [c for c, _ in codes if c in RACE_BASED_EGFR]
        if race_based:
            equation = RACE_BASED_EGFR[race_based[0]]
            self.skip(
                where,
                f"race-based eGFR ({equation}) not imported: {label} (LOINC {race_based[0]}) "
                "is one of a pair stratified by race (among blacks / among non-blacks): "
                "taking either would assume the patient's race; the app's eGFR is the "
                "race-free CKD-EPI 2021",
            )
            return
        marker = None
        for code, _ in codes:
            if code in NOT_THE_SAME:
                self.skip(where, f"{label} (LOINC {code}): {NOT_THE_SAME[code]}")
                return
            marker = marker or marker_for_loinc(code)
        if marker is None:
            self.skip(
                where,
                f"{label} (LOINC {', '.join(c for c, _ in codes)}): not a marker this app tracks",
            )
            return
        if not when:
            self.skip(where, f"{label}: no date")
            return
        try:
            day = _day(when)
            value, unit = _value_and_unit(marker, item)
        except (DateParseError, ValueError) as error:
            self.skip(where, f"{label}: {error}")
            return
        method = (
            next(
                (METHOD_BY_CODE[c] for c, _ in codes if c in METHOD_BY_CODE and c != marker.loinc),
                None,
            )
            or _text(parent.get("method"))
            or None
        )
        notes = [n.get("text") for n in parent.get("note") or [] if isinstance(n, dict)]
        if self.from_issued:
            notes.insert(0, "date taken from 'issued' (the report gave no collection date)")
        if parent.get("status") == "preliminary":
            notes.insert(0, PRELIMINARY_NOTE)
        version = version_of(parent)
        if version.is_correction:  # read back when a later version is imported
            notes.insert(0, version.note())
        reading = read_range(item, marker, _result_unit(marker, value, unit), self.sex)
        source = _source(parent)
        pattern = _pattern(parent) if item is parent else None
        entry = LabEntry(
            day,
            marker.key,
            value,
            unit,
            reading.text,
            lab,
            method,
            pattern,
            note="; ".join(n for n in notes if n)[:2000] or None,
            source=source,
            number_format=NumberFormat.POINT,  # FHIR numbers are JSON numbers
            taken_at=_time_of_day(when, parent),
            source_id=identifier,
        )
        remark = reading.remark
        try:
            measurement = check_entry(entry, self.sex)
        except InvalidEntryError as error:
            if entry.ref_range is None:
                self.skip(where, f"{label}: {error}")
                return
            entry = replace(entry, ref_range=None)
            remark = f"{error}: imported without a range"
            try:
                measurement = check_entry(entry, self.sex)
            except InvalidEntryError as again:
                self.skip(where, f"{label}: {again}")
                return
        # Its identity now, from this interpretation: reconciling need not interpret again.
        self.plan.keys[entry] = measured_key(entry, measurement)
        self.plan.measurements[entry] = measurement
        if remark:
            self.plan.notices.append(Skipped(where, f"{label}: {remark}"))
        own = _own_record(parent)
        if own is not None:
            self.plan.origin, self.plan.own_ids[entry] = own
        self.add(where, entry, identifier, version)

    def add(self, where: str, entry: LabEntry, identifier: str | None, version: Version) -> None:
        """Add ``entry``; an amended or corrected result replaces the earlier one with the
        same identifier when it is newer (exchange/versions.py; in the file here, in the
        database when the plan is reconciled)."""
        if identifier is not None and identifier in self.by_identifier:
            index = self.by_identifier[identifier]
            if not version.is_correction:
                self.skip(where, "an earlier result with the same identifier is kept")
                return
            why_not = supersedes(version, self.plan.corrections.get(identifier))
            if why_not:
                self.skip(where, f"{version.status}: {why_not}")
                return
            self.plan.notices.append(
                Skipped(
                    where,
                    f"{version.status}: replaces the earlier result with the same identifier",
                )
            )
            self.plan.corrections[identifier] = version
            self.plan.results[index] = entry
            return
        if identifier is not None:
            if version.is_correction:
                self.plan.corrections[identifier] = version
            self.by_identifier[identifier] = len(self.plan.results)
        self.plan.results.append(entry)


_OWN_RESULT = re.compile(r"^result/([0-9]+)$")


def _component_marker(component: object) -> Marker | None:
    """The marker a component would be imported as (None: it would be skipped anyway)."""
    if not isinstance(component, dict):
        return None
    codes = [c for c, _ in _loinc_codes(component.get("code"))]
    if any(c in RACE_BASED_EGFR or c in NOT_THE_SAME for c in codes):
        return None
    return next((m for m in map(marker_for_loinc, codes) if m is not None), None)


def _own_record(resource: dict) -> tuple[str, int] | None:
    """(database identity, stored result id) from the identifier Lupus Tracker's own export
    gives a result (``urn:lupus-tracker:<uuid>`` ``result/<id>``), else None."""
    for ident in resource.get("identifier") or []:
        if not isinstance(ident, dict):
            continue
        system, value = str(ident.get("system", "")), str(ident.get("value", ""))
        found = _OWN_RESULT.match(value)
        if system.startswith("urn:lupus-tracker:") and found:
            return system.removeprefix("urn:lupus-tracker:"), int(found.group(1))
    return None


def _patients(resources: list[tuple[str, dict]]) -> list[FilePatient]:
    """Every Patient in the file, and every patient its Observations refer to."""
    patients: list[FilePatient] = []
    for name, resource in resources:
        if resource.get("resourceType") == "Patient":
            profile, names = read_patient(resource)
            rid = resource.get("id") if isinstance(resource.get("id"), str) else None
            patients.append(
                FilePatient(name, frozenset(_aliases(name, resource)), profile, names, rid)
            )
    for _name, resource in resources:
        if resource.get("resourceType") != "Observation":
            continue
        subject = resource.get("subject")
        ref = subject.get("reference") if isinstance(subject, dict) else None
        if isinstance(ref, str) and not any(ref in p.aliases for p in patients):
            patients.append(FilePatient(ref, frozenset({ref})))
    return patients


def read_fhir(
    path: Path, options: ImportOptions | None = None, sex: Sex | None = None
) -> ImportPlan:
    """Read a FHIR R4 JSON file; ``sex`` (the profile's) chooses ranges given by sex."""
    options = options or ImportOptions()
    text, encoding = read_text(path)
    if text.lstrip().startswith("<"):
        raise ExchangeError("FHIR XML is not supported: export JSON.")
    document = load_json(text, path.name)
    plan = ImportPlan(source=str(path), encoding=encoding, options=options)
    plan.symptoms_checked = True  # the reader adds only what check_symptom returned
    try:
        resources = _resources(document, plan.skipped)
        patient = choose_patient(_patients(resources), options.patient_id)
        if patient is not None and patient.profile is not None:
            plan.profile, plan.patient_names = patient.profile, patient.names
            sex = sex or patient.profile.sex
        reader = _Reader(plan, _inherited_dates(resources), options, sex, patient)
        reader.organizations = organizations(resources, _aliases)
        reader.by_alias = {a: r for n, r in resources for a in _aliases(n, r)}
        records = RecordReader(plan)
    except (AttributeError, TypeError) as error:
        raise ExchangeError(f"{path.name} is not well-formed FHIR ({error}).") from None
    for name, resource in resources:
        kind = resource.get("resourceType")
        try:
            try:
                if records.read(resource):
                    continue
            except (ValueError, KeyError, InvalidEntryError) as error:
                reader.skip(name, f"{kind}: {error}")
                continue
            if kind == "Observation":
                reader.observation(name, _aliases(name, resource), resource)
            elif kind not in (
                "Patient",
                "DiagnosticReport",
                "Specimen",
                "Practitioner",
                "Organization",
            ):
                reader.skip(name, f"{kind} is not imported")
        except (AttributeError, TypeError) as error:
            raise ExchangeError(f"{name}: this {kind} is not well-formed FHIR ({error}).") from None
    try:
        records.finish()
    except (ValueError, InvalidEntryError) as error:
        raise ExchangeError(f"{path.name}: a medication is not well-formed ({error}).") from None
    return plan
