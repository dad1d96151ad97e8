"""Export as a FHIR R4 Bundle (``collection``, or ``transaction`` for a FHIR server): the
whole record, so that importing it into an empty file restores everything.

- Patient; one Observation per lab result and vital sign: LOINC code by unit, kind and
  eGFR equation (:mod:`codes`), the value with its printed precision (``1.90``), only the
  lab's printed range (an exclusive bound such as ``<80`` as ``referenceRange.text`` without
  an inclusive limit), the flag against that range, the ANA pattern in its own component
  (LOINC 49311-4), the source in ``meta.tag`` and, for a computed eGFR, ``derivedFrom`` the
  creatinine with the method "CKD-EPI 2021 (computed)" (or "Bedside Schwartz (computed)",
  exported with its name and no LOINC code: exchange/codes.py export_code);
- symptoms, diary notes, SLEDAI-2K, medications, events, photos and report notes (see
  :mod:`fhir_records`).

Value types: a number is a ``valueQuantity`` (with ``comparator`` for ``<0.5``); a titer
is a ``valueRatio`` 1:N (a bounded titer such as ``<1:40``, which a Ratio cannot carry, is
a ``valueString``); a word is a ``valueCodeableConcept`` with the word as text.

Resource ids derive from the database's random identity UUID, never from its file name.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import re
import secrets
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import cast

from lupus_tracker.domain.catalog import Category, get_marker
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.records import LabResult, Source, SymptomEntry
from lupus_tracker.exchange import fhir_records
from lupus_tracker.exchange.codes import export_code, export_display
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.files import write_private
from lupus_tracker.exchange.snapshot import read_snapshot
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.results_repo import measurement_of

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
SOURCE_TAG = "urn:lupus-tracker:source"
TIME_URL = "urn:lupus-tracker:time-of-day"  # FHIR times need a zone; the app keeps none
UNIT_URL = "urn:lupus-tracker:unit"  # the unit of a word result (a kit's U/mL "positive")
PATTERN_LOINC = "49311-4"  # ANA pattern, narrative (../shared/domain.md)
BUNDLE_TYPES = ("collection", "transaction")

_CODES = {
    Flag.LOW: ("L", "Low"),
    Flag.HIGH: ("H", "High"),
    Flag.NORMAL: ("N", "Normal"),
    Flag.ABNORMAL: ("A", "Abnormal"),
}


class PreciseNumber(float):
    """A number written as printed: ``1.90`` keeps its zero in the JSON."""

    literal: str

    def __new__(cls, literal: str) -> PreciseNumber:
        number = super().__new__(cls, literal)
        number.literal = literal
        return number


def database_uuid(repo: Repository) -> uuid.UUID:
    """The database's identity (a random UUID stored in the file), the root of every
    exported id: two patients' files never share ids, whatever their names."""
    identity = repo.identity()
    if identity is None:  # only a file opened without migrating has none
        raise ExchangeError(
            "This file has not been upgraded yet; open it once in the app, then export again."
        )
    return uuid.UUID(identity)


class Ids:
    """``urn:uuid:`` full URLs and business identifiers for one database's records."""

    def __init__(self, root: uuid.UUID):
        self.root = root
        self.system = f"urn:lupus-tracker:{root}"
        self._namespace = hashlib.sha1(root.bytes, usedforsecurity=False)

    def url(self, kind: str, key: object) -> str:
        """``urn:uuid:`` + ``uuid.uuid5(root, "kind/key")`` (RFC 4122 name-based, SHA-1),
        computed from the namespace's hash state: a decade of symptoms has 100,000 ids."""
        digest = self._namespace.copy()
        digest.update(f"{kind}/{key}".encode())
        h = digest.hexdigest()
        # The version nibble becomes 5, the variant's top bits 10 (RFC 4122).
        return f"urn:uuid:{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"

    def identifier(self, kind: str, key: object) -> list[dict]:
        return [{"system": self.system, "value": f"{kind}/{key}"}]


