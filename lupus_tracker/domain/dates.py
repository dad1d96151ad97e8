"""Strict date parsing: ``YYYY-MM-DD`` only.

``date.fromisoformat`` also takes ``2024-W10-1``, ``20240305`` and other ISO forms that a
person never means as a lab date, and 03/05/2024 means March in one country and May in
another; all of these are refused with a message that says what to write.
"""

from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$", re.ASCII)
EARLIEST = date(1900, 1, 1)


class DateParseError(ValueError):
    pass


def parse_date(text: str, *, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD``; raise ``DateParseError`` saying what is accepted."""
    if isinstance(text, date):
        return text
    cleaned = str(text).strip()
    match = _ISO_DATE.match(cleaned)
    if match is None:
        raise DateParseError(
            f"The {what} {text!r} is not a date written as YYYY-MM-DD (for example 2024-03-05)."
        )
    try:
        value = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as error:
        raise DateParseError(f"The {what} {text!r} is not a real date ({error}).") from None
    if value < EARLIEST or value.year > 2200:
        raise DateParseError(f"The {what} {text!r} is outside the years 1900-2200.")
    return value


class FutureDateError(DateParseError):
    """A date after today for something that cannot have happened yet."""


# What may be dated after today, in one place for the app and the command line: a lab
# result, a symptom, a vital sign or a photo records something that happened, so it
# cannot be in the future; a planned dose change, medication start or stop, or a planned
# event (a visit, an infusion) may be.
MAY_BE_FUTURE = {
    "result": False,
    "symptom": False,
    "photo": False,
    "birth": False,
    "dose change": True,
    "medication start": True,
    "medication stop": True,
    "event": True,
    "period start": True,  # a report, chart or filter period (not a record)
    "period end": True,
}


def check_not_future(day: date, what: str, today: date | None = None) -> date:
    """Refuse ``day`` after ``today`` when ``what`` (a key of ``MAY_BE_FUTURE``) cannot be
    in the future; returns ``day`` unchanged otherwise."""
    if MAY_BE_FUTURE[what]:
        return day
    today = today or date.today()
    if day > today:
        raise FutureDateError(
            f"The {what} date {day.isoformat()} is in the future (today is "
            f"{today.isoformat()}); a {what} records what already "
            "happened."
        )
    return day
