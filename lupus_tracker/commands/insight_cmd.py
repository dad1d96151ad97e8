"""``lupus-tracker egfr``, ``response`` and ``sledai``: the insight views on the command line."""

from __future__ import annotations

import argparse

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    date_arg,
    format_table,
    number_arg,
    open_repository,
)
from lupus_tracker.domain.egfr import (
    MIN_AGE,
    REDUCED_BELOW,
    EgfrError,
    bedside_schwartz,
    ckd_epi_2021,
    creatinine_to_mg_dl,
    gfr_category,
    under_18_note,
)
from lupus_tracker.domain.records import Sex


def register(subparsers: argparse._SubParsersAction) -> None:
    egfr = subparsers.add_parser("egfr", help="eGFR by CKD-EPI 2021 from creatinine, age, sex")
    egfr.add_argument("--creatinine", required=True, type=number_arg, help="serum creatinine")
    # Read through the creatinine's unit table (domain/egfr.py): "µmol/L" as the app prints
    # it is taken as well as "umol/L"; anything else is one line, exit status 2.
    egfr.add_argument(
        "--unit", required=True, metavar="{mg/dL,umol/L}", help="mg/dL or µmol/L (umol/L)"
    )
    egfr.add_argument("--age", required=True, type=number_arg, help="age in years")
    egfr.add_argument(
        "--height", type=number_arg, help="height in cm (under 18: bedside Schwartz equation)"
    )
    egfr.add_argument("--sex", required=True, type=Sex, choices=tuple(Sex))
    egfr.set_defaults(handler=run_egfr)

    response = subparsers.add_parser(
        "response", help="treatment-response table for a treatment started on a date"
    )
    add_db_option(response)
    response.add_argument("--date", type=date_arg, required=True, help="YYYY-MM-DD")
    response.set_defaults(handler=run_response)

    sledai = subparsers.add_parser(
        "sledai", help="lab-derived SLEDAI-2K suggestions for a visit, with evidence"
    )
    add_db_option(sledai)
    sledai.add_argument("--date", type=date_arg, help="visit date YYYY-MM-DD")
    sledai.add_argument(
        "--list-items",
        action="store_true",
        help="list the descriptor keys, weights and plain-language names",
    )
    sledai.set_defaults(handler=run_sledai)


def run_egfr(args: argparse.Namespace) -> int:
    try:
        mg_dl = creatinine_to_mg_dl(args.creatinine, args.unit)
        if args.age < MIN_AGE:
            print(under_18_note(args.age, args.height is not None))
            if args.height is not None:
                value = bedside_schwartz(mg_dl, args.height)
                print(
                    f"eGFR {value:.0f} mL/min/1.73m² (bedside Schwartz, height {args.height:g} cm)"
                )
            return 0
        value = ckd_epi_2021(mg_dl, args.age, args.sex)
    except EgfrError as error:
        raise UserError(str(error)) from None
    code, words = gfr_category(value)
    flag = " — below 60, discuss with your doctor" if value < REDUCED_BELOW else ""
    print(f"eGFR {value:.1f} mL/min/1.73m² (CKD-EPI 2021); KDIGO {code}: {words}{flag}")
    return 0


def run_response(args: argparse.Namespace) -> int:
    from lupus_tracker.analysis.response import (
        BASELINE_DAYS,
        POINTS,
        Treatment,
        TreatmentHistory,
        follow_up_notes,
        response_table,
        response_window,
        treatments,
    )

    with open_repository(args, create=False) as repo:
        rows = response_table(
            repo.results.all(None, *response_window(args.date)),
            args.date,
            repo.profile.get().sex,
            repo.settings.preferred_unit,
        )
        if not rows:
            raise UserError(f"No lab results around {args.date.isoformat()} to compare.")
        history = TreatmentHistory(tuple(repo.treatments.all()), tuple(repo.events.all()))
        same_day = [t for t in treatments(history) if t.day == args.date]
        chosen = same_day[0] if same_day else Treatment(args.date, "changes after that date")
        notes = follow_up_notes(history, chosen)
    what = "; ".join(t.label for t in same_day) or chosen.label
    print(
        f"{what[0].upper()}{what[1:]} on {args.date.isoformat()} (baseline: last result on "
        f"or before that date, within {BASELINE_DAYS} days). A change after a treatment is "
        "not proof that it caused it. Information to discuss with your doctor."
    )
    headers = ("marker", "unit", "baseline", *(label for label, _, _ in POINTS))
    table = [
        (
            row.marker.label,
            row.unit_label,
            row.baseline.value_text if row.baseline else "—",
            *(f.text() for f in row.follow_ups),
        )
        for row in rows
    ]
    print(format_table(headers, table))
    for note in notes:
        print(f"  {note}")
    return 0


def run_sledai(args: argparse.Namespace) -> int:
    if args.list_items:
        from lupus_tracker.commands.t2t_cmd import list_items

        print(list_items())
        return 0
    if args.date is None:
        raise UserError("give --date YYYY-MM-DD for lab suggestions, or --list-items")
    from lupus_tracker.analysis.sledai_suggest import SUGGEST_MARKERS, suggest, window
    from lupus_tracker.domain.sledai import score

    with open_repository(args, create=False) as repo:
        suggestions = suggest(repo.results.all(SUGGEST_MARKERS, *window(args.date)), args.date)
    since, until = window(args.date)
    print(
        f"Lab-derived SLEDAI-2K suggestions for a visit on {args.date.isoformat()} "
        f"(results from {since.isoformat()} to {until.isoformat()}):"
    )
    if not suggestions:
        print("  none: no logged result in that window meets a SLEDAI-2K lab descriptor.")
        return 0
    for suggestion in suggestions:
        d = suggestion.descriptor
        print(f"  {d.name} (+{d.weight}): {d.definition}")
        for evidence in suggestion.evidence:
            print(f"      {evidence.line()}")
    total = score([s.descriptor.key for s in suggestions])
    print(
        f"Lab items would add {total} points if your doctor confirms they are due to lupus; "
        "clinical items are scored with your doctor."
    )
    return 0
