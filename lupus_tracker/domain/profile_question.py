"""When the app asks for sex and date of birth (issue 12 item 3): once, when it first needs
them, never by guessing and never again once asked or declined.

They are needed by a creatinine (eGFR is computed from creatinine with age and sex, CKD-EPI
2021) and by every marker whose usual range differs between women and men (with sex
unknown such a value is flagged "depends on sex", never "normal").  The question may come
after a lab report is saved, after an import, or when the dashboard first shows such a
result; the command line prints a one-line hint instead.  Whether it was asked is kept in
the file's settings (``PROFILE_PROMPT_SETTING``), so each place asks at most once per file.
"""

from __future__ import annotations

from collections.abc import Iterable

from lupus_tracker.domain.catalog import MARKERS, UnknownMarkerError, get_marker
from lupus_tracker.domain.records import Profile

# Kept in the file's settings once the question was put: "not_now" when the person declined,
# "asked" when they chose to enter the profile (even if they then cancelled: never nagged).
PROFILE_PROMPT_SETTING = "profile_prompt"
NOT_NOW = "not_now"
ASKED = "asked"
# eGFR needs both (CKD-EPI 2021, Inker et al., NEJM 2021).
_EGFR_INPUT = "creatinine"
# Every marker whose result needs sex or date of birth to be read.
PROFILE_MARKERS = (_EGFR_INPUT, *(m.key for m in MARKERS if m.depends_on_sex))


def needs_profile(marker_keys: Iterable[str]) -> str:
    """Why these markers need sex and date of birth ('' when they do not)."""
    keys = set(marker_keys)
    if _EGFR_INPUT in keys:
        return "eGFR is computed from creatinine with your age and sex"
    for key in sorted(keys):
        try:
            marker = get_marker(key)
        except UnknownMarkerError:
            continue
        if marker.depends_on_sex:
            return f"the usual range of {marker.label} differs between women and men"
    return ""


def profile_question(profile: Profile, answered: str | None, marker_keys: Iterable[str]) -> str:
    """The reason to ask for sex and date of birth now, or '' when both are known, when the
    question was already put in this file (``answered``: the setting's value) or when these
    markers do not need them."""
    if profile.sex is not None and profile.birth_date is not None:
        return ""
    if answered:
        return ""
    return needs_profile(marker_keys)


def command_line_hint(reason: str) -> str:
    """The one line the command line prints when the profile is needed (no question: a
    command never waits for an answer)."""
    return (
        f"Hint: {reason}; set them with lupus-tracker profile --db PATH "
        "--sex female|male --birth-date YYYY-MM-DD"
    )
