"""Choosing the reader or writer for a file: the one entry point for the CLI and the app."""

from __future__ import annotations

from pathlib import Path

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.plan import ImportPlan, remove_duplicates
from lupus_tracker.store.repository import Repository

EXPORT_FORMATS = ("csv", "xlsx", "fhir")


def export(repo: Repository, fmt: str, out: Path) -> int:
    """Write all data in ``fmt`` to ``out``; returns the number of records written."""
    if fmt == "csv":
        from lupus_tracker.exchange.csv_export import export_csv

        return export_csv(repo, out)
    if fmt == "xlsx":
        from lupus_tracker.exchange.xlsx_export import export_xlsx

        return export_xlsx(repo, out)
    if fmt == "fhir":
        from lupus_tracker.exchange.fhir_export import export_fhir

        return export_fhir(repo, out)
    raise ExchangeError(f"Unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.")


def _looks_like_json(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as error:
        raise ExchangeError(f"Cannot read {path}: {error.strerror}.") from None
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return head.replace(b"\x00", b"").lstrip().startswith(b"{")


def read_plan(path: Path, repo: Repository) -> ImportPlan:
    """Read ``path`` (CSV or FHIR JSON, by content) into a plan without what ``repo``
    already holds. Nothing is written."""
    path = Path(path)
    if not path.is_file():
        raise ExchangeError(f"No file at {path}.")
    if path.suffix.lower() in (".xlsx", ".xls"):
        raise ExchangeError("Excel files are exported for reading; import the CSV or FHIR "
                            "export instead.")
    if path.suffix.lower() == ".json" or _looks_like_json(path):
        from lupus_tracker.exchange.fhir_import import read_fhir

        plan = read_fhir(path)
    else:
        from lupus_tracker.exchange.csv_import import read_csv

        plan = read_csv(path)
    return remove_duplicates(repo, plan)
