"""Import FHIR R4 lab data as patient portals and EHRs export it: a Bundle of any type
(collection, searchset, transaction, document), a DiagnosticReport, a panel with
``hasMember``, or a single Observation; results in ``component`` (eGFR by MDRD); units as
UCUM codes or as free text (``K/uL``, ``THOUS/MCL``, ``x10E3/uL``); dates inherited from
the panel or report that lists an Observation when it has none of its own.

Everything that cannot be mapped is listed with the reason: an unknown code, a unit that
cannot be converted, a missing date, a spot urine protein that is neither a 24-hour
amount nor a ratio.
"""

from __future__ import annotations

from pathlib import Path

from lupus_tracker.domain.catalog import Marker, marker_for_loinc
from lupus_tracker.domain.dates import DateParseError, parse_date
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.ranges import RefRange
from lupus_tracker.domain.records import (
    InvalidEntryError,
    LabEntry,
    Profile,
    Sex,
    Source,
    SymptomEntry,
)
from lupus_tracker.domain.values import format_number
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.plan import ImportPlan, Skipped
from lupus_tracker.exchange.textfile import load_json, read_text
from lupus_tracker.store.diary_repo import check_symptom

LOINC = "http://loinc.org"
SYMPTOM_SYSTEM = "urn:lupus-tracker:symptom"  # as fhir_export writes symptoms
METHOD_BY_CODE = {"33914-3": "MDRD", "48642-3": "MDRD", "48643-1": "MDRD (race-based)",
                  "62238-1": "CKD-EPI 2009", "98979-8": "CKD-EPI 2021"}
NOT_THE_SAME = {
    "5804-0": "spot urine protein (mg/dL) is neither a 24-hour amount nor a "
              "protein/creatinine ratio",
    "2888-6": "urine protein concentration in a 24-hour collection (mg/dL) is not the "
              "24-hour amount",
}


def _date_of(resource: dict) -> str | None:
    for key in ("effectiveDateTime", "effectiveInstant"):
        if isinstance(resource.get(key), str):
            return resource[key]
    period = resource.get("effectivePeriod")
    if isinstance(period, dict) and isinstance(period.get("start"), str):
        return period["start"]
    return None


def _refs(resource: dict, key: str) -> list[str]:
    items = resource.get(key) or []
    return [i["reference"] for i in items if isinstance(i, dict)
            and isinstance(i.get("reference"), str)]


def _resources(document: object) -> list[tuple[str, dict]]:
    """(name, resource) for every resource in the document, contained ones included."""
    if not isinstance(document, dict) or "resourceType" not in document:
        raise ExchangeError("This JSON is not a FHIR resource (no resourceType).")
    found: list[tuple[str, dict]] = []

    def add(resource: dict, full_url: str | None) -> None:
        kind = resource.get("resourceType")
        rid = resource.get("id")
        name = full_url or (f"{kind}/{rid}" if rid else f"{kind} #{len(found) + 1}")
        if kind == "Bundle":
            for index, entry in enumerate(resource.get("entry") or []):
                if not isinstance(entry, dict) or not isinstance(entry.get("resource"), dict):
                    raise ExchangeError(f"Bundle entry {index} has no resource.")
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
        when = _date_of(resource) or (resource.get("issued") if
                                      resource.get("resourceType") == "DiagnosticReport"
                                      else None)
        if not when:
            continue
        for ref in _refs(resource, "result") + _refs(resource, "hasMember"):
            dates.setdefault(ref, when)
    return dates


def _loinc_codes(concept: object) -> list[tuple[str, str]]:
    if not isinstance(concept, dict):
        return []
    return [(c.get("code", ""), c.get("display", "")) for c in concept.get("coding") or []
            if isinstance(c, dict) and c.get("system") == LOINC]


def _text(concept: object) -> str:
    if not isinstance(concept, dict):
        return ""
    if concept.get("text"):
        return str(concept["text"])
    for coding in concept.get("coding") or []:
        if isinstance(coding, dict) and coding.get("display"):
            return str(coding["display"])
    return ""


def _number_text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"the value {value!r} is not a number")
    return format_number(float(value))


def _unit_text(marker: Marker, quantity: dict) -> str | None:
    """The unit as the marker knows it: the UCUM code first, then the printed text."""
    for candidate in (quantity.get("code"), quantity.get("unit")):
        if isinstance(candidate, str) and marker.units.find(candidate) is not None:
            return candidate
    return quantity.get("unit") or quantity.get("code")


def _value_and_unit(marker: Marker, item: dict) -> tuple[str, str | None]:
    if isinstance(item.get("valueQuantity"), dict):
        quantity = item["valueQuantity"]
        text = _number_text(quantity.get("value"))
        return (quantity.get("comparator") or "") + text, _unit_text(marker, quantity)
    if isinstance(item.get("valueRatio"), dict):
        ratio = item["valueRatio"]
        numerator = (ratio.get("numerator") or {}).get("value")
        denominator = (ratio.get("denominator") or {}).get("value")
        if numerator == 1 and denominator:
            return f"1:{_number_text(denominator)}", None
        raise ValueError("a ratio that is not a 1:N titer")
    if isinstance(item.get("valueString"), str):
        return item["valueString"], None
    if isinstance(item.get("valueCodeableConcept"), dict):
        return _text(item["valueCodeableConcept"]).lower(), None
    if isinstance(item.get("valueInteger"), int):
        return str(item["valueInteger"]), None
    raise ValueError("no value")


def _range_text(item: dict) -> str | None:
    for entry in item.get("referenceRange") or []:
        if not isinstance(entry, dict):
            continue
        low = (entry.get("low") or {}).get("value")
        high = (entry.get("high") or {}).get("value")
        if low is not None or high is not None:
            return RefRange(low=low, high=high).text()
        if entry.get("text"):
            return str(entry["text"])
    return None


