"""``lupus-tracker add event|medication|dose`` and ``lupus-tracker stop``: record what the
app records on the Medications & events page, from the command line.

Every check runs before the database is written: a user error prints one line on stderr,
exits with status 2 and changes nothing. Each success prints one line saying what was
saved.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    date_arg,
    number_arg,
    open_repository,
)
from lupus_tracker.domain.dosing import (
    DOSE_UNITS,
    FREQUENCIES,
    FrequencyError,
    check_dose_change,
    check_dose_unit,
    check_stop_date,
    dose_text,
    overlapping_course,
    parse_frequency,
)
from lupus_tracker.domain.records import Dose, Event, EventKind, Medication
from lupus_tracker.domain.stop_note import note_with_stop_reason


def register_add(kinds: argparse._SubParsersAction) -> None:
    """The ``add event``, ``add medication`` and ``add dose`` subcommands."""
    event = kinds.add_parser(
        "event", help="record a flare, infusion, hospital stay, visit, eye exam or other event"
    )
    add_db_option(event)
    event.add_argument("--date", type=date_arg, required=True, help="YYYY-MM-DD")
    event.add_argument(
        "--kind",
        # Its own name: ``kind`` is the ``add`` subcommand's (event), used in error messages.
        dest="event_kind",
        required=True,
        choices=[k.value for k in EventKind],
        metavar="|".join(k.value for k in EventKind),
    )
    event.add_argument("--title", required=True, help="what happened, e.g. UC-MSC infusion")
    event.add_argument("--end", type=date_arg, help="last day (YYYY-MM-DD), for a stay")
    event.add_argument("--note", help="free text")
    event.set_defaults(handler=run_event)

    frequencies = ", ".join(f.words for f in FREQUENCIES)
    medication = kinds.add_parser("medication", help="start a medication")
    add_db_option(medication)
    medication.add_argument("--name", required=True, help="e.g. Hydroxychloroquine")
    medication.add_argument("--start", type=date_arg, required=True, help="YYYY-MM-DD")
    medication.add_argument("--dose", type=number_arg, help="amount per dose, e.g. 200")
    medication.add_argument(
        "--unit",
        type=unit_arg,
        metavar="|".join(DOSE_UNITS),
        help="unit of --dose (required with it)",
    )
    medication.add_argument("--frequency", type=frequency_arg, help=frequencies)
    medication.add_argument("--note", help="free text")
    medication.set_defaults(handler=run_medication)

    dose = kinds.add_parser("dose", help="change the dose of a medication from a date on")
    add_db_option(dose)
    dose.add_argument("--medication", required=True, metavar="NAME")
    dose.add_argument(
        "--date", type=date_arg, required=True, help="YYYY-MM-DD (may be planned, in the future)"
    )
    dose.add_argument("--dose", type=number_arg, required=True)
    dose.add_argument(
        "--unit", type=unit_arg, metavar="U", help="default: the unit of the current dose"
    )
    dose.add_argument(
        "--frequency", type=frequency_arg, help="default: the current frequency; " + frequencies
    )
    dose.add_argument(
        "--replace",
        action="store_true",
        help="replace the dose already recorded from that date "
        "(without it, a different dose on that date is refused and kept)",
    )
    dose.set_defaults(handler=run_dose)


def register(subparsers: argparse._SubParsersAction) -> None:
    stop = subparsers.add_parser("stop", help="stop a medication (its history stays)")
    add_db_option(stop)
    stop.add_argument("--medication", required=True, metavar="NAME")
    stop.add_argument("--date", type=date_arg, required=True, help="last day, YYYY-MM-DD")
    stop.add_argument("--reason", help="why, e.g. 'no response, tremor'")
    stop.set_defaults(handler=run_stop)


def unit_arg(text: str) -> str:
    try:
        return check_dose_unit(text)
    except FrequencyError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def frequency_arg(text: str) -> str:
    try:
        return parse_frequency(text).words
    except FrequencyError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run_event(args: argparse.Namespace) -> int:
    title = args.title.strip()
    if not title:
        raise UserError("Give the event a title (--title), e.g. 'Rheumatology visit'.")
    if args.end is not None and args.end < args.date:
        raise UserError(f"The end date {args.end} is before the event's date {args.date}.")
    with open_repository(args, create=True) as repo:
        saved = repo.events.add(
            Event(None, args.date, EventKind(args.event_kind), title, args.note, args.end)
        )
    until = f" to {saved.ended_on.isoformat()}" if saved.ended_on else ""
    print(
        f"Saved {saved.kind.label.lower()} '{saved.title}' on "
        f"{saved.occurred_on.isoformat()}{until} (id {saved.id})"
    )
    return 0


def _one_medication(repo, name: str) -> Medication:
    """The one medication called ``name`` (an active one first); refuse when unsure."""
    wanted = name.strip().casefold()
    named = [m for m in repo.treatments.all() if m.name.casefold() == wanted]
    active = [m for m in named if m.stopped_on is None]
    candidates = active or named
    if not candidates:
        known = ", ".join(sorted({m.name for m in repo.treatments.all()})) or "none yet"
        raise UserError(f"No medication named {name!r} (recorded: {known}).")
    if len(candidates) > 1:
        starts = ", ".join(m.started_on.isoformat() for m in candidates)
        raise UserError(
            f"{len(candidates)} medications are named {name!r} (started {starts}); "
            "change it in the app, where you can choose one."
        )
    return candidates[0]


def run_medication(args: argparse.Namespace) -> int:
    if (args.dose is None) != (args.unit is None):
        raise UserError("Give --dose and --unit together (for example --dose 200 --unit mg).")
    if not args.name.strip():
        raise UserError("Give the medication a name (--name).")
    dose = Dose(args.start, args.dose, args.unit, args.frequency)
    doses = (dose,) if args.dose is not None or args.frequency else ()
    with open_repository(args, create=True) as repo:
        medication = Medication(None, args.name.strip(), args.start, None, args.note, doses)
        already = overlapping_course(repo.treatments.all(), medication)
        if already is not None and already.stopped_on is None:
            raise UserError(
                f"{already.name} is already being taken (since "
                f"{already.started_on.isoformat()}); record a new dose with "
                "'lupus-tracker add dose', or stop it first."
            )
        if already is not None and already.stopped_on is not None:
            raise UserError(
                f"{already.name} was taken from {already.started_on.isoformat()} to "
                f"{already.stopped_on.isoformat()}; a new course starts after that "
                "(change the earlier course in the app if its dates are wrong)."
            )
        saved = repo.treatments.add(medication)
    what = f" {dose_text(dose)}" if doses else ""
    print(f"Saved {saved.name}{what} from {saved.started_on.isoformat()} (id {saved.id})")
    return 0


def run_dose(args: argparse.Namespace) -> int:
    with open_repository(args, create=False) as repo:
        medication = _one_medication(repo, args.medication)
        check_dose_change(medication, Dose(args.date, args.dose))  # nothing written yet
        current = medication.dose_on(args.date)
        unit = args.unit or (current.unit if current else None)
        if unit is None:
            raise UserError(f"{medication.name} has no dose unit yet; give --unit.")
        frequency = args.frequency or (current.frequency if current else None)
        dose = Dose(args.date, args.dose, unit, frequency)
        if medication.id is None:  # cannot happen: it was read from the store
            raise UserError(f"{medication.name} has no id in the file; nothing was changed.")
        before = next((d for d in medication.doses if d.from_date == args.date), None)
        if before is not None and _same_dose(before, dose):
            print(
                f"Already recorded, nothing changed: {medication.name} {dose_text(before)} "
                f"from {args.date.isoformat()}"
            )
            return 0
        if before is not None and not args.replace:
            raise UserError(
                f"{medication.name} {dose_text(before)} is already recorded from "
                f"{args.date.isoformat()}; nothing was changed (give --replace to replace it)."
            )
        repo.treatments.change_dose(
            medication.id, replace(dose, note=before.note if before else None)
        )
    if before is not None:
        print(
            f"Replaced {medication.name} {dose_text(before)} from {args.date.isoformat()} "
            f"with {dose_text(dose)}"
        )
    else:
        print(f"Saved {medication.name} {dose_text(dose)} from {args.date.isoformat()}")
    return 0


def _same_dose(recorded: Dose, new: Dose) -> bool:
    """The same amount, unit and frequency (a dose's note is kept, not compared)."""
    return (recorded.dose, recorded.unit, recorded.frequency) == (new.dose, new.unit, new.frequency)


def run_stop(args: argparse.Namespace) -> int:
    with open_repository(args, create=False) as repo:
        medication = _one_medication(repo, args.medication)
        if medication.stopped_on is not None:
            raise UserError(
                f"{medication.name} was already stopped on {medication.stopped_on.isoformat()}."
            )
        check_stop_date(medication, args.date)  # nothing written yet
        note = note_with_stop_reason(medication.note, args.reason)
        repo.treatments.replace(replace(medication, stopped_on=args.date, note=note))
    reason = f" ({args.reason.strip()})" if args.reason and args.reason.strip() else ""
    print(f"Stopped {medication.name} on {args.date.isoformat()}{reason}")
    return 0
