"""Temporal expressions in a tagged Doc: candidates found, then normalised to TIMEX3.

Candidates come from Newswire's own patterns (TimeML-style extents: "the third quarter",
"last month", "now") and from the model's DATE/TIME spans where no pattern matched; each is
normalised against the publication date with the tense of its clause and the fiscal quarter
the article last spoke of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from newswire.enrich.components.spans import text_of
from newswire.enrich.timex import Context, direction_of, understood
from newswire.enrich.timex.patterns import LEADING_PREPOSITIONS, find_candidates

_TEMPORAL_LABELS = frozenset({"DATE", "TIME"})
_BARE_UNITS = re.compile(
    r"(?:the )?(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)", re.IGNORECASE
)
_QUARTER_VALUE = re.compile(r"^\d{4}-Q\d$")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
_NAMED_QUARTER = re.compile(r"(?:first|second|third|fourth)[- ]quarter", re.IGNORECASE)
# A calendar mention that sets the narrative time for "that day", "the following month".
_EXPLICIT_YEAR = re.compile(
    r"\b(?:1[5-9]|20)\d\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d"
)
# Context read around an expression for its tense.
_BEFORE_CHARS, _AFTER_CHARS = 120, 80


@dataclass(frozen=True, slots=True)
class TimexSpan:
    """A temporal expression: character offsets into the doc's text, TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


def timexes_in_doc(doc: Doc, anchor: date | None) -> list[TimexSpan]:
    """Every temporal expression in `doc` with a value, read against the date `anchor`."""
    text = text_of(doc)
    candidates = find_candidates(text)
    taken = [(start, end) for start, end, _ in candidates]
    for span in doc.ents:
        if span.label_ not in _TEMPORAL_LABELS:
            continue
        start, end = _trim(text, span.start_char, span.end_char)
        if _BARE_UNITS.fullmatch(text[start:end]):
            continue  # "for years", "months of talks": the model's guess, rarely annotated
        if start < end and not any(start < e and s < end for s, e in taken):
            candidates.append((start, end, span.label_))
            taken.append((start, end))
    candidates.sort()
    found: list[TimexSpan] = []
    quarter: str | None = None
    narrative: str | None = None
    day: str | None = None
    for start, end, label in candidates:
        direction = direction_of(
            text[max(0, start - _BEFORE_CHARS) : start], text[end : end + _AFTER_CHARS]
        )
        context = Context(anchor, direction, quarter, narrative, day)
        timex = understood(text[start:end], context, label)
        if timex is None or (timex.value is None and anchor is not None):
            # No rule understands it, or one does and still finds no value with the
            # publication date known: no guess. (Without the date, no value is expected.)
            continue
        if _reporting_quarter(timex.value, text[start:end], anchor):
            quarter = timex.value
        if timex.value and _EXPLICIT_YEAR.search(text[start:end]):
            narrative = timex.value
        if timex.value and _DAY_VALUE.match(timex.value):
            day = timex.value[:10]
        found.append(TimexSpan(start, end, text[start:end], timex.type, timex.value))
    return found


def _reporting_quarter(value: str | None, surface: str, anchor: date | None) -> bool:
    """A named quarter among the last four before publication: the period that "a year
    earlier" in earnings news compares against."""
    if anchor is None or not value or not _QUARTER_VALUE.match(value):
        return False
    if not _NAMED_QUARTER.search(surface):
        return False
    index = int(value[:4]) * 4 + int(value[-1]) - 1
    current = anchor.year * 4 + (anchor.month - 1) // 3
    return current - 4 < index <= current  # one of the last four quarters


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and trailing punctuation from a model span."""
    leading = LEADING_PREPOSITIONS.match(text[start:end])
    if leading:
        start += leading.end()
    while end > start and text[end - 1] in ".,;:!?'\"”’)":
        end -= 1
    return start, end