class _Reader:
    def __init__(self, plan: ImportPlan, dates: dict[str, str]):
        self.plan = plan
        self.dates = dates
        self.from_issued = False

    def skip(self, where: str, reason: str) -> None:
        self.plan.skipped.append(Skipped(where, reason))

    def observation(self, name: str, aliases: set[str], resource: dict) -> None:
        when = _date_of(resource) or next((self.dates[a] for a in aliases if a in self.dates),
                                          None)
        self.from_issued = False
        if not when and isinstance(resource.get("issued"), str):
            when, self.from_issued = resource["issued"], True
        lab = next((p.get("display") for p in resource.get("performer") or []
                    if isinstance(p, dict) and p.get("display")), None)
        has_value = any(k.startswith("value") for k in resource)
        if not has_value and resource.get("component"):
            for index, component in enumerate(resource["component"]):
                self.item(f"{name} component {index + 1}", component, when, lab, resource)
        elif not has_value and resource.get("hasMember"):
            return  # a panel: its members are read on their own
        elif not self.symptom(name, resource, when):
            self.item(name, resource, when, lab, resource)

    def symptom(self, where: str, resource: dict, when: str | None) -> bool:
        """A symptom Observation as Lupus Tracker exports it; False if it is not one."""
        codings = (resource.get("code") or {}).get("coding") or []
        key = next((c.get("code") for c in codings if isinstance(c, dict)
                    and c.get("system") == SYMPTOM_SYSTEM), None)
        if key is None:
            return False
        notes = [n.get("text", "") for n in resource.get("note") or [] if isinstance(n, dict)]
        location = next((n.removeprefix("Location: ") for n in notes
                         if n.startswith("Location: ")), None)
        note = "; ".join(n for n in notes if not n.startswith("Location: ")) or None
        try:
            day = parse_date((when or "")[:10], what="symptom date")
            entry = check_symptom(SymptomEntry(day, key, resource.get("valueInteger"),
                                               location, note))
        except (DateParseError, InvalidEntryError) as error:
            self.skip(where, f"symptom {key}: {error}")
            return True
        self.plan.symptoms.append(entry)
        return True

    def item(self, where: str, item: dict, when: str | None, lab: str | None,
             parent: dict) -> None:
        codes = _loinc_codes(item.get("code"))
        label = _text(item.get("code")) or "(no name)"
        if not codes:
            self.skip(where, f"{label}: no LOINC code")
            return
        marker = None
        for code, _ in codes:
            if code in NOT_THE_SAME:
                self.skip(where, f"{label} (LOINC {code}): {NOT_THE_SAME[code]}")
                return
            marker = marker or marker_for_loinc(code)
        if marker is None:
            self.skip(where, f"{label} (LOINC {', '.join(c for c, _ in codes)}): not a "
                             "marker this app tracks")
            return
        if not when:
            self.skip(where, f"{label}: no date")
            return
        try:
            day = parse_date(when[:10])
            value, unit = _value_and_unit(marker, item)
        except (DateParseError, ValueError) as error:
            self.skip(where, f"{label}: {error}")
            return
        method = next((METHOD_BY_CODE[c] for c, _ in codes
                       if c in METHOD_BY_CODE and c != marker.loinc),
                      None) or _text(parent.get("method")) or None
        notes = [n.get("text") for n in parent.get("note") or [] if isinstance(n, dict)]
        if self.from_issued:
            notes.insert(0, "date taken from 'issued' (the report gave no collection date)")
        entry = LabEntry(day, marker.key, value, unit, _range_text(item), lab,
                         method, note="; ".join(n for n in notes if n)[:2000] or None,
                         source=Source.IMPORTED)
        try:
            check_entry(entry)
        except InvalidEntryError as error:
            self.skip(where, f"{label}: {error}")
            return
        self.plan.results.append(entry)


def _patient(resource: dict) -> Profile | None:
    name = ""
    for entry in resource.get("name") or []:
        if isinstance(entry, dict):
            name = entry.get("text") or " ".join([*(entry.get("given") or []),
                                                  entry.get("family") or ""]).strip()
            if name:
                break
    birth = None
    if isinstance(resource.get("birthDate"), str) and len(resource["birthDate"]) == 10:
        try:
            birth = parse_date(resource["birthDate"])
        except DateParseError:
            birth = None
    gender = resource.get("gender")
    sex = Sex(gender) if gender in tuple(Sex) else None  # "other"/"unknown": not for eGFR
    return Profile(name, birth, sex) if (name or birth or sex) else None


def read_fhir(path: Path) -> ImportPlan:
    text, encoding = read_text(path)
    document = load_json(text, path.name)
    plan = ImportPlan(source=str(path), encoding=encoding)
    try:
        resources = _resources(document)
        reader = _Reader(plan, _inherited_dates(resources))
    except (AttributeError, TypeError) as error:
        raise ExchangeError(f"{path.name} is not well-formed FHIR ({error}).") from None
    patients = []
    for name, resource in resources:
        kind = resource.get("resourceType")
        try:
            if kind == "Observation":
                reader.observation(name, _aliases(name, resource), resource)
            elif kind == "Patient":
                patients.append(_patient(resource))
            elif kind not in ("DiagnosticReport", "Specimen", "Practitioner", "Organization"):
                reader.skip(name, f"{kind} is not imported")
        except (AttributeError, TypeError) as error:
            raise ExchangeError(f"{name}: this {kind} is not well-formed FHIR ({error}).") \
                from None
    if len(patients) == 1 and patients[0] is not None:
        plan.profile = patients[0]
    return plan
