"""Issue 11 (remainder): the symptom day form never drops a field silently. A kind of rash
or a place on the body with no rash severity is refused in words (nothing written, the
form kept); a place on the body longer than allowed is said, not cut; a kind of rash not in
the list (written by a script or an older version) is shown and kept on save."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.records import SymptomEntry
from lupus_tracker.domain.symptoms import BODY_SITE_MAX
from lupus_tracker.ui import diary_page, unsaved
from lupus_tracker.ui.unsaved import Choice

DAY = date(2026, 3, 5)


def _diary(make_window, repo):
    window = make_window(repo)
    window.show()
    diary = window.diary
    assert diary.set_day(DAY)
    return window, diary


def test_a_kind_of_rash_without_a_severity_is_refused_in_words(make_window, repo):
    window, diary = _diary(make_window, repo)
    diary.spins["fatigue"].setValue(4)
    diary.location.setCurrentIndex(diary.location.findData("discoid"))
    diary.save_button.click()
    assert "kind of rash" in diary.error.text() and "no severity" in diary.error.text()
    assert repo.diary.day(DAY).entries == ()  # nothing written, not even the fatigue
    assert diary.has_unsaved() and diary.location.currentData() == "discoid"
    assert window.focusWidget() is diary.spins["rash"]
    diary.spins["rash"].setValue(2)
    diary.save_button.click()
    (fatigue, rash) = sorted(repo.diary.day(DAY).entries, key=lambda e: e.symptom)
    assert (rash.severity, rash.location, fatigue.severity) == (2, "discoid", 4)


def test_a_place_on_the_body_without_a_severity_is_refused(make_window, repo):
    _, diary = _diary(make_window, repo)
    diary.body_site.setText("both forearms")
    diary.save_button.click()
    assert "where on the body" in diary.error.text()
    assert repo.diary.day(DAY).entries == ()
    diary.body_site.clear()
    diary.spins["joint_pain"].setValue(3)
    diary.save_button.click()
    assert [e.symptom for e in repo.diary.day(DAY).entries] == ["joint_pain"]
    assert diary.error.text() == ""


def test_clearing_the_rash_severity_of_a_stored_rash_asks_to_clear_its_kind(make_window, repo):
    repo.diary.log(SymptomEntry(DAY, "rash", 5, "malar/butterfly", body_site="cheeks"))
    _, diary = _diary(make_window, repo)
    diary.spins["rash"].setValue(diary_page.NOT_LOGGED)
    diary.save_button.click()
    assert "kind of rash and where on the body" in diary.error.text()
    assert repo.diary.day(DAY).entries[0].body_site == "cheeks"  # unchanged


def test_save_from_the_leave_question_refuses_and_stays(make_window, repo, monkeypatch):
    _, diary = _diary(make_window, repo)
    monkeypatch.setattr(diary_page, "ask_unsaved", lambda parent, what: Choice.SAVE)
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda parent, what: Choice.SAVE)
    diary.location.setCurrentIndex(diary.location.findData("other"))
    assert not diary.may_leave()  # the refused save keeps the person on the day
    assert "kind of rash" in diary.error.text()
    assert not diary.set_day(date(2026, 3, 6)) and diary.current_day() == DAY


def test_a_too_long_place_on_the_body_is_said_not_cut(make_window, repo):
    _, diary = _diary(make_window, repo)
    long_text = "x" * (BODY_SITE_MAX + 5)
    diary.body_site.setText(long_text)  # as pasted
    assert diary.body_site.text() == long_text
    diary.spins["rash"].setValue(3)
    diary.save_button.click()
    assert f"at most {BODY_SITE_MAX}" in diary.error.text()
    assert f"You typed {BODY_SITE_MAX + 5}" in diary.error.text()
    assert repo.diary.day(DAY).entries == ()


def test_a_kind_of_rash_not_in_the_list_is_shown_and_kept(make_window, repo):
    repo.diary.log(SymptomEntry(DAY, "rash", 4, "forearm"))  # an older script's text
    repo.diary.log(SymptomEntry(date(2026, 3, 4), "rash", 2, "discoid"))
    _, diary = _diary(make_window, repo)
    assert diary.location.currentText() == "forearm"
    diary.spins["rash"].setValue(6)
    diary.save_button.click()
    assert repo.diary.day(DAY).entries[0].location == "forearm"
    assert diary.set_day(date(2026, 3, 4))
    assert diary.location.currentData() == "discoid"
    assert diary.location.findText("forearm") < 0  # not offered for other days
