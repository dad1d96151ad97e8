"""Reading the Synthea R4 bundles in tests/data/synthea independently of the importer: which
observations the app tracks (by LOINC code), and variants of the real files."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from lupus_tracker.domain.catalog import marker_for_loinc

SYNTHEA = Path(__file__).resolve().parents[1] / "data" / "synthea"
PATIENTS = ("Bambi_Murray", "Danae_Kshlerin", "Darron_Feeney")


def load(name: str) -> dict:
    return json.loads((SYNTHEA / f"{name}.json").read_text(encoding="utf-8"))


def write(tmp_path: Path, document: dict, name: str = "variant.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def tracked_marker(item: dict):
    for coding in item.get("code", {}).get("coding", []):
        if coding.get("system") == "http://loinc.org":
            marker = marker_for_loinc(coding["code"])
            if marker is not None:
                return marker
    return None


def tracked(document: dict) -> list[tuple[str, dict, dict]]:
    """(where, item, observation) for every tracked item, as the importer names places."""
    found = []
    for entry in document["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] != "Observation":
            continue
        where = entry.get("fullUrl") or f"Observation/{resource['id']}"
        if tracked_marker(resource) is not None:
            found.append((where, resource, resource))
        for index, component in enumerate(resource.get("component", [])):
            if tracked_marker(component) is not None:
                found.append((f"{where} component {index + 1}", component, resource))
    return found


def observations(document: dict, loinc: str) -> list[dict]:
    return [
        e["resource"]
        for e in document["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and any(c.get("code") == loinc for c in e["resource"]["code"]["coding"])
    ]


def variant(name: str) -> dict:
    return copy.deepcopy(load(name))
