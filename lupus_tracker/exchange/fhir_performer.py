"""Which lab a FHIR result comes from: ``Observation.performer`` names a lab only when it
is an Organization.

The lab a result is stored with decides what it is compared with (domain/comparability.py:
results of a marker without an assay compare only within one lab), so a person's name stored
as the lab would split one lab's series in two. A performer is taken as the lab when:
- its reference is to an Organization (``Organization/1``, an absolute URL ending in
  ``/Organization/1``, a contained ``#org`` or a Bundle ``fullUrl`` of an Organization), or
  its ``type`` says Organization (as Lupus Tracker's export writes it);
- or, in a file Lupus Tracker itself exported before it wrote ``type``, it has only a
  display: the app only ever exports the lab there.
A Practitioner, PractitionerRole, Patient, RelatedPerson, CareTeam or a bare display from
another source is not a lab: no lab is stored (never guessed) and the preview says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

ORGANIZATION = "Organization"
_TYPE_URL = "http://hl7.org/fhir/StructureDefinition/Organization"
# The resource type a literal reference names: "Organization/1", ".../fhir/Organization/1",
# "Organization/1/_history/2".
_REFERENCE_TYPE = re.compile(r"(?:^|/)([A-Z][A-Za-z]+)/[A-Za-z0-9\-.]{1,64}(?:/_history/[^/]+)?$")


def organizations(
    resources: Iterable[tuple[str, dict]], aliases: Callable[[str, dict], set[str]]
) -> dict[str, str]:
    """Every way the file refers to one of its Organizations -> the Organization's name
    ("" when it has none). ``aliases(name, resource)`` gives those ways."""
    found: dict[str, str] = {}
    for name, resource in resources:
        if resource.get("resourceType") == ORGANIZATION:
            title = resource.get("name")
            for alias in aliases(name, resource):
                found[alias] = title.strip() if isinstance(title, str) else ""
    return found


def _is_organization(performer: dict, known: dict[str, str]) -> bool:
    reference = performer.get("reference")
    if isinstance(reference, str) and reference:
        if reference in known:
            return True
        kind = _REFERENCE_TYPE.search(reference)
        return kind is not None and kind.group(1) == ORGANIZATION
    return performer.get("type") in (ORGANIZATION, _TYPE_URL)


def _described(performer: dict) -> str:
    reference, display = performer.get("reference"), performer.get("display")
    parts = [f"'{display}'" if isinstance(display, str) and display else ""]
    if isinstance(reference, str) and reference:
        parts.append(f"({reference})")
    return " ".join(p for p in parts if p) or "(unnamed)"


def performing_lab(
    resource: dict, known: dict[str, str], own_export: bool
) -> tuple[str | None, str | None]:
    """(the lab's name, or None; why no lab was stored when the result names performers
    but none is a lab, else None)."""
    performers = [p for p in resource.get("performer") or [] if isinstance(p, dict)]
    unnamed_organization = False
    for performer in performers:
        display = performer.get("display")
        name = display.strip() if isinstance(display, str) else ""
        if _is_organization(performer, known):
            reference = performer.get("reference")
            if not name and isinstance(reference, str):
                name = known.get(reference, "")
            if name:
                return name, None
            unnamed_organization = True
        elif own_export and name and not performer.get("reference") and "type" not in performer:
            return name, None
    if not performers:
        return None, None
    if unnamed_organization:
        return None, "the performing organization has no name: no lab stored"
    named = ", ".join(_described(p) for p in performers)
    return None, f"performer {named} is not an organization (not a lab): no lab stored"
