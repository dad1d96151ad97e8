"""Round 3 item 1: sex and date of birth are asked once when first needed — after a lab
report is saved (tests/ui/test_profile_prompt.py), after an import, and by a line on the
dashboard when it shows a result that needs them; the command line prints a one-line hint.
Asked or declined is kept in the file, so the question is never put twice."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from lupus_tracker.domain.profile_question import (
    ASKED,
    NOT_NOW,
    PROFILE_PROMPT_SETTING,
    profile_question,
)
from lupus_tracker.domain.records import LabEntry, Profile, Sex
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui import file_actions, profile_prompt
from tests.ui.test_profile_prompt import _answer

TODAY = date.today()
UNKNOWN = Profile("", None, None)


@pytest.mark.parametrize(
    ("profile", "answered", "markers", "asked", "source"),
    [
        (UNKNOWN, None, ["creatinine"], "eGFR is computed", "issue 12 item 3: eGFR needs both"),
        (UNKNOWN, None, ["hemoglobin"], "differs between women", "a sex-specific range"),
        (UNKNOWN, None, ["c3"], "", "C3's range is the same for both sexes"),
        (UNKNOWN, NOT_NOW, ["creatinine"], "", "declined: never asked again"),
        (UNKNOWN, ASKED, ["creatinine"], "", "asked once (even if the profile was cancelled)"),
        (Profile("", date(1990, 1, 1), None), None, ["creatinine"], "eGFR", "sex missing"),
        (Profile("", None, Sex.FEMALE), None, ["creatinine"], "eGFR", "birth date missing"),
        (Profile("", date(1990, 1, 1), Sex.MALE), None, ["creatinine"], "", "both known"),
    ],
)
def test_the_rule(profile, answered, markers, asked, source):
    reason = profile_question(profile, answered, markers)
    assert (asked in reason and bool(reason)) if asked else reason == "", source


def test_the_dashboard_asks_once_by_a_line_and_not_now_is_kept(make_window, repo, qtbot):
    repo.results.add(LabEntry(TODAY - timedelta(days=2), "hemoglobin", "12.8", "g/dL"))
    window = make_window(repo)
    bar = window.dashboard.profile_bar
    window.dashboard.refresh()
    qtbot.waitUntil(lambda: not bar.isHidden(), timeout=10000)
    assert "differs between women and men" in bar.text.text()
    assert bar.accessibleName() and bar.later_button.accessibleName()
    bar.later_button.click()
    assert bar.isHidden()
    assert repo.settings.get(PROFILE_PROMPT_SETTING) == NOT_NOW
    window.dashboard.refresh()
    qtbot.wait(200)
    assert bar.isHidden()  # never asked again in this file
    assert repo.profile.get().sex is None  # nothing guessed


def test_the_dashboard_line_opens_the_profile_once(make_window, repo, qtbot, monkeypatch):
    repo.results.add(LabEntry(TODAY - timedelta(days=2), "creatinine", "0.9", "mg/dL"))
    window = make_window(repo)
    bar = window.dashboard.profile_bar
    qtbot.waitUntil(lambda: not bar.isHidden(), timeout=10000)
    opened = []
    monkeypatch.setattr(window, "exec_dialog", lambda dialog: opened.append(dialog) and False)
    bar.enter_button.click()  # the profile opens; the person cancels it
    assert [type(d).__name__ for d in opened] == ["ProfileDialog"]
    assert repo.settings.get(PROFILE_PROMPT_SETTING) == ASKED
    assert profile_prompt.should_ask(repo, ["creatinine"]) == ""  # not nagged again


def test_an_import_that_brings_a_creatinine_asks_once(make_window, repo, monkeypatch):
    window = make_window(repo)

    def imported(parent, into):
        into.results.add(LabEntry(TODAY - timedelta(days=2), "creatinine", "0.9", "mg/dL"))
        return 1, None

    monkeypatch.setattr("lupus_tracker.ui.import_dialog.import_with_dialog", imported)
    _answer("Not now")
    file_actions.import_file(window)
    assert repo.settings.get(PROFILE_PROMPT_SETTING) == NOT_NOW
    assert repo.profile.get().sex is None


def test_an_import_without_such_results_asks_nothing(make_window, repo, monkeypatch):
    window = make_window(repo)

    def imported(parent, into):
        into.results.add(LabEntry(TODAY - timedelta(days=2), "c3", "0.8", "g/L"))
        return 1, None

    monkeypatch.setattr("lupus_tracker.ui.import_dialog.import_with_dialog", imported)
    file_actions.import_file(window)  # would block on a question: none is put
    assert repo.settings.get(PROFILE_PROMPT_SETTING) is None


def _add_lab(db, marker, value, unit):
    return subprocess.run(
        [
            *(sys.executable, "-m", "lupus_tracker", "add", "lab", "--db", str(db)),
            *("--date", "2026-01-05", "--marker", marker, "--value", value, "--unit", unit),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_line_prints_a_one_line_hint(tmp_path):
    db = tmp_path / "cli.db"
    done = _add_lab(db, "creatinine", "0.9", "mg/dL")
    assert done.returncode == 0 and done.stdout.startswith("Saved creatinine")
    assert done.stderr.strip() == (
        "Hint: eGFR is computed from creatinine with your age and sex; set them with "
        "lupus-tracker profile --db PATH --sex female|male --birth-date YYYY-MM-DD"
    )
    assert _add_lab(db, "c3", "0.9", "g/L").stderr == ""  # C3 needs neither
    with Repository.open(db) as repo:
        repo.profile.set(Profile("", date(1990, 1, 1), Sex.FEMALE))
    assert _add_lab(db, "creatinine", "0.8", "mg/dL").stderr == ""  # known: no hint


def test_the_import_command_prints_the_hint_too(tmp_path):
    csv = tmp_path / "in.csv"
    csv.write_text(
        "date,kind,item,value,unit,ref_low,ref_high,lab,note\n"
        "2026-01-05,lab,creatinine,0.9,mg/dL,,,,\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "lupus_tracker", "import", str(csv), "--db", str(tmp_path / "i.db")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "Imported 1 records" in done.stdout
    assert done.stderr.strip().startswith("Hint: eGFR is computed from creatinine")
