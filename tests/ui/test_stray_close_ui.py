"""Qt's own file dialog, shown on the folder that holds the open file, reads that file
(for its icon) and so released SQLite's lock: a ``lupus-tracker check`` in a terminal then
deleted the -wal and -shm under the window ("The disk could not be written" until a
restart, patient review). The window takes its lock again when it gets the focus back."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from lupus_tracker.store.repository import Repository
from tests.store.test_stray_close import add_creatinine, run_check, side_files


def test_a_file_dialog_on_the_data_folder_then_check_in_a_terminal(make_window, tmp_path, qtbot):
    path = tmp_path / "lupus.sqlite"
    with Repository.open(path) as repo:
        add_creatinine(repo, 2)
        window = make_window(repo)
        window.show()
        qtbot.waitExposed(window)
        dialog = QFileDialog(window, "Open database", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.show()
        qtbot.wait(1500)  # the dialog lists the folder (and reads the files) in a thread
        dialog.close()
        window._focus_window_changed(window.windowHandle())  # the focus comes back
        run_check(path)
        assert side_files(path) == ["lupus.sqlite-shm", "lupus.sqlite-wal"]
        add_creatinine(repo, 3)
        window.dashboard.refresh()
        assert not window.dashboard.signal.text().startswith("The dashboard could not")
        assert repo.counts()["results"] == 2
