"""Two things the app settles with the person once per file, never by guessing:

- the **number format** of their lab reports (issue 12 item 1): on a file where it is not set,
  the app sets it from the system locale's decimal mark the first time it opens the file
  (``QLocale().decimalPoint()`` → :meth:`NumberFormat.from_decimal_point`) and says so in the
  status bar; the person can change it in Profile.  Files made by the command line stay
  unset until then, so an ambiguous ``1.250`` typed there is refused naming both readings.
- **sex and date of birth** (issue 12 item 3): asked once, when the app first needs them
  (a creatinine for eGFR, a marker whose range depends on sex); "Not now" is remembered in
  the file, and nothing is ever guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

from lupus_tracker.domain.catalog import UnknownMarkerError, get_marker
from lupus_tracker.domain.records import NumberFormat
from lupus_tracker.store.repository import Repository

# Kept in the file's settings: the person answered "Not now" to the profile question.
PROFILE_PROMPT_SETTING = "profile_prompt"
NOT_NOW = "not_now"
# Markers whose use needs sex or date of birth: creatinine (eGFR needs both) and every
# marker whose default range differs by sex.
_EGFR_INPUT = "creatinine"


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


def should_ask(repo: Repository, marker_keys: Iterable[str]) -> str:
    """The reason to ask for sex and date of birth now, or '' (known, declined, unneeded)."""
    profile = repo.profile.get()
    if profile.sex is not None and profile.birth_date is not None:
        return ""
    if repo.settings.get(PROFILE_PROMPT_SETTING) == NOT_NOW:
        return ""
    return needs_profile(marker_keys)


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
    box.exec()
    if box.clickedButton() is enter:
        return True
    repo.settings.set(PROFILE_PROMPT_SETTING, NOT_NOW)
    return False
