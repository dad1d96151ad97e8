"""``lupus-tracker status`` and ``lupus-tracker add assessment``: treat-to-target on the
command line (issue 15). Information to discuss with the doctor; nothing here proposes a
dose."""

from __future__ import annotations

import argparse
from datetime import date

from lupus_tracker.commands.common import UserError, add_db_option, date_arg, open_repository
from lupus_tracker.domain.sledai import DESCRIPTORS, SledaiError, descriptor, score
from lupus_tracker.domain.treat_to_target import PgaError, check_pga


def register(subparsers: argparse._SubParsersAction) -> None:
    status = subparsers.add_parser(
        "status",
        help="treat-to-target status: LLDAS, DORIS, glucocorticoids, "
        "hydroxychloroquine, monitoring due",
    )
    add_db_option(status)
    status.add_argument("--date", type=date_arg, default=None, help="YYYY-MM-DD (default: today)")
    status.set_defaults(handler=run_status)

    add = subparsers.choices.get("add")
    if add is None:  # the 'add' command is registered by entry_cmd
        add = subparsers.add_parser("add", help="add an entry")
        add.add_subparsers(dest="kind", required=True)
    kinds = next(a for a in add._actions if isinstance(a, argparse._SubParsersAction))
    assessment = kinds.add_parser(
        "assessment",
        help="a visit's SLEDAI-2K descriptors and physician global "
        "assessment (PGA), from the doctor's letter",
    )
    add_db_option(assessment)
    assessment.add_argument("--date", type=date_arg, required=True, help="visit date YYYY-MM-DD")
    assessment.add_argument(
        "--pga", type=pga_arg, default=None, help="physician global assessment, 0 to 3"
    )
    assessment.add_argument(
        "--sledai-items",
        type=items_arg,
        default=None,
        metavar="KEY[,KEY...]",
        help="descriptors present (see 'lupus-tracker sledai --list-items');"
        " 'none' for a score of 0",
    )
    assessment.set_defaults(handler=run_add_assessment)


def pga_arg(text: str) -> float:
    from lupus_tracker.domain.values import ValueParseError, parse_number

    try:
        comparator, number = parse_number(text)
        if comparator is not None:
            raise ValueParseError(f"give a plain number, not {text!r}")
        value = check_pga(number)
    except (ValueParseError, PgaError) as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    assert value is not None
    return value


def items_arg(text: str) -> frozenset[str]:
    keys = [k.strip() for k in text.split(",") if k.strip()]
    if [k.lower() for k in keys] == ["none"] or not text.strip():
        return frozenset()
    try:
        for key in keys:
            descriptor(key)
    except SledaiError as error:
        raise argparse.ArgumentTypeError(
            f"{error} See 'lupus-tracker sledai --list-items'."
        ) from None
    return frozenset(keys)


def list_items() -> str:
    lines = [
        "SLEDAI-2K descriptors (Gladman et al., J Rheumatol 2002): key, weight, name — what counts"
    ]
    for d in DESCRIPTORS:
        lab = " (can be suggested from labs)" if d.from_labs else ""
        lines.append(f"  {d.key:<24} {d.weight:>2}  {d.name} — {d.definition}{lab}")
    return "\n".join(lines)


def run_status(args: argparse.Namespace) -> int:
    from lupus_tracker.analysis.treat_to_target import gather_inputs, status_lines, summarize
    from lupus_tracker.store.inputs import treatment_records

    day = args.date or date.today()
    with open_repository(args, create=False) as repo:
        summary = summarize(gather_inputs(treatment_records(repo, day), day), day)
    print("\n".join(status_lines(summary)))
    return 0


def run_add_assessment(args: argparse.Namespace) -> int:
    from lupus_tracker.store.sledai_repo import SledaiAssessment

    with open_repository(args, create=True) as repo:
        existing = repo.sledai.get(args.date)
        items = args.sledai_items
        if items is None:
            if existing is None:
                raise UserError(
                    f"No assessment on {args.date.isoformat()} yet: give "
                    "--sledai-items KEY[,KEY...] ('none' for a score of 0)."
                )
            items = existing.items
        pga = args.pga if args.pga is not None else getattr(existing, "pga", None)
        note = existing.note if existing else None
        repo.sledai.save(SledaiAssessment(args.date, frozenset(items), note, pga))
    pga_text = "not entered" if pga is None else f"{pga:g}"
    verb = "Replaced" if existing else "Saved"
    print(
        f"{verb} the assessment of {args.date.isoformat()}: SLEDAI-2K {score(items)}, "
        f"PGA {pga_text}"
    )
    return 0
