"""Mutation score of the clinical core per package, from mutmut's results in ``mutants/``.

Reads the ``*.py.meta`` files mutmut 3 writes next to each mutated module and the list of
truly equivalent mutants in ``docs/equivalent_mutants.md`` (lines starting with ``- `id```),
and prints killed / survived / equivalent / timeout / no tests / not checked per package
with the score: killed / (all checked - equivalent - no tests).

Usage: python tools/mutation_score.py [--survivors] [--retest-survivors] [PACKAGE_PREFIX ...]
``--retest-survivors`` marks the survivors (and "no tests") of those packages as not run, so
the next ``tools/mutation.sh`` tests them again against tests added since.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("lupus_tracker.domain", "lupus_tracker.analysis")
# mutmut 3 exit codes (mutmut/stats.py): 1 and 3 killed, 0 survived, 5/33 no tests,
# 36/24/-24/152/255 timeout, 37 caught by the type checker, None not run yet.
_STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
    37: "killed",
    None: "not checked",
}
_EQUIVALENT = re.compile(r"^\s*-\s*`([^`]+)`")


def equivalent_ids() -> set[str]:
    path = ROOT / "docs" / "equivalent_mutants.md"
    if not path.exists():
        return set()
    return {
        m.group(1)
        for line in path.read_text("utf-8").splitlines()
        if (m := _EQUIVALENT.match(line))
    }


def statuses() -> dict[str, str]:
    found: dict[str, str] = {}
    mutants = ROOT / "mutants"
    for meta in sorted((mutants / "lupus_tracker").rglob("*.py.meta")):
        source = ROOT / meta.relative_to(mutants).with_suffix("")
        if not source.exists():  # a module removed since: its old results do not count
            continue
        codes = json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})
        for key, code in codes.items():
            found[key] = _STATUS.get(code, "suspicious")
    return found


def retest_survivors(prefixes: list[str]) -> int:
    count = 0
    for meta in sorted((ROOT / "mutants" / "lupus_tracker").rglob("*.py.meta")):
        data = json.loads(meta.read_text("utf-8"))
        codes = data.get("exit_code_by_key", {})
        for key, code in codes.items():
            if _STATUS.get(code) in ("survived", "no tests") and key.startswith(
                tuple(p + "." for p in prefixes)
            ):
                codes[key] = None
                count += 1
        meta.write_text(json.dumps(data, indent=4), "utf-8")
    return count


def main(argv: list[str]) -> int:
    show_survivors = "--survivors" in argv
    prefixes = [a for a in argv if not a.startswith("--")] or list(PACKAGES)
    if "--retest-survivors" in argv:
        print(f"{retest_survivors(prefixes)} mutants will be tested again")
        return 0
    equivalent = equivalent_ids()
    found = statuses()
    for prefix in prefixes:
        mine = {k: v for k, v in found.items() if k.startswith(prefix + ".")}
        counts = Counter(
            "equivalent" if k in equivalent and v == "survived" else v for k, v in mine.items()
        )
        counted = counts["killed"] + counts["survived"] + counts["timeout"]
        caught = counts["killed"] + counts["timeout"]
        score = 100 * caught / counted if counted else 0.0
        # Issue 17's target counts a mutant no fast test runs as not killed.
        with_untested = counted + counts["no tests"]
        strict = 100 * caught / with_untested if with_untested else 0.0
        print(
            f"{prefix}: {len(mine)} mutants, killed {counts['killed']}, survived "
            f"{counts['survived']}, equivalent {counts['equivalent']}, timeout "
            f"{counts['timeout']}, no tests {counts['no tests']}, not checked "
            f"{counts['not checked']}, other {counts['suspicious']}: "
            f"score {score:.1f}% of non-equivalent mutants killed "
            f"({strict:.1f}% counting 'no tests' as not killed)"
        )
        if show_survivors:
            for key in sorted(
                k for k, v in mine.items() if v == "survived" and k not in equivalent
            ):
                print(f"  survived {key}")
            untested = Counter(
                k.rsplit("__mutmut_", 1)[0] for k, v in mine.items() if v == "no tests"
            )
            for function, count in sorted(untested.items()):
                print(f"  no tests {function} ({count} mutants)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
