"""``lupus-tracker report --db PATH --out FILE.pdf [--since DATE] [--until DATE]
[--sections questions,treatment,results,charts,symptoms,events]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    database_path,
    date_arg,
    open_repository,
)
from lupus_tracker.report.sections import ALL_SECTIONS, ReportSection, parse_sections


def sections_arg(text: str) -> frozenset[ReportSection]:
    try:
        return parse_sections(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser("report", help="write the visit report as a PDF")
    add_db_option(report)
    report.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument(
        "--since",
        type=date_arg,
        help="start of the period (default: your last visit, else 3 months)",
    )
    report.add_argument("--until", type=date_arg, help="end of the period (default: today)")
    report.add_argument(
        "--sections",
        type=sections_arg,
        default=None,
        metavar="LIST",
        help="comma-separated sections to print (default: all): " + ",".join(ReportSection),
    )
    report.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from lupus_tracker.exchange.errors import ExchangeError
    from lupus_tracker.output_files import check_output_path, check_suffix
    from lupus_tracker.report.content import default_period, gather

    check_output_path(args.out, database_path(args))  # before any work: exit 2 if unsafe
    check_suffix(args.out, "pdf")  # a .csv or .xlsx name holding a PDF is refused: exit 2
    with open_repository(args, create=False) as repo:
        since, until = default_period(repo, args.until)
        since = args.since or since
        if until < since:
            raise UserError(f"--since {since} is after --until {until}.")
        content = gather(repo, since, until, sections=args.sections or ALL_SECTIONS)
    from lupus_tracker.report.render_qt import write_pdf

    try:
        pages = write_pdf(content, args.out)
    except ExchangeError as error:
        raise UserError(str(error)) from None
    plural = "" if pages == 1 else "s"
    print(f"Wrote the visit report for {since} to {until} ({pages} page{plural}) to {args.out}.")
    return 0
