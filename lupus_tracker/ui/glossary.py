"""The one glossary of clinical words a patient meets in the app, each with a one-line
plain explanation (issue 18 item 6).

The same lines appear as tooltips (and screen-reader descriptions) wherever a word is
shown (:mod:`lupus_tracker.ui.term_tips`) and in Help › User guide. The SLEDAI-2K
descriptors (Pyuria, Increased DNA binding, ...) take their plain words from
:data:`lupus_tracker.domain.sledai.PLAIN_LANGUAGE`, where they live.

Sources for the explanations: /work/shared/domain.md (marker table, titers and assays,
SLEDAI-2K after Gladman et al., J Rheumatol 2002; LLDAS after Franklyn et al., Ann Rheum
Dis 2016; DORIS after van Vollenhoven et al., Lupus Sci Med 2021; eGFR CKD-EPI 2021 after
Inker et al., NEJM 2021); UPCR: Cleveland Clinic, "Urine Protein Creatinine Ratio"
(my.clevelandclinic.org/health/diagnostics/23933-urine-protein-creatinine-ratio).
No Qt here: plain data and matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lupus_tracker.domain.sledai import DESCRIPTORS, PLAIN_LANGUAGE


@dataclass(frozen=True)
class Term:
    word: str  # as the app shows it
    explanation: str  # one plain line
    also: tuple[str, ...] = ()  # other spellings that mean the same word


_OWN_TERMS = (
    Term(
        "SLEDAI-2K",
        "A score (0 to 105) doctors use to describe lupus activity over the "
        "last 10 days; a number to discuss, not a diagnosis.",
        ("SLEDAI",),
    ),
    Term(
        "LLDAS",
        "Lupus Low Disease Activity State: a treatment target of little lupus "
        "activity on a low steroid dose, judged with your doctor.",
    ),
    Term(
        "DORIS",
        "The DORIS definition of remission: no clinical activity, a doctor's "
        "overall rating below 0.5 and at most 5 mg prednisolone a day.",
    ),
    Term(
        "PGA",
        "Physician global assessment: your doctor's overall rating of lupus "
        "activity, from 0 (none) to 3 (severe).",
        ("physician global assessment",),
    ),
    Term(
        "complement",
        "Blood proteins (C3, C4) that are used up when lupus is active; low "
        "values can go with activity.",
        ("C3", "C4", "CH50"),
    ),
    Term(
        "anti-dsDNA",
        "An antibody against the body's own DNA; it often rises when lupus is active.",
        ("dsDNA",),
    ),
    Term(
        "ANA",
        "Antinuclear antibodies: found in almost everyone with lupus; the titer "
        "does not follow how active lupus is.",
    ),
    Term(
        "UPCR",
        "Urine protein/creatinine ratio: how much protein leaks into the urine, "
        "measured on a single sample.",
        ("protein/creatinine",),
    ),
    Term(
        "eGFR",
        "Estimated glomerular filtration rate: how well the kidneys filter, "
        "computed from creatinine, age and sex.",
    ),
    Term(
        "creatinine",
        "A waste product of the muscles that the kidneys remove; it rises "
        "when the kidneys filter less.",
    ),
    Term(
        "assay",
        "The laboratory method used for a test; numbers from different methods may not compare.",
    ),
    Term(
        "titer",
        "How far a sample could be diluted and still react (1:160): a larger "
        "second number means more antibody.",
        ("titre",),
    ),
    Term(
        "dilution",
        "One step of a titer: each step doubles (1:80 to 1:160 is +1 dilution).",
        ("dilutions",),
    ),
    Term(
        "pattern",
        "The shape ANA staining makes under the microscope (speckled, "
        "homogeneous ...), as the report prints it.",
    ),
    Term(
        "reference range",
        "The values the lab considers usual for its method; each lab prints its own.",
        ("ref range", "lab's range"),
    ),
    Term(
        "prednisone-equivalent",
        "A steroid dose converted to the prednisone (or prednisolone: the same "
        "strength) dose, so different steroids can be compared.",
        ("prednisone equivalent", "prednisolone-equivalent", "prednisolone equivalent"),
    ),
    Term(
        "hydroxychloroquine",
        "A lupus medicine (Plaquenil); its safe dose depends on body "
        "weight and it needs regular eye checks.",
    ),
)


@cache
def terms() -> tuple[Term, ...]:
    """Every term: the app's own, then each SLEDAI-2K descriptor with its plain words."""
    descriptors = tuple(Term(d.name, PLAIN_LANGUAGE[d.key]) for d in DESCRIPTORS)
    return _OWN_TERMS + descriptors


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Term], ...]:
    found = []
    for term in terms():
        words = sorted((term.word, *term.also), key=len, reverse=True)
        pattern = r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"
        found.append((re.compile(pattern, re.IGNORECASE), term))
    return tuple(found)


def found_in(text: str) -> list[Term]:
    """The glossary terms a visible text uses, in glossary order, each once."""
    plain = re.sub(r"<[^>]+>", " ", text).replace("&", "")
    return [term for pattern, term in _patterns() if pattern.search(plain)]


def line(term: Term) -> str:
    return f"{term.word}: {term.explanation}"


def tip_for(text: str) -> str:
    """The explanations for ``text``, one line per term ("" when it uses none)."""
    return "\n".join(line(t) for t in found_in(text))


def help_html() -> str:
    """The glossary as the user guide shows it."""
    items = "".join(f"<li><b>{t.word}</b>: {t.explanation}</li>" for t in terms())
    return f"<h3>Words you will meet</h3><ul>{items}</ul>"
