"""``lupus-tracker list``: lab results and vitals as a table or CSV."""

from __future__ import annotations

import argparse
import os
import sys

from lupus_tracker.commands.common import (
    add_db_option,
    date_arg,
    format_table,
    open_repository,
    profile_hint,
)
from lupus_tracker.domain.catalog import get_marker, unit_display
from lupus_tracker.domain.egfr import result_name
from lupus_tracker.domain.wording import flag_text, value_as_printed
from lupus_tracker.exchange.csv_format import csv_writer, neutralise
from lupus_tracker.store.results_repo import measurement_of

HEADERS = ("date", "marker", "value", "unit", "ref_range", "flag", "lab", "assay", "note")
# The CSV keeps its columns and adds the time of day at the end; the table shows it beside
# the date. Empty where the source gave no time.
CSV_HEADERS = (*HEADERS, "time")
TABLE_HEADERS = ("date", "time", *HEADERS[1:])


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("list", help="list lab results and vitals")
    add_db_option(parser)
    parser.add_argument("--marker", help="only this marker (catalog key)")
    parser.add_argument("--since", type=date_arg, help="from this date on (YYYY-MM-DD)")
    parser.add_argument("--format", choices=("table", "csv"), default="table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    markers = None
    if args.marker is not None:
        markers = [get_marker(args.marker).key]
    with open_repository(args, create=False) as repo:
        results = repo.results.all(markers=markers, since=args.since)
        # As after ``add lab``: one line on stderr (never in the CSV) when a shown result
        # needs the sex or date of birth the profile lacks.
        hint = profile_hint(repo, {r.marker for r in results})
    rows = []
    for r in results:
        m = measurement_of(r)  # interpreted once, when the store loaded it
        ref = m.ref.text() if m.ref is not None else ""
        # The CSV keeps the catalog key scripts rely on; the table shows what a person reads.
        marker = (
            r.marker
            if args.format == "csv"
            else result_name(get_marker(r.marker), r.assay, short=True)
        )
        rows.append(
            (
                r.taken_on.isoformat(),
                marker,
                value_as_printed(m),
                unit_display(r.marker, r.unit),
                ref,
                flag_text(m),
                r.lab or "",
                r.assay or "",
                r.note or "",
                r.taken_at or "",
            )
        )
    try:
        if args.format == "csv":
            writer = csv_writer(sys.stdout)
            writer.writerow(CSV_HEADERS)
            writer.writerows([neutralise(c) for c in row] for row in rows)
        elif rows:
            table = [[printable(c) for c in (row[0], row[-1], *row[1:-1])] for row in rows]
            print(format_table(TABLE_HEADERS, table))
        else:
            print("No results.")
        sys.stdout.flush()
        if hint:
            print(hint, file=sys.stderr)
    except BrokenPipeError:
        # The reader (``| head``) stopped reading: end quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


# Characters that would break the table's lines or reorder what is shown: newlines and
# other controls, and the bidirectional overrides and isolates (U+202A-202E, U+2066-2069).
_ESCAPED = {
    c: f"\\u{c:04x}"
    for c in (
        *range(0x20),
        0x7F,
        *range(0x80, 0xA0),
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
}
_ESCAPED.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def printable(cell: str) -> str:
    """A cell as one visible line: controls and direction overrides escaped."""
    return cell.translate(_ESCAPED)
