"""Real key presses in the visit report dialog: run under ``QT_QPA_PLATFORM=xcb`` on an X
display with xdotool (``test_report_dialog_keys.py`` starts it on a private Xvfb)::

    python tests/ui/alt_o_driver.py DB

shows the dialog, types "Ask" into Notes and presses Alt+O through the X server (XTEST, as
a keyboard does), then prints one JSON line: the dialog's result and the notes' text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(argv[:1])
    app.setQuitOnLastWindowClosed(False)  # the dialog closing on Alt+O ends nothing
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from lupus_tracker.store.repository import Repository
    from lupus_tracker.ui.report_actions import ReportDialog

    outcome: dict[str, object] = {}
    with Repository.open(Path(argv[1])) as repo:
        dialog = ReportDialog(repo)
        dialog.show()
        dialog.activateWindow()

        def press() -> None:
            dialog.notes.setFocus()
            outcome["focused"] = dialog.notes.hasFocus()
            for keys in (["type", "--delay", "30", "Ask"], ["key", "alt+o"]):
                subprocess.run(["xdotool", *keys], check=True, timeout=30)
            QTimer.singleShot(1500, finish)  # the button's click is animated (~100 ms)

        def finish() -> None:
            outcome["result"] = int(dialog.result())
            outcome["notes"] = dialog.notes.toPlainText()
            outcome["visible"] = dialog.isVisible()
            app.quit()

        QTimer.singleShot(1500, press)
        QTimer.singleShot(20000, app.quit)  # never hangs the suite
        app.exec()
    print(json.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
