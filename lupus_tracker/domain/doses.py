"""Total daily dose: "200 mg ×2 = 400 mg/day" for a dose taken several times a day.

Only frequencies that say how many times a day are multiplied; any other frequency (weekly,
every 2 weeks, as needed, a free text) is shown as entered, never turned into a daily dose.
"""

from __future__ import annotations

from lupus_tracker.domain.records import Dose
from lupus_tracker.domain.values import format_number

TIMES_PER_DAY = {"once daily": 1, "daily": 1, "once a day": 1, "twice daily": 2,
                 "twice a day": 2, "three times daily": 3, "three times a day": 3,
                 "four times daily": 4, "four times a day": 4}


def times_per_day(frequency: str | None) -> int | None:
    return TIMES_PER_DAY.get((frequency or "").strip().casefold())


def dose_text(dose: Dose) -> str:
    """The dose as people read it: "200 mg ×2 = 400 mg/day", "15 mg/day",
    "500 mg every 2 weeks", "2 tablet" (no frequency known)."""
    if dose.dose is None:
        return dose.frequency or ""
    unit = f" {dose.unit}" if dose.unit else ""
    amount = f"{format_number(dose.dose)}{unit}"
    times = times_per_day(dose.frequency)
    if times is None:
        return f"{amount} {dose.frequency}" if dose.frequency else amount
    per_day = f"{format_number(dose.dose * times)}{unit}/day"
    return per_day if times == 1 else f"{amount} ×{times} = {per_day}"


def daily_total_text(dose: Dose) -> str:
    """Just the total ("400 mg/day"), or the dose text when no daily total is known."""
    times = times_per_day(dose.frequency)
    if dose.dose is None or times is None:
        return dose_text(dose)
    unit = f" {dose.unit}" if dose.unit else ""
    return f"{format_number(dose.dose * times)}{unit}/day"
