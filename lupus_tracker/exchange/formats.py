"""Choosing the reader or writer for a file: the one entry point for the CLI and the app."""

from __future__ import annotations

from pathlib import Path

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.options import ImportOptions
from lupus_tracker.exchange.plan import ImportPlan, reconcile
from lupus_tracker.store.repository import Repository

EXPORT_FORMATS = ("csv", "xlsx", "fhir")


def export(repo: Repository, fmt: str, out: Path, bundle_type: str = "collection") -> int:
    """Write all data in ``fmt`` to ``out``; returns the number of records written.
    ``bundle_type`` (FHIR only): ``collection`` or ``transaction`` for a FHIR server."""
    if fmt == "csv":
        from lupus_tracker.exchange.csv_export import export_csv

        return export_csv(repo, out)
    if fmt == "xlsx":
        from lupus_tracker.exchange.xlsx_export import export_xlsx

        return export_xlsx(repo, out)
    if fmt == "fhir":
        from lupus_tracker.exchange.fhir_export import export_fhir

        return export_fhir(repo, out, bundle_type)
    raise ExchangeError(f"Unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.")


def _first_character(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as error:
        raise ExchangeError(f"Cannot read {path}: {error.strerror}.") from None
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return head.replace(b"\x00", b"").lstrip()[:1]


def _is_spreadsheet(path: Path) -> bool:
    """Excel content whatever the name says: .xlsx is a zip, .xls an OLE2 compound file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.startswith(b"PK\x03\x04") or head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_plan(path: Path, repo: Repository, options: ImportOptions | None = None) -> ImportPlan:
    """Read ``path`` (CSV or FHIR JSON, by content) into a plan without what ``repo``
    already holds, conflicts listed. Nothing is written."""
    options = options or ImportOptions()
    path = Path(path)
    if not path.is_file():
        raise ExchangeError(f"No file at {path}.")
    if path.suffix.lower() in (".xlsx", ".xls") or _is_spreadsheet(path):
        raise ExchangeError(
            "Excel files are exported for reading; import the CSV or FHIR export instead."
        )
    first = _first_character(path)
    if path.suffix.lower() == ".xml" or first == b"<":
        raise ExchangeError("FHIR XML is not supported: export JSON.")
    if path.suffix.lower() == ".json" or first == b"{":
        from lupus_tracker.exchange.fhir_import import read_fhir

        plan = read_fhir(path, options, repo.profile.get().sex)
    else:
        from lupus_tracker.exchange.csv_import import read_csv

        # A file that does not say how it writes numbers is read as the profile says
        # (as 'add lab' reads a value).
        plan = read_csv(path, options, repo.settings.number_format())
    return reconcile(repo, plan)
