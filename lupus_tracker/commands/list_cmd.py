"""``lupus-tracker list``: lab results and vitals as a table or CSV."""

from __future__ import annotations

import argparse
import csv
import sys

from lupus_tracker.commands.common import add_db_option, date_arg, format_table, open_repository
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.measurement import interpret

HEADERS = ("date", "marker", "value", "unit", "ref_range", "flag", "lab", "assay", "note")


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
        sex = repo.profile.get().sex
        results = repo.results.all(markers=markers, since=args.since)
    rows = []
    for r in results:
        marker = get_marker(r.marker)
        m = interpret(marker, r.value_text, r.unit, r.ref_range, sex)
        ref = m.ref.text() if m.ref is not None else ""
        rows.append((r.taken_on.isoformat(), r.marker, r.value_text, m.unit.label, ref,
                     m.flag.value, r.lab or "", r.assay or "", r.note or ""))
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows(rows)
    elif rows:
        print(format_table(HEADERS, rows))
    else:
        print("No results.")
    return 0
