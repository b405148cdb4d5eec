"""What a temporal expression is read against: the publication date, tense, and context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|going to|plans? to|planning (?:to|for)|planned for|scheduled|expected(?: to| in)?|expects?"
    r"|is to|are to|due to|is due|are due|upcoming|intends? to|set to|as early as|as soon as)\b"
)
_DEADLINE = re.compile(r"\b(?:by|until|till)\s+(?:early |late |mid-|the end of )?$")
# "-ed" words are past tense, except passive participles after "be" ("will be named").
_PAST = re.compile(
    r"\b(?:said|says|was|were|had|did|announced|reported|told|added)\b|(?<!\bbe )(?<!\bbeen )\b\w+ed\b"
)


@dataclass(frozen=True, slots=True)
class Context:
    """The anchor (publication date), the direction the tense points (-1 past, +1 future,
    0 unknown), the latest fiscal quarter the document spoke of (for "a year earlier") and
    the last explicit date it gave (for "that day")."""

    anchor: date | None
    direction: int = 0
    quarter: str | None = None
    narrative: str | None = None  # the last explicit date the article gave
    day: str | None = None  # the last day the article named, explicitly or not ("Friday")


def direction_of(before: str, after: str) -> int:
    """Tense of the clause around an expression, from the nearest marker before it, else
    the first one after it: -1 past, +1 future, 0 when nothing says."""
    clause = re.split(r"[.;!?]", before)[-1].lower()
    if _DEADLINE.search(clause):
        return 1  # "by May", "until Tuesday": a deadline lies ahead
    markers = [(m.start(), -1) for m in _PAST.finditer(clause)]
    markers += [(m.start(), 1) for m in _FUTURE.finditer(clause)]
    if markers:
        return max(markers)[1]
    following = re.split(r"[.;!?]", after)[0].lower()
    markers = [(m.start(), -1) for m in _PAST.finditer(following)]
    markers += [(m.start(), 1) for m in _FUTURE.finditer(following)]
    return min(markers)[1] if markers else 0
