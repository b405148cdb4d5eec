"""Expressions that point back to a date the article gave: "that year", "the next day"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newswire.enrich.timex.calendar import period_value
from newswire.enrich.timex.context import Context
from newswire.enrich.timex.lexicon import PARTS_OF_DAY
from newswire.enrich.timex.types import Timex

_ANAPHOR = re.compile(
    r"(?:(?:earlier|later) )?(?P<which>that|the same|the following|the next|the previous) "
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)"
    r"|(?:a|one) (?P<unit2>day|week|month|year) (?P<dir>later|earlier|before)"
)
_SHIFTS = {
    "that": 0,
    "the same": 0,
    "the following": 1,
    "the next": 1,
    "the previous": -1,
    "later": 1,
    "earlier": -1,
    "before": -1,
}


def anaphor(phrase: str, ctx: Context) -> Timex | None:
    """Resolve against the last explicit date of the article (its narrative time)."""
    match = _ANAPHOR.fullmatch(phrase)
    if match is None:
        return None
    unit = match["unit"] or match["unit2"]
    shift = _SHIFTS[match["which"] or match["dir"]]
    part = PARTS_OF_DAY.get(unit)
    if part:
        unit = "day"
    reference = _reference_date(ctx.day if unit == "day" else ctx.narrative, unit)
    if reference is None:
        if match["unit2"] and ctx.anchor is not None:
            return Timex("DATE", period_value(ctx.anchor, unit, shift))
        return Timex("DATE", None) if match["which"] in ("that", "the same") else None
    value = period_value(reference, unit, shift)
    return Timex("DATE", f"{value}T{part}" if part and value else value)


def _reference_date(narrative: str | None, unit: str) -> date | None:
    """The narrative date, if it is precise enough for `unit`."""
    if narrative is None:
        return None
    parts = narrative.split("-")
    precision = {"year": 1, "month": 2, "week": 3, "day": 3}[unit]
    if len(parts) < precision or not all(p.isdigit() for p in parts[:precision]):
        return None
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
    day = int(parts[2][:2]) if len(parts) > 2 and parts[2][:2].isdigit() else 1
    try:
        return date(year, month, day) + timedelta(0)
    except ValueError:
        return None
