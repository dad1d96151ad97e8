"""``lupus-tracker add lab|symptom|...``: add one entry from the command line.

Other modules add their own kinds of entry to ``add`` (``ADD_MODULES``: each has
``register_add(kinds)``)."""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import replace

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    database_path,
    date_arg,
    number_arg,
    open_repository,
    profile_hint,
)
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.ranges import RefRange, parse_range, ranges_disagree
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, SymptomEntry
from lupus_tracker.domain.symptoms import (
    SymptomError,
    canonical_kind,
    check_severity,
    get_symptom,
)
from lupus_tracker.domain.wording import understood
from lupus_tracker.store.diary_repo import AlreadyLoggedError, check_symptom

ADD_MODULES = ("lupus_tracker.commands.treatment_cmd",)


def register(subparsers: argparse._SubParsersAction) -> None:
    add = subparsers.add_parser(
        "add",
        help="add a lab result, a symptom, an event, a medication, a dose change or a "
        "visit's assessment (SLEDAI-2K items, PGA)",
    )
    kinds = add.add_subparsers(
        dest="kind", metavar="lab|symptom|event|medication|dose|assessment", required=True
    )

    lab = kinds.add_parser("lab", help="add one lab result or vital sign")
    add_db_option(lab)
    lab.add_argument("--date", type=date_arg, required=True, help="YYYY-MM-DD")
    lab.add_argument("--marker", required=True, help="catalog key (see 'lupus-tracker markers')")
    lab.add_argument("--value", required=True, help="as printed: 0.62, 0,62, <0.5, 1:160 ...")
    lab.add_argument("--unit", help="unit as printed (default: the marker's canonical unit)")
    lab.add_argument("--ref-low", type=number_arg, help="lab's lower reference limit")
    lab.add_argument("--ref-high", type=number_arg, help="lab's upper reference limit")
    lab.add_argument(
        "--ref-range",
        metavar="TEXT",
        help='the lab\'s range as printed, e.g. "<10" (a strict limit), '
        '"0.9-1.8", "<1:80" or negative',
    )
    lab.add_argument("--lab", help="laboratory name")
    lab.add_argument("--assay", help="assay or method")
    lab.add_argument("--note", help="free text")
    lab.set_defaults(handler=run_lab)

    symptom = kinds.add_parser("symptom", help="log a symptom's severity for a day")
    add_db_option(symptom)
    symptom.add_argument("--date", type=date_arg, required=True, help="YYYY-MM-DD")
    symptom.add_argument(
        "--symptom",
        required=True,
        help="symptom key, e.g. fatigue; one of your own by its name, or "
        "custom:NAME to add a new one",
    )
    symptom.add_argument("--severity", type=severity_arg, required=True, help="0 (none) to 10")
    symptom.add_argument("--location", help="for rash: the kind, malar/butterfly, discoid or other")
    symptom.add_argument("--body-site", help="for rash: where on the body, e.g. both forearms")
    symptom.add_argument("--note", help="free text")
    symptom.add_argument(
        "--replace",
        action="store_true",
        help="replace what is already logged for this symptom on that day "
        "(without it, a different entry already logged is refused and kept)",
    )
    symptom.set_defaults(handler=run_symptom)
    for name in ADD_MODULES:
        importlib.import_module(name).register_add(kinds)


def severity_arg(text: str) -> int:
    try:
        return check_severity(text)
    except SymptomError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run_lab(args: argparse.Namespace) -> int:
    ref = args.ref_range.strip() if args.ref_range and args.ref_range.strip() else None
    if args.ref_low is not None or args.ref_high is not None:
        limits = RefRange(low=args.ref_low, high=args.ref_high)
        if ref is not None:
            printed = parse_range(ref, get_marker(args.marker).words)
            disagree = ranges_disagree(printed, limits) if printed is not None else ""
            if disagree:
                raise InvalidEntryError(f"{disagree}; give --ref-range or the limits, not both")
        ref = ref or limits.text()
    entry = LabEntry(
        args.date, args.marker, args.value, args.unit, ref, args.lab, args.assay, note=args.note
    )
    number_format = None
    birth_date = None
    if database_path(args).exists():
        with open_repository(args, create=False) as repo:
            number_format = repo.settings.number_format()
            birth_date = repo.profile.get().birth_date
    # refuse before anything is written
    checked = check_entry(entry, None, number_format, birth_date)
    with open_repository(args, create=True) as repo:
        result = repo.results.add(entry)
        hint = profile_hint(repo, [result.marker])
    print(
        f"Saved {result.marker} {args.value} {understood(checked)} on "
        f"{result.taken_on.isoformat()} (id {result.id})"
    )
    if hint:
        print(hint, file=sys.stderr)
    return 0


def _symptom_key(args: argparse.Namespace) -> str:
    """The key of ``--symptom``: a built-in key, ``custom:NAME``, or the name of one of the
    patient's own symptoms already in the file (any case)."""
    from lupus_tracker.commands.common import database_path
    from lupus_tracker.domain.symptoms import CUSTOM_PREFIX, SYMPTOMS

    text = args.symptom
    if text.startswith(CUSTOM_PREFIX) or text in {s.key for s in SYMPTOMS}:
        return text
    if database_path(args).exists():
        with open_repository(args, create=False) as repo:
            found = repo.diary.find_custom(text)
        if found is not None:
            return found.key
    return text  # refused by check_symptom, with the list of known symptoms


def run_symptom(args: argparse.Namespace) -> int:
    entry = SymptomEntry(
        args.date, _symptom_key(args), args.severity, args.location, args.note, args.body_site
    )
    entry = check_symptom(_canonical_rash_kind(entry))
    with open_repository(args, create=True) as repo:
        try:
            before = repo.diary.log(entry, replace=args.replace)
        except AlreadyLoggedError as error:
            raise UserError(
                f"{_entry_text(error.logged)} is already logged; "
                "nothing was changed (give --replace to replace it)."
            ) from None
    if before == entry:
        print(f"Already logged, nothing changed: {_entry_text(entry)}")
    elif before is not None:
        print(f"Replaced {_entry_text(before)} with {_entry_text(entry, with_day=False)}")
    else:
        print(f"Saved {_entry_text(entry)}")
    return 0


def _entry_text(entry: SymptomEntry, *, with_day: bool = True) -> str:
    """``Rash 6/10 (discoid, both forearms, "itchy") on 2026-03-05``."""
    details = [d for d in (entry.location, entry.body_site) if d]
    if entry.note:
        details.append(f'"{entry.note}"')
    text = f"{get_symptom(entry.symptom).name} {entry.severity}/10"
    if details:
        text += f" ({', '.join(details)})"
    return f"{text} on {entry.day.isoformat()}" if with_day else text


def _canonical_rash_kind(entry: SymptomEntry) -> SymptomEntry:
    """``--location`` is the kind of rash (the rule is :func:`canonical_kind`); a place
    on the body given there is refused with a pointer to ``--body-site``."""
    try:
        symptom = get_symptom(entry.symptom)
    except SymptomError:
        return entry  # check_symptom names the unknown symptom
    if entry.location is None or not symptom.locations:
        return entry  # check_symptom refuses a kind for a symptom without kinds
    try:
        return replace(entry, location=canonical_kind(symptom, entry.location))
    except SymptomError:
        raise UserError(
            f"--location is the kind of rash, one of {', '.join(symptom.locations)}; "
            f"give where on the body ({entry.location!r}) with --body-site."
        ) from None
