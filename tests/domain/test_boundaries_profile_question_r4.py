"""When the app asks for sex and date of birth, and the catalog's abbreviations (issue 17:
functions the round-4 mutation run found with "no tests" in the fast core suite).

Sources: CKD-EPI 2021 (Inker et al., N Engl J Med 2021;385:1737-49) needs age and sex, so a
creatinine needs the profile; a marker whose usual range differs by sex (issue 12 item 3)
needs the sex; the question is put once per file (our choice: never nagged, domain/
profile_question.py); the command line prints a hint instead of asking.
"""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.catalog import abbreviations, get_marker
from lupus_tracker.domain.profile_question import (
    ASKED,
    NOT_NOW,
    command_line_hint,
    needs_profile,
    profile_question,
)
from lupus_tracker.domain.records import Profile, Sex

EGFR_REASON = "eGFR is computed from creatinine with your age and sex"
HB_REASON = "the usual range of Hemoglobin differs between women and men"


@pytest.mark.parametrize(
    ("markers", "reason"),
    [
        (["creatinine"], EGFR_REASON),
        (["hemoglobin", "creatinine"], EGFR_REASON),  # the eGFR reason comes first
        (["wbc", "hemoglobin"], HB_REASON),
        # an unknown key (a marker from a newer file) is skipped, not the end of the search
        (["aaa_unknown", "hemoglobin"], HB_REASON),
        (["wbc", "c3"], ""),  # same usual range for everyone
        ([], ""),
    ],
)
def test_needs_profile(markers, reason):
    assert needs_profile(markers) == reason


@pytest.mark.parametrize(
    ("profile", "answered", "reason"),
    [
        (Profile("Ana"), None, EGFR_REASON),  # neither known, never asked
        (Profile("Ana", date(1985, 1, 1)), None, EGFR_REASON),  # sex missing
        (Profile("Ana", None, Sex.FEMALE), None, EGFR_REASON),  # birth date missing
        (Profile("Ana", date(1985, 1, 1), Sex.FEMALE), None, ""),  # both known
        (Profile("Ana"), NOT_NOW, ""),  # declined: never asked again
        (Profile("Ana"), ASKED, ""),
        (Profile("Ana"), "", EGFR_REASON),  # an empty setting is not an answer
    ],
)
def test_profile_question(profile, answered, reason):
    assert profile_question(profile, answered, ["creatinine"]) == reason


def test_command_line_hint():
    assert command_line_hint(EGFR_REASON) == (
        "Hint: eGFR is computed from creatinine with your age and sex; set them with "
        "lupus-tracker profile --db PATH --sex female|male --birth-date YYYY-MM-DD"
    )


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("anti_dsdna", ("dsDNA", "anti-dsDNA")),  # as labs print it (domain.md)
        ("crp", ("CRP",)),
        ("weight", ()),  # none listed
    ],
)
def test_abbreviations(key, found):
    assert abbreviations(get_marker(key)) == found
