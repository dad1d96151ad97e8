"""``lupus-tracker markers``: list the marker catalog."""

from __future__ import annotations

import argparse

from lupus_tracker.commands.common import format_table
from lupus_tracker.domain.catalog import MARKERS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "markers", help="list the marker catalog: key, name, LOINC, units, default range"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    rows = [
        (
            m.key,
            m.name,
            m.loinc,
            ", ".join(u.label for u in m.units.units),
            m.default_range_text() or "-",
        )
        for m in MARKERS
    ]
    print(format_table(("key", "name", "LOINC", "units", "default range"), rows))
    return 0