# The first hex digit of a UUID's clock_seq_hi_and_reserved with its two top bits set to 10.
_VARIANT = {f"{n:x}": f"{(n & 0x3) | 0x8:x}" for n in range(16)}


def entry(full_url: str, resource: dict) -> dict:
    resource["id"] = full_url.removeprefix("urn:uuid:")
    return {"fullUrl": full_url, "resource": resource}


_JSON_NUMBER = re.compile(r"^(0|[1-9][0-9]*)(\.[0-9]+)?$")


def _number(text: str, number: float) -> PreciseNumber | int | float:
    """The value as printed when that is a valid JSON number (``1.90``), else the number."""
    literal = text.lstrip("<>=").strip().replace(",", ".")
    if not _JSON_NUMBER.match(literal):
        return _plain(number)
    return int(literal) if "." not in literal else PreciseNumber(literal)


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _quantity(value, unit) -> dict:
    return {"value": value, "unit": unit.label, "system": UCUM, "code": unit.code}


def _value(m: Measurement) -> dict:
    value = m.value
    number = value.number
    if number is None:  # a word (a value has a number or a word)
        return {"valueCodeableConcept": {"text": value.word or value.text}}
    if value.is_titer:
        if value.comparator is not None:
            return {"valueString": value.text}
        denominator = {"value": _plain(number)}
        return {"valueRatio": {"numerator": {"value": 1}, "denominator": denominator}}
    quantity = _quantity(_number(value.text, number), m.unit)
    if value.comparator is not None:
        quantity["comparator"] = value.comparator.value
    return {"valueQuantity": quantity}


def _reference_range(m: Measurement) -> list[dict]:
    """Only the lab's printed range; an exclusive bound stays text, never an inclusive
    limit that would change its meaning."""
    if m.ref is None or not m.ref_is_lab:
        return []
    ref = m.ref
    entry_: dict = {"text": ref.text()}
    if ref.word is None and not ref.titer:
        if ref.low is not None and (ref.low_inclusive or ref.high is not None):
            entry_["low"] = _quantity(_plain(ref.low), m.unit)
        if ref.high is not None and (ref.high_inclusive or ref.low is not None):
            entry_["high"] = _quantity(_plain(ref.high), m.unit)
    return [entry_]


def observation(result: LabResult, sex, patient_ref: str, derived_from: Sequence[str] = ()) -> dict:
    marker = get_marker(result.marker)
    m = measurement_of(result)  # interpreted once, when the store loaded it
    vital = marker.category is Category.VITAL
    code = export_code(marker, m, result.assay)
    shown_as = export_display(marker, code, result.assay)
    resource: dict = {
        "resourceType": "Observation",
        "meta": {"tag": [{"system": SOURCE_TAG, "code": result.source.value}]},
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": CATEGORY,
                        "code": "vital-signs" if vital else "laboratory",
                        "display": "Vital Signs" if vital else "Laboratory",
                    }
                ]
            }
        ],
        # Without a verified LOINC code (a bedside Schwartz eGFR) the name alone.
        "code": (
            {"coding": [{"system": LOINC, "code": code, "display": shown_as}], "text": shown_as}
            if code is not None
            else {"text": shown_as}
        ),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": result.taken_on.isoformat(),
        **_value(m),
    }
    extensions = []
    if result.taken_at:
        extensions.append({"url": TIME_URL, "valueTime": f"{result.taken_at}:00"})
    if m.value.word is not None and m.unit.family not in ("ordinal", "titer"):
        extensions.append({"url": UNIT_URL, "valueCode": m.unit.code})
    if extensions:
        resource["extension"] = extensions
    ranges = _reference_range(m)
    if ranges:
        resource["referenceRange"] = ranges
        if m.flag in _CODES:
            flag, display = _CODES[m.flag]
            resource["interpretation"] = [
                {"coding": [{"system": INTERPRETATION, "code": flag, "display": display}]}
            ]
    if result.assay:
        resource["method"] = {"text": result.assay}
    # A computed value was not performed by the lab: no performer (its creatinine, in
    # derivedFrom, names the lab; the import takes the lab from there).
    if result.lab and result.source is not Source.COMPUTED:
        resource["performer"] = [{"type": "Organization", "display": result.lab}]
    if result.pattern:
        resource["component"] = [
            {
                "code": {
                    "coding": [
                        {"system": LOINC, "code": PATTERN_LOINC, "display": "Nuclear Ab pattern"}
                    ],
                    "text": "ANA pattern",
                },
                "valueString": result.pattern,
            }
        ]
    if result.source is Source.COMPUTED and derived_from:
        resource["derivedFrom"] = [{"reference": ref} for ref in derived_from]
    if result.note:
        resource["note"] = [{"text": result.note}]
    return resource


