"""Read the AT-SPI accessibility tree of a running Lupus Tracker, as a screen reader does.

Run with the SYSTEM python3 (pyatspi is a Debian package, python3-pyatspi, not a PyPI one)
inside the same D-Bus session as the app (see ``atspi_driver.py``):
``python3 tests/ui/atspi_walk.py STAGE OUT.jsonl``. One JSON line is appended per top-level
window (frame or dialog) of the application: the stage, the window's role and name, how many
interactive nodes it has and each one a screen reader could not name (no accessible name),
with its role, description and path, and what it says of each described label and of the
status bar ("said": name and description). Tables, lists and trees are counted, not entered (their
cells are the model's data).
"""

from __future__ import annotations

import json
import sys

import pyatspi  # type: ignore[import-not-found]

INTERACTIVE_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_DIAL,
    pyatspi.ROLE_TABLE,
    pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_LINK,
}
NOT_ENTERED = {
    pyatspi.ROLE_TABLE,
    pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_MENU_BAR,
    pyatspi.ROLE_SCROLL_BAR,
}


def app_named(prefix: str):
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and (app.name or "").lower().startswith(prefix.lower()):
            return app
    names = [desktop.getChildAtIndex(i).name for i in range(desktop.childCount)]
    raise SystemExit(f"no application named {prefix!r} on the AT-SPI bus: {names}")


def walk(node, path: str, found: dict) -> None:
    try:
        role = node.getRole()
        states = node.getState()
    except Exception:  # a node that went away while it was read
        return
    if not states.contains(pyatspi.STATE_SHOWING):
        return
    interactive = role in INTERACTIVE_ROLES or states.contains(pyatspi.STATE_FOCUSABLE)
    here = f"{path}/{node.getRoleName()}"
    if interactive and role != pyatspi.ROLE_SCROLL_BAR:
        found["interactive"] += 1
        if not (node.name or "").strip():
            found["unnamed"].append(
                {
                    "role": node.getRoleName(),
                    "description": node.description,
                    "path": here,
                }
            )
    if role == pyatspi.ROLE_STATUS_BAR or (role == pyatspi.ROLE_LABEL and node.description):
        found["said"].append(
            {"role": node.getRoleName(), "name": node.name, "description": node.description}
        )
    if role in NOT_ENTERED:
        return
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is not None:
            walk(child, here, found)


def main() -> None:
    stage, out = sys.argv[1], sys.argv[2]
    app = app_named(sys.argv[3] if len(sys.argv) > 3 else "lupus")
    with open(out, "a", encoding="utf-8") as file:
        for index in range(app.childCount):
            window = app.getChildAtIndex(index)
            if window is None or not window.getState().contains(pyatspi.STATE_SHOWING):
                continue
            found: dict = {"interactive": 0, "unnamed": [], "said": []}
            walk(window, "", found)
            record = {
                "stage": stage,
                "window": window.name,
                "role": window.getRoleName(),
                **found,
            }
            file.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
