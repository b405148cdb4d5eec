"""Rules for fiscal periods: quarters, halves, and "a year earlier" in earnings news."""

from __future__ import annotations

import re

from newswire.enrich.timex.calendar import period_value, quarter_of
from newswire.enrich.timex.context import Context
from newswire.enrich.timex.lexicon import ORDINALS
from newswire.enrich.timex.types import Timex


def quarter(phrase: str, ctx: Context) -> Timex | None:
    """Fiscal quarters and halves: "the third quarter", "third-quarter", "Q3 1989",
    "the latest quarter", "the year-ago quarter", "first half"."""
    match = re.fullmatch(
        r"(?:(?P<ago>the year-ago|the year-earlier|year-ago|year-earlier) )?"
        r"(?:(?:its|their|this year's|last year's|next year's|a flat|the|fiscal|the fiscal|calendar) )*"
        r"(?:(?P<year1>\d{4}) )?(?:fiscal[- ])?(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th|last|latter)"
        r"[- ](?P<unit>quarter|half|period)(?: of (?:fiscal )?(?P<year2>\d{4}|this year|last year))?",
        phrase,
    )
    if match:
        unit = "Q" if match["unit"] != "half" else "H"
        if match["nth"] in ("last", "latter"):
            if unit != "H":
                return None
            nth = 2  # "the last half of 1989" is its second half
        else:
            nth = ORDINALS[match["nth"]]
        year = _year_of(match["year1"] or match["year2"], phrase, ctx, nth, unit)
        if year and match["ago"]:
            year -= 1
        return Timex("DATE", f"{year}-{unit}{nth}" if year else None)
    if re.fullmatch(
        r"(?:the )?(?:latest|last|most recent|recent|same|current|this|that)? ?"
        r"(?:fiscal )?(?:quarter|period)",
        phrase,
    ):
        if ctx.anchor is None:
            return Timex("DATE", None)
        shift = 0 if "current" in phrase or "this" in phrase else -1
        return Timex("DATE", period_value(ctx.anchor, "quarter", shift))
    if match := re.fullmatch(
        r"(?:the )?(?P<which>first|last) two quarters(?: of (?P<year>\d{4}))?", phrase
    ):
        year = int(match["year"]) if match["year"] else (ctx.anchor.year if ctx.anchor else None)
        half = 1 if match["which"] == "first" else 2
        return Timex("DATE", f"{year}-H{half}" if year else None)
    if match := re.fullmatch(r"(?:the )?(?P<year>(?:19|20)\d\d) (?:quarter|period)", phrase):
        # "the 1988 quarter": the quarter under discussion, in that year.
        if ctx.quarter:
            return Timex("DATE", f"{match['year']}-{ctx.quarter.split('-', 1)[1]}")
        return Timex("DATE", match["year"])
    if re.fullmatch(r"(?:the )?last year's (?:quarter|period)", phrase):
        return _year_earlier(ctx)
    if re.fullmatch(
        r"(?:the |a )?(?:comparable |corresponding |same )?(?:year-ago|year-earlier|"
        r"year earlier|year ago)(?: quarter| period)?|(?:a )?year (?:earlier|ago)|"
        r"the (?:same|corresponding|comparable) (?:quarter|period) (?:a year ago|last year)|"
        r"the quarter a year (?:ago|earlier)",
        phrase,
    ):
        return _year_earlier(ctx)
    return None


def _year_of(text: str | None, phrase: str, ctx: Context, nth: int, unit: str) -> int | None:
    if text and text.isdigit():
        return int(text)
    if ctx.anchor is None:
        return None
    year = ctx.anchor.year
    if text == "last year" or "last year's" in phrase:
        return year - 1
    if text == "next year" or "next year's" in phrase:
        return year + 1
    current = quarter_of(ctx.anchor) if unit == "Q" else (ctx.anchor.month - 1) // 6 + 1
    # A quarter not yet begun is last year's, unless the sentence looks ahead.
    if nth > current and ctx.direction <= 0:
        return year - 1
    return year


def _year_earlier(ctx: Context) -> Timex:
    """ "A year earlier" in earnings news is the same quarter a year before, else last year."""
    if ctx.quarter:
        year, rest = ctx.quarter.split("-", 1)
        return Timex("DATE", f"{int(year) - 1}-{rest}")
    if ctx.anchor is None:
        return Timex("DATE", None)
    return Timex("DATE", str(ctx.anchor.year - 1))
