"""Two things the app settles with the person once per file, never by guessing:

- the **number format** of their lab reports (issue 12 item 1): on a file where it is not set,
  the app sets it from the system locale's decimal mark the first time it opens the file
  (``QLocale().decimalPoint()`` → :meth:`NumberFormat.from_decimal_point`) and says so in the
  status bar; the person can change it in Profile.  Files made by the command line stay
  unset until then, so an ambiguous ``1.250`` typed there is refused naming both readings.
- **sex and date of birth** (issue 12 item 3): asked once, when the app first needs them
  (a creatinine for eGFR, a marker whose range depends on sex): after a lab report is
  saved, after an import, or by a line on the dashboard when such a result is shown.  That
  it was asked or declined is kept in the file; nothing is ever guessed.  The rule is
  ``domain.profile_question``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from lupus_tracker.domain.profile_question import (
    ASKED,
    NOT_NOW,
    PROFILE_PROMPT_SETTING,
    needs_profile,
    profile_question,
)
from lupus_tracker.domain.records import NumberFormat
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.repository import Repository

__all__ = [
    "ASKED",
    "NOT_NOW",
    "PROFILE_PROMPT_SETTING",
    "ProfileQuestionBar",
    "adopt_system_number_format",
    "ask_once",
    "needs_profile",
    "prompt_text",
    "remember",
    "should_ask",
]


def adopt_system_number_format(
    repo: Repository,
    locale: QLocale | None = None,
) -> NumberFormat | None:
    """Set the file's number format from the system locale when it is not set yet; return
    the format set now (``None`` when the file already had one)."""
    if repo.settings.number_format() is not None:
        return None
    chosen = NumberFormat.from_decimal_point((locale or QLocale()).decimalPoint())
    repo.settings.set_number_format(chosen)
    return chosen


def number_format_message(chosen: NumberFormat) -> str:
    example = "1.25" if chosen is NumberFormat.POINT else "1250"
    mark = "decimal point" if chosen is NumberFormat.POINT else "decimal comma"
    return (
        f"Numbers such as 1.250 will be read with a {mark} (= {example}), as on this "
        "computer; change it in Profile if your lab reports write numbers otherwise."
    )


def should_ask(repo: Repository, marker_keys: Iterable[str]) -> str:
    """The reason to ask for sex and date of birth now, or '' (known, already asked or
    declined in this file, unneeded): the rule is ``domain.profile_question``."""
    return profile_question(
        repo.profile.get(), repo.settings.get(PROFILE_PROMPT_SETTING), marker_keys
    )


def remember(repo: Repository, answer: str) -> None:
    """Keep in the file that the question was put (``ASKED``) or declined (``NOT_NOW``); a
    file that cannot be written (read-only) simply stays unmarked."""
    try:
        repo.settings.set(PROFILE_PROMPT_SETTING, answer)
    except StoreError:
        return


def sentence_start(text: str) -> str:
    """``text`` with a capital first letter, unless its first word is written in mixed case
    ("eGFR is computed…" stays; "EGFR" is another word, a gene)."""
    first = text.split(" ", 1)[0]
    if any(c.isupper() for c in first[1:]):
        return text
    return text[:1].upper() + text[1:]


def prompt_text(reason: str) -> str:
    return (
        f"{sentence_start(reason)}. The app does not guess them: enter your sex and date "
        "of birth in Profile?"
    )


def ask_once(repo: Repository, reason: str, parent: QWidget | None) -> bool:
    """Ask whether to enter sex and date of birth now; "Not now" is remembered.  True when
    the person chose to open the profile."""
    box = QMessageBox(parent)
    box.setWindowTitle("Sex and date of birth")
    box.setAccessibleName("Ask for sex and date of birth")
    box.setText(prompt_text(reason))
    enter = box.addButton("&Enter now", QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton("&Not now", QMessageBox.ButtonRole.RejectRole)
    enter.setAccessibleName("Enter sex and date of birth now")
    later.setAccessibleName("Not now; do not ask again for this file")
    box.setDefaultButton(enter)
    remember(repo, ASKED)  # put once: never asked again, whatever the answer
    box.exec()
    if box.clickedButton() is enter:
        return True
    remember(repo, NOT_NOW)
    return False


class ProfileQuestionBar(QFrame):
    """The question as a line on the dashboard, shown when a result there needs sex and date
    of birth that the profile lacks and the question was not put yet in this file: never a
    window that interrupts, answered once (Enter … opens the profile; Not now is kept)."""

    enter = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Sex and date of birth are needed")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Why sex and date of birth are needed")
        self.enter_button = QPushButton("Enter sex and date of &birth…")
        self.enter_button.setAccessibleName("Enter sex and date of birth in Profile")
        self.later_button = QPushButton("Not no&w")
        self.later_button.setAccessibleName("Not now; do not ask again for this file")
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.enter_button)
        layout.addWidget(self.later_button)
        self.enter_button.clicked.connect(self._entered)
        self.later_button.clicked.connect(self._declined)
        self.setVisible(False)

    def set_reason(self, reason: str) -> None:
        """Show the question for ``reason``; hide it when ``reason`` is ''."""
        self.text.setText(prompt_text(reason) if reason else "")
        self.setVisible(bool(reason))

    def _entered(self) -> None:
        self.setVisible(False)
        self.enter.emit()

    def _declined(self) -> None:
        self.setVisible(False)
        self.declined.emit()