class Encoded(str):
    """A Bundle entry already written as JSON text (see :class:`EntryText`)."""


class _TemplateDay:
    """Stands for a date in a template: its ISO text is the placeholder."""

    def __init__(self, text: str):
        self.text = text

    def isoformat(self) -> str:
        return self.text


class EntryText:
    """Symptom entries written straight as JSON text, from one template per symptom. The
    template is the JSON of the very entry :func:`fhir_records.symptom_resource` builds,
    built with placeholders for the day and the severity: the layout stays in one place,
    and the text is what ``json.dumps`` writes for the entry itself (a test compares)."""

    def __init__(self, ids: Ids, bundle_type: str):
        self.ids = ids
        self.bundle_type = bundle_type
        self.token = secrets.token_hex(8)  # random: no text in the record can hold it
        self._templates: dict[str, str] = {}

    def symptom(self, s: SymptomEntry, url: str, code: dict, subject: dict) -> Encoded:
        template = self._templates.get(s.symptom)
        if template is None:
            template = self._templates[s.symptom] = self._template(s.symptom, code, subject)
        day = s.day.isoformat()
        return Encoded(template % {"id": url[len("urn:uuid:") :], "day": day, "sev": s.severity})

    def _template(self, symptom: str, code: dict, subject: dict) -> str:
        t = self.token
        stand_in = SimpleNamespace(
            day=_TemplateDay(f"{t}day"),
            symptom=symptom,
            severity=f"{t}sev",
            location=None,
            note=None,
            body_site=None,
        )
        resource = fhir_records.symptom_resource(cast(SymptomEntry, stand_in), code, subject)
        key = fhir_records.symptom_record_key(f"{t}day", symptom)
        resource["identifier"] = self.ids.identifier("symptom", key)
        item = entry(f"urn:uuid:{t}id", resource)
        if self.bundle_type == "transaction":
            _add_request(item)
        text = _json(item).replace("%", "%%").replace(f'"{t}sev"', "%(sev)d")
        return text.replace(f"{t}day", "%(day)s").replace(f"{t}id", "%(id)s")


def bundle(repo: Repository, bundle_type: str = "collection") -> dict:
    """The whole record as one Bundle, read in one snapshot."""
    return _bundle(repo, bundle_type, as_text=False)


def _add_request(item: dict) -> None:
    """A transaction entry's request: POST unless the server holds the identifier."""
    resource = item["resource"]
    ident = resource["identifier"][0]
    item["request"] = {
        "method": "POST",
        "url": resource["resourceType"],
        "ifNoneExist": f"identifier={ident['system']}|{ident['value']}",
    }


