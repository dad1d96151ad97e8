"""``lupus-tracker profile``: set what is given (name, date of birth, sex, number format)
and print the profile.

The number format says how this person's lab reports write numbers: with a decimal point
(``1.25``, thousands ``1,250``) or a decimal comma (``1,25``, thousands ``1.250``).  Until it
is set, an ambiguous value such as ``1.250`` is refused.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from lupus_tracker.commands.common import (
    UserError,
    add_db_option,
    database_path,
    date_arg,
    open_repository,
)
from lupus_tracker.domain.egfr import MIN_AGE, age_on, under_18_note
from lupus_tracker.domain.records import NumberFormat, Profile, Sex

NOT_SET = "(not set)"


def register(subparsers: argparse._SubParsersAction) -> None:
    profile = subparsers.add_parser(
        "profile", help="set and show the profile: name, date of birth, sex, number format"
    )
    add_db_option(profile)
    profile.add_argument("--name", help="the patient's name")
    profile.add_argument("--birth-date", type=date_arg, help="YYYY-MM-DD")
    profile.add_argument(
        "--sex", type=_choice(Sex), choices=tuple(Sex), help="for eGFR and sex-specific ranges"
    )
    profile.add_argument(
        "--number-format",
        type=_choice(NumberFormat),
        choices=tuple(NumberFormat),
        help="how your lab reports write numbers: point (1.25) or comma (1,25)",
    )
    profile.set_defaults(handler=run_profile)


def _choice(kind: type[Sex] | type[NumberFormat]) -> Callable[[str], Sex | NumberFormat]:
    """argparse type for a closed set: a clear line for anything else."""

    def parse(text: str) -> Sex | NumberFormat:
        try:
            return kind(text.strip().lower())
        except ValueError:
            raise argparse.ArgumentTypeError(f"choose {' or '.join(kind)}, not {text!r}") from None

    return parse


def describe(profile: Profile, number_format: NumberFormat | None) -> str:
    """The profile as printed lines."""
    formats = {
        NumberFormat.POINT: "decimal point (1.25; 1,250 is one thousand two hundred fifty)",
        NumberFormat.COMMA: "decimal comma (1,25; 1.250 is one thousand two hundred fifty)",
    }
    return "\n".join(
        (
            f"Name:          {profile.name or NOT_SET}",
            f"Date of birth: {profile.birth_date.isoformat() if profile.birth_date else NOT_SET}",
            f"Sex:           {profile.sex.value if profile.sex else NOT_SET}",
            f"Number format: {formats[number_format] if number_format else NOT_SET}",
        )
    )


def run_profile(args: argparse.Namespace) -> int:
    changes = {
        key: value
        for key, value in (("name", args.name), ("birth_date", args.birth_date), ("sex", args.sex))
        if value is not None
    }
    if not changes and args.number_format is None and not database_path(args).exists():
        raise UserError(f"No database at {database_path(args)}; give a setting to create one.")
    with open_repository(args, create=True) as repo:
        profile = repo.profile.get()
        with repo.db.transaction():
            if changes:
                profile = replace(profile, **changes)
                repo.profile.set(profile)
            if args.number_format is not None:
                repo.settings.set_number_format(args.number_format)
        if changes:
            repo.results.refresh_egfr()
        print(describe(repo.profile.get(), repo.settings.number_format()))
        birth = repo.profile.get().birth_date
        if birth is not None and age_on(birth, date.today()) < MIN_AGE:
            # issue 12 item 8: CKD-EPI is for adults (one wording with the dashboard's)
            heights = bool(repo.results.all(["height"]))
            print(under_18_note(age_on(birth, date.today()), heights))
    return 0
