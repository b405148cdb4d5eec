"""TIMEX3 normalisation of a temporal expression, anchored on the publication date.

Rule families, tried in order: vague references (now, recently), holidays, clock times,
relative days (yesterday morning), weekdays, explicit calendar dates, fiscal quarters,
relative periods (last month), seasons, "N units ago", sets (every Monday) and durations.
An expression no rule understands keeps its type and gets no value rather than a guess;
relative expressions get no value without a publication date.
"""

from __future__ import annotations

import re
from datetime import date

from newswire.enrich.timex import amounts, anaphora, dates, quarters
from newswire.enrich.timex.calendar import period_value
from newswire.enrich.timex.context import Context, direction_of
from newswire.enrich.timex.lexicon import PARTS_OF_DAY
from newswire.enrich.timex.types import Timex

__all__ = [
    "PARTS_OF_DAY",
    "Context",
    "Timex",
    "direction_of",
    "normalise",
    "period_value",
    "understood",
]

_RULES = (
    amounts.reference,
    dates.named_day,
    amounts.clock_time,
    dates.relative_day,
    dates.weekday,
    dates.explicit,
    dates.week_of,
    quarters.quarter,
    anaphora.anaphor,
    amounts.decade_span,
    dates.relative_period,
    dates.season,
    amounts.ago,
    amounts.frequency,
    amounts.duration,
)
_MODIFIERS = re.compile(
    r"^(?:(?:about|around|approximately|roughly|nearly|almost|some|as of|since|until|by|on|in|"
    r"at|during|from|through|before|after|of|for|early|late|mid|mid-|the end of|the start of|"
    r"the beginning of|the middle of|the first half of|the second half of|sometime|sometime in)"
    r"\s+|mid-)"
)


_REPORTING_PERIOD = re.compile(r"the (?:fiscal )?(?P<unit>year|quarter)")


def clean_phrase(text: str) -> str:
    """Lower-cased, one-spaced, without trailing punctuation or possessive."""
    phrase = re.sub(r"\s+", " ", text.replace("’", "'").strip().strip(".,;:!?\"'()")).lower()
    return re.sub(r"'s$", "", phrase)


def normalise(text: str, anchor: date | Context | None, label: str = "DATE") -> Timex:
    """The TIMEX3 type and value of `text`, read against a publication date or a Context."""
    return understood(text, anchor, label) or Timex("TIME" if label == "TIME" else "DATE", None)


def understood(text: str, anchor: date | Context | None, label: str = "DATE") -> Timex | None:
    """As `normalise`, but None when no rule understands the expression at all (a rule that
    understands it may still give no value, e.g. a relative day without a publication date)."""
    ctx = anchor if isinstance(anchor, Context) else Context(anchor)
    phrase = clean_phrase(text)
    if label == "DURATION" and (period := _REPORTING_PERIOD.fullmatch(phrase)):
        return Timex("DURATION", "P1Y" if period["unit"] == "year" else "P3M")
    candidates = [phrase]
    while (stripped := _MODIFIERS.sub("", candidates[-1], count=1)) != candidates[-1]:
        candidates.append(stripped)
    for candidate in candidates:
        for rule in _RULES:
            result = rule(candidate, ctx)
            if result is not None:
                return result
    return None
