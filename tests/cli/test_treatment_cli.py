"""``add event|medication|dose`` and ``stop``: what the app records, from the command line.

Each success prints one line; each user error prints one line on stderr, exits 2 and
writes nothing (the file's bytes are unchanged).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import EventKind
from lupus_tracker.store.repository import Repository


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exit_:  # argparse refuses an argument this way
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite"
    Repository.open(path).close()
    return path


def test_medication_taper_and_stop(db, capsys):
    status, out, _ = run(
        capsys,
        "add",
        "medication",
        "--db",
        str(db),
        "--name",
        "Prednisone",
        "--start",
        "2026-01-05",
        "--dose",
        "40",
        "--unit",
        "mg",
        "--frequency",
        "once daily",
        "--note",
        "flare",
    )
    assert status == 0 and out == "Saved Prednisone 40 mg once daily from 2026-01-05 (id 1)\n"
    planned = (date.today() + timedelta(days=20)).isoformat()  # a planned step may be future
    status, out, _ = run(
        capsys,
        "add",
        "dose",
        "--db",
        str(db),
        "--medication",
        "prednisone",
        "--date",
        planned,
        "--dose",
        "7,5",
    )
    assert status == 0 and out == f"Saved Prednisone 7.5 mg once daily from {planned}\n"
    status, out, _ = run(
        capsys,
        "stop",
        "--db",
        str(db),
        "--medication",
        "Prednisone",
        "--date",
        planned,  # not before the last dose change (fix round: a stop before it is refused)
        "--reason",
        "no response, tremor",
    )
    assert status == 0 and out.count("\n") == 1 and f"Stopped Prednisone on {planned}" in out
    with Repository.open(db) as repo:
        (med,) = repo.treatments.all()
    assert [(d.dose, d.unit, d.frequency) for d in med.doses] == [
        (40, "mg", "once daily"),
        (7.5, "mg", "once daily"),
    ]
    assert med.stopped_on == date.fromisoformat(planned)
    assert med.note == "flare; Stopped: no response, tremor"


@pytest.mark.parametrize(
    "words, stored",
    [
        ("once daily", "once daily"),
        ("twice daily", "twice daily"),
        ("BID", "twice daily"),
        ("three times daily", "three times daily"),
        ("every other day", "every other day"),
        ("weekly", "weekly"),
        ("every 2 weeks", "every 2 weeks"),
        ("monthly", "monthly"),
        ("every 6 months", "every 6 months"),
        ("once", "once"),
    ],
)
def test_frequencies_are_stored_in_canonical_words(db, capsys, words, stored):
    status, _, err = run(
        capsys,
        "add",
        "medication",
        "--db",
        str(db),
        "--name",
        "Rituximab",
        "--start",
        "2026-01-05",
        "--dose",
        "1",
        "--unit",
        "g",
        "--frequency",
        words,
    )
    assert status == 0, err
    with Repository.open(db) as repo:
        assert repo.treatments.all()[0].doses[0].frequency == stored


def test_event_with_an_end_date(db, capsys):
    status, out, _ = run(
        capsys,
        "add",
        "event",
        "--db",
        str(db),
        "--date",
        "2026-05-01",
        "--kind",
        "hospital_stay",
        "--title",
        "Admitted: nephritis",
        "--end",
        "2026-05-09",
        "--note",
        "biopsy",
    )
    assert status == 0
    assert out == "Saved hospital stay 'Admitted: nephritis' on 2026-05-01 to 2026-05-09 (id 1)\n"
    with Repository.open(db) as repo:
        (event,) = repo.events.all()
    assert event.kind is EventKind.HOSPITAL_STAY and event.note == "biopsy"


@pytest.mark.parametrize(
    "args, words",
    [
        (["add", "event", "--date", "2026-05-01", "--kind", "party", "--title", "x"], "--kind"),
        (
            [
                "add",
                "event",
                "--date",
                "2026-05-09",
                "--kind",
                "flare",
                "--title",
                "x",
                "--end",
                "2026-05-01",
            ],
            "before",
        ),
        (["add", "event", "--date", "2026-02-30", "--kind", "flare", "--title", "x"], "real date"),
        (["add", "event", "--date", "2026-05-01", "--kind", "flare", "--title", "  "], "title"),
        (
            ["add", "medication", "--name", "HCQ", "--start", "2026-01-01", "--dose", "200"],
            "together",
        ),
        (
            [
                "add",
                "medication",
                "--name",
                "HCQ",
                "--start",
                "2026-01-01",
                "--dose",
                "200",
                "--unit",
                "spoon",
            ],
            "dose unit",
        ),
        (
            [
                "add",
                "medication",
                "--name",
                "HCQ",
                "--start",
                "2026-01-01",
                "--frequency",
                "sometimes",
            ],
            "frequency",
        ),
        (["add", "medication", "--name", "Prednisone", "--start", "2026-02-01"], "already"),
        (
            ["add", "dose", "--medication", "Aspirin", "--date", "2026-02-01", "--dose", "1"],
            "No medication named",
        ),
        (
            ["add", "dose", "--medication", "Prednisone", "--date", "2025-01-01", "--dose", "1"],
            "cannot be before",
        ),
        (
            ["add", "dose", "--medication", "Prednisone", "--date", "2026-02-01", "--dose", "<1"],
            "plain number",
        ),
        (["stop", "--medication", "Prednisone", "--date", "2025-01-01"], "before"),
        (["add", "lab", "--date", "2099-01-01", "--marker", "c3", "--value", "0.8"], "future"),
        (
            ["add", "symptom", "--date", "2099-01-01", "--symptom", "fatigue", "--severity", "3"],
            "future",
        ),
    ],
)
def test_user_errors_are_one_line_exit_2_nothing_written(db, capsys, args, words):
    assert (
        main(
            [
                "add",
                "medication",
                "--db",
                str(db),
                "--name",
                "Prednisone",
                "--start",
                "2026-01-05",
                "--dose",
                "40",
                "--unit",
                "mg",
            ]
        )
        == 0
    )
    capsys.readouterr()
    before = db.read_bytes()
    status, out, err = (
        run(capsys, *args[:2], "--db", str(db), *args[2:])
        if args[0] == "add"
        else run(capsys, args[0], "--db", str(db), *args[1:])
    )
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and words in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_a_dose_after_the_stop_is_refused(db, capsys):
    assert (
        main(
            [
                "add",
                "medication",
                "--db",
                str(db),
                "--name",
                "Prednisone",
                "--start",
                "2026-01-05",
                "--dose",
                "40",
                "--unit",
                "mg",
            ]
        )
        == 0
    )
    assert (
        main(["stop", "--db", str(db), "--medication", "Prednisone", "--date", "2026-06-01"]) == 0
    )
    capsys.readouterr()
    before = db.read_bytes()
    status, out, err = run(
        capsys,
        "add",
        "dose",
        "--db",
        str(db),
        "--medication",
        "Prednisone",
        "--date",
        "2026-06-10",
        "--dose",
        "5",
    )
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "Prednisone was stopped on 2026-06-01; restart it first" in err
    assert db.read_bytes() == before


def test_an_event_error_names_the_add_event_command(db, capsys):
    """The event's --kind (flare, visit, ...) must not replace the subcommand's name in the
    one-line error (it printed "lupus-tracker add flare: error: ...")."""
    status, out, err = run(
        capsys,
        *("add", "event", "--db", str(db), "--date", "2026-05-09"),
        *("--kind", "flare", "--title", "Flare", "--end", "2026-05-01"),
    )
    assert status == 2
    assert out == ""
    assert err.startswith("lupus-tracker add event: error: ")
    assert len(err.strip().splitlines()) == 1