def _bundle(repo: Repository, bundle_type: str, as_text: bool) -> dict:
    """The Bundle; ``as_text``: plain symptom entries as :class:`Encoded` JSON text."""
    if bundle_type not in BUNDLE_TYPES:
        raise ValueError(f"bundle type {bundle_type!r}: use collection or transaction")
    with read_snapshot(repo):
        ids = Ids(database_uuid(repo))
        profile = repo.profile.get()
        patient_ref = ids.url("patient", "")
        patient: dict = {"resourceType": "Patient", "identifier": ids.identifier("patient", "")}
        if profile.name:
            patient["name"] = [{"text": profile.name}]
        if profile.birth_date:
            patient["birthDate"] = profile.birth_date.isoformat()
        if profile.sex:
            patient["gender"] = str(profile.sex)
        entries = [entry(patient_ref, patient)]
        results = repo.results.all()
        creatinine: dict = {}
        for r in results:
            if r.marker == "creatinine":
                creatinine.setdefault(r.taken_on, []).append(ids.url("result", r.id))
        for r in results:
            resource = observation(
                r,
                profile.sex,
                patient_ref,
                creatinine.get(r.taken_on, []) if r.marker == "egfr" else [],
            )
            resource["identifier"] = ids.identifier("result", r.id)
            if r.source_id:  # the lab's own identifier of the result, kept after ours
                system, _, value = r.source_id.rpartition("|")
                resource["identifier"].append(
                    {"system": system, "value": value} if system else {"value": value}
                )
            entries.append(entry(ids.url("result", r.id), resource))
        finish = EntryText(ids, bundle_type) if as_text else None
        entries += fhir_records.resources(repo, ids, patient_ref, finish)
    document = {"resourceType": "Bundle", "type": bundle_type, "entry": entries}
    if bundle_type == "transaction":
        for item in entries:
            if not isinstance(item, Encoded):  # a template has its request
                _add_request(item)
    return document


def dumps(document: dict) -> str:
    """JSON text with each :class:`PreciseNumber` written as printed. Compact, so that
    the C encoder writes decades of data in seconds."""
    return "".join(json_pieces(document))


_CHUNK = 5000  # entries per piece of text: a few MB, never the whole 80 MB file at once


def json_pieces(document: dict) -> Iterator[str]:
    """The text of :func:`dumps`, piece by piece (the export writes each as it comes)."""
    token = secrets.token_hex(8)  # random: no text in the record can hold it
    head = _json({k: v for k, v in document.items() if k != "entry"})
    if "entry" not in document:
        yield head
        return
    yield f'{head[:-1]}{"," if len(head) > 2 else ""}"entry":['
    # Only a result's valueQuantity carries a printed decimal: such an entry is copied with
    # the value as the string "TOKEN1.90TOKEN", whose quotes and tokens are dropped from
    # the text of its run of entries only (not from the whole file).
    runs: list[tuple[str, list]] = []
    for item in document["entry"]:
        if isinstance(item, Encoded):
            kind = "text"
        else:  # the results with a quantity: one run or a few
            kind = "quantity" if "valueQuantity" in item["resource"] else "plain"
        if not runs or runs[-1][0] != kind:
            runs.append((kind, []))
        runs[-1][1].append(_marked(item, token) or item if kind == "quantity" else item)
    first = True
    for kind, items in runs:
        for start in range(0, len(items), _CHUNK):
            chunk = items[start : start + _CHUNK]
            if kind == "text":
                text = ",".join(chunk)
            else:
                text = _json(chunk)[1:-1]
                if kind == "quantity":
                    text = text.replace(f'"{token}', "").replace(f'{token}"', "")
            if not first:
                yield ","
            yield text
            first = False
    yield "]}"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _marked(item: dict, token: str) -> dict | None:
    """A copy of the entry with its printed decimal marked, or None if it has none."""
    resource = item["resource"]
    quantity = resource.get("valueQuantity")
    value = quantity.get("value") if isinstance(quantity, dict) else None
    if not isinstance(value, PreciseNumber):
        return None
    quantity = {**quantity, "value": f"{token}{value.literal}{token}"}
    return {**item, "resource": {**resource, "valueQuantity": quantity}}


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """The cycle collector paused: a bundle is 100,000 dicts without cycles, which the
    collector would otherwise walk again and again while they are built (freed by
    reference counting all the same)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def export_fhir(repo: Repository, out: Path, bundle_type: str = "collection") -> int:
    with _without_cycle_collection():
        document = _bundle(repo, bundle_type, as_text=True)

    def write(handle) -> None:
        with _without_cycle_collection():
            for piece in json_pieces(document):
                handle.write(piece)

    write_private(out, write)
    return len(document["entry"])
