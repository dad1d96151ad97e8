"""Issue 12 items 1 and 3 in real widgets: the number format set from the system locale on a
file's first run in the app (never by the command line), chosen in Profile; sex and date of
birth asked once when first needed, "Not now" remembered."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from lupus_tracker.domain.records import LabEntry, NumberFormat, Profile, Sex
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui import profile_prompt
from lupus_tracker.ui.profile_dialog import ProfileDialog


@pytest.mark.parametrize(
    ("language", "country", "expected", "source"),
    [
        (
            QLocale.Language.German,
            QLocale.Country.Germany,
            NumberFormat.COMMA,
            "issue 12 item 1: a decimal-comma locale",
        ),
        (
            QLocale.Language.English,
            QLocale.Country.UnitedStates,
            NumberFormat.POINT,
            "issue 12 item 1: a decimal-point locale",
        ),
        (QLocale.Language.French, QLocale.Country.France, NumberFormat.COMMA, "French: comma"),
    ],
)
def test_number_format_from_the_locale_only_when_unset(repo, language, country, expected, source):
    locale = QLocale(language, country)
    assert profile_prompt.adopt_system_number_format(repo, locale) is expected, source
    assert repo.settings.number_format() is expected
    other = QLocale(
        QLocale.Language.English if expected is NumberFormat.COMMA else QLocale.Language.German
    )
    assert profile_prompt.adopt_system_number_format(repo, other) is None  # never overwritten
    assert repo.settings.number_format() is expected


def test_first_run_in_the_app_sets_it_and_says_so(make_window, repo):
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        window = make_window(repo)
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert repo.settings.number_format() is NumberFormat.COMMA
    assert "decimal comma" in window.statusBar().currentMessage()
    saved = repo.results.add(LabEntry(date(2026, 1, 5), "urine_protein_24h", "1.250", "mg/24h"))
    assert saved.base_value == pytest.approx(1.25)  # 1250 mg/24h = 1.25 g/24h


def test_cli_created_file_stays_unset_and_refuses_naming_both_readings(tmp_path):
    path = tmp_path / "cli.sqlite"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "lupus_tracker",
            "add",
            "lab",
            "--db",
            str(path),
            "--date",
            "2026-01-05",
            "--marker",
            "platelets",
            "--value",
            "250.000",
            "--unit",
            "/uL",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "250 if '.' is the decimal mark, 250000 if it separates thousands" in done.stderr
    if path.exists():
        with Repository.open(path) as repo:
            assert repo.settings.number_format() is None and repo.is_empty()


def test_profile_dialog_offers_point_or_comma_and_saves_with_undo(make_window, repo, monkeypatch):
    window = make_window(repo)
    repo.settings.set_number_format(NumberFormat.POINT)
    dialog = ProfileDialog(repo, window)
    box = dialog.number_format_box
    assert box.accessibleName() == "How your lab reports write numbers"
    assert [box.itemData(i) for i in range(box.count())] == [
        None,
        NumberFormat.POINT,
        NumberFormat.COMMA,
    ]
    assert dialog.number_format() is NumberFormat.POINT

    def choose_comma(dialog):
        dialog.number_format_box.setCurrentIndex(2)
        return True

    monkeypatch.setattr(window, "exec_dialog", choose_comma)
    window.changes.edit_profile()
    assert repo.settings.number_format() is NumberFormat.COMMA
    window.undo_stack.undo()
    assert repo.settings.number_format() is NumberFormat.POINT


def _answer(button_text: str) -> None:
    """Click ``button_text`` in the message box once it shows."""

    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                for button in widget.buttons():
                    if button.text().replace("&", "") == button_text:
                        button.click()
                        return
        QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(
    ("markers", "asked", "source"),
    [
        (["creatinine"], "eGFR is computed from creatinine", "issue 12 item 3: eGFR needs both"),
        (["hemoglobin"], "differs between women and men", "issue 12 item 3: sex-specific range"),
        (["c3"], "", "C3's range does not depend on sex: nothing asked"),
    ],
)
def test_asked_only_when_needed(repo, markers, asked, source):
    reason = profile_prompt.should_ask(repo, markers)
    assert asked in reason if asked else reason == "", source


def test_not_now_is_remembered_and_nothing_is_guessed(make_window, repo):
    window = make_window(repo)
    _answer("Not now")
    window.changes.ask_profile_if_needed(["creatinine"])
    assert repo.settings.get(profile_prompt.PROFILE_PROMPT_SETTING) == "not_now"
    assert repo.profile.get().sex is None and repo.profile.get().birth_date is None
    assert profile_prompt.should_ask(repo, ["creatinine"]) == ""  # never asked again


def test_enter_now_opens_the_profile(make_window, repo, monkeypatch):
    window = make_window(repo)
    opened = []

    def fill(dialog):
        opened.append(type(dialog).__name__)
        dialog.sex.setCurrentIndex(dialog.sex.findData(Sex.FEMALE))
        dialog.birth.setText("1990-01-01")  # typed: never a default birth date
        return True

    monkeypatch.setattr(window, "exec_dialog", fill)
    _answer("Enter now")
    window.changes.ask_profile_if_needed(["creatinine"])
    assert opened == ["ProfileDialog"] and repo.profile.get().sex is Sex.FEMALE
    assert profile_prompt.should_ask(repo, ["creatinine"]) == ""


def test_not_asked_when_the_profile_is_complete(repo):
    repo.profile.set(Profile("A", date(1990, 1, 1), Sex.MALE))
    assert profile_prompt.should_ask(repo, ["creatinine"]) == ""
