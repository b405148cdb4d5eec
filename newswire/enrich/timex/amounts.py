"""Rules for amounts of time: durations, "N units ago", sets, times of day, vague references."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newswire.enrich.timex.calendar import ago_value, weekday_date
from newswire.enrich.timex.context import Context
from newswire.enrich.timex.lexicon import (
    MONTHS,
    NUMBER,
    PARTS_OF_DAY,
    UNIT_WORDS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
    parse_number,
)
from newswire.enrich.timex.types import Timex

_VAGUE = "|".join(sorted(VAGUE_AMOUNTS, key=len, reverse=True))
_APPROX = (
    r"(?:(?:just|about|around|nearly|almost|over|more than|less than|at least|some|"
    r"roughly|approximately|only|another|the first|the last|the past|the next|the"
    r"|the latest|the previous|the coming|past|last|next|first|within|up to|"
    r"no more than|each of the past|for) )*"
)
_WEEKDAY = "(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"

# Compiled once: the rules run for every candidate expression, and a pattern built with an
# f-string inside a rule is a new multi-kilobyte string to format and hash on every call.
_AGO = re.compile(
    rf"{_APPROX}(?P<amount>{NUMBER}|{_VAGUE})(?: or so)? (?P<unit>{UNIT_WORDS})s?(?: or so)? "
    r"(?P<dir>ago|earlier|before|later|after|from now|hence|back)"
)
_DURATION = re.compile(
    rf"{_APPROX}(?P<amount>{NUMBER}|{_VAGUE})?(?: more| full| straight| consecutive)?[- ]?"
    rf"(?P<unit>{UNIT_WORDS})s?(?P<half> and a half)?(?:-long)?(?: or (?:so|more))?"
)
_PLURAL_UNIT = re.compile(rf"{UNIT_WORDS}s\b")
_EVERY_WEEKDAY = re.compile(rf"(?:every|each) {_WEEKDAY}")
_WEEKDAYS_PLURAL = re.compile(rf"{_WEEKDAY}(?:s| (?P<part>night|morning|afternoon|evening)s)")
_EVERY_MONTH = re.compile(rf"(?:every|each) (?P<month>{'|'.join(MONTHS)})")
_EVERY_UNIT = re.compile(rf"(?:every|each|per) (?:(?P<n>{NUMBER}) )?(?P<unit>{UNIT_WORDS})s?")
_NAMED_TIME = re.compile(
    rf"(?P<name>noon|midnight|midday)(?:,? (?P<rest>{_WEEKDAY}|yesterday|today|tomorrow))?"
)

_REFERENCES = {
    "PRESENT_REF": (
        "now",
        "currently",
        "current",
        "at present",
        "presently",
        "nowadays",
        "right now",
        "just now",
        "the present",
        "at the moment",
        "these days",
        "today's",
    ),
    "PAST_REF": (
        "recently",
        "lately",
        "previously",
        "the past",
        "in the past",
        "recent years",
        "formerly",
        "earlier",
    ),
    "FUTURE_REF": (
        "the future",
        "in the future",
        "soon",
        "shortly",
        "eventually",
        "as soon as possible",
        "coming quarters",
        "the near future",
    ),
}
_REFERENCE_OF = {word: value for value, words in _REFERENCES.items() for word in words}


def unit_of(word: str) -> str:
    """The singular unit name of "years", "centuries", "millennia"."""
    word = word.rstrip("s") if not word.endswith("ies") else word[:-3] + "y"
    return {"millennia": "millennium", "centurie": "century"}.get(word, word)


def reference(phrase: str, ctx: Context) -> Timex | None:
    """now, recently, the future ... as TIMEX3 reference values."""
    value = _REFERENCE_OF.get(phrase)
    return Timex("DATE", value) if value else None


def decade_span(phrase: str, ctx: Context) -> Timex | None:
    """ "the past decade" is the ten years up to now: a duration, not the 1990s."""
    if re.fullmatch(r"(?:the )?past decade", phrase):
        return Timex("DURATION", "P10Y")
    return None


def ago(phrase: str, ctx: Context) -> Timex | None:
    """ "two years ago", "a week earlier", "six months later"."""
    match = _AGO.fullmatch(phrase)
    if match is None:
        return None
    amount = parse_number(match["amount"])
    unit = unit_of(match["unit"])
    if ctx.anchor is None:
        return Timex("DATE", None)
    past = match["dir"] in ("ago", "earlier", "before", "back")
    if not isinstance(amount, int):
        return Timex("DATE", "PAST_REF" if past else "FUTURE_REF")
    if UNITS[unit][1]:
        return Timex("DATE", ctx.anchor.isoformat())
    sign = -1 if past else 1
    return Timex("DATE", ago_value(ctx.anchor, unit, amount, sign))


def duration(phrase: str, ctx: Context) -> Timex | None:
    """ "three weeks", "the first nine months", "two-year", "2 1/2 hours", "several years"."""
    match = _DURATION.fullmatch(phrase)
    if match is None:
        return None
    unit = unit_of(match["unit"])
    if match["amount"] is None and not _PLURAL_UNIT.search(phrase):
        # A bare singular unit ("the year", "the quarter") names a period, not an amount.
        if not re.fullmatch(r"(?:the )?(?:full |whole |entire )?(?:day|week|month|year)", phrase):
            return None
        if phrase.startswith("the"):
            return None
    amount = _amount(match["amount"]) if match["amount"] else None
    if amount is None and match["amount"] is None and not phrase.endswith("s"):
        amount = 1
    return Timex("DURATION", duration_value(unit, amount, bool(match["half"])))


def _amount(text: str) -> float | int | None:
    if text in ("a couple of", "a couple"):
        return 2
    return parse_number(text)


def duration_value(unit: str, amount: float | int | None, plus_half: bool = False) -> str:
    """P3W, PT5H, P2Y6M, PXY ... for an amount of a unit (None: unknown amount)."""
    letter, is_time = UNITS.get(unit, ("X", False))
    if unit == "decade":
        letter, amount = "Y", None if amount is None else amount * 10
    elif unit == "century":
        letter, amount = "Y", None if amount is None else amount * 100
    elif unit == "millennium":
        letter, amount = "Y", None if amount is None else amount * 1000
    elif unit == "weekend":
        letter, amount = "D", None if amount is None else amount * 2
    elif unit == "quarter":
        letter, amount = "M", None if amount is None else amount * 3  # TimeML counts months
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    if plus_half:
        amount += 0.5
    if amount != int(amount):
        whole, half = int(amount), amount - int(amount)
        smaller = {
            "Y": (12, "M"),
            "M": (60, "S") if is_time else (30, "D"),
            "H": (60, "M"),
            "D": (24, "H"),
            "W": (7, "D"),
        }.get(letter)
        if smaller and whole:
            rest = round(half * smaller[0])
            joiner = "T" if letter == "D" else ""
            return f"{prefix}{whole}{letter}{joiner}{rest}{smaller[1]}"
        return f"{prefix}{amount:g}{letter}"
    return f"{prefix}{int(amount)}{letter}"


def frequency(phrase: str, ctx: Context) -> Timex | None:
    """Sets: daily, every Monday, each year, twice a week, a year (in "$5 a year")."""
    simple = {
        "daily": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "nightly": "P1D",
        "hourly": "PT1H",
        "biweekly": "P2W",
        "annual": None,
    }
    if phrase in simple:
        return Timex("SET", simple[phrase]) if simple[phrase] else None
    if match := _EVERY_WEEKDAY.fullmatch(phrase):
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[match['weekday']] + 1}")
    if match := _WEEKDAYS_PLURAL.fullmatch(phrase):
        part = PARTS_OF_DAY[match["part"]] if match["part"] else ""
        return Timex(
            "SET", f"XXXX-WXX-{WEEKDAYS[match['weekday']] + 1}{'T' + part if part else ''}"
        )
    if match := _EVERY_MONTH.fullmatch(phrase):
        return Timex("SET", f"XXXX-{MONTHS[match['month']]:02d}")
    if match := _EVERY_UNIT.fullmatch(phrase):
        amount = parse_number(match["n"]) if match["n"] else 1
        return Timex("SET", duration_value(unit_of(match["unit"]), amount))
    return None


_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s*(?P<ampm>[ap]\.?\s?m\.?)?(?: (?P<zone>[ecmp][sd]t|gmt|utc|bst|cet|msk))?"
    rf"(?:,? (?:on )?(?P<rest>{_WEEKDAY}|yesterday|today|tomorrow|.+))?"
)


def clock_time(phrase: str, ctx: Context) -> Timex | None:
    """ "10:35 a.m.", "9 a.m. Tuesday", "noon Saturday", "midnight"."""
    named = _NAMED_TIME.fullmatch(phrase)
    if named:
        hour, minute, rest = (0 if named["name"] == "midnight" else 12), 0, named["rest"]
    else:
        match = _CLOCK.fullmatch(phrase)
        if match is None or (match["ampm"] is None and match["minute"] is None):
            return None
        hour, minute, rest = int(match["hour"]), int(match["minute"] or 0), match["rest"]
        ampm = (match["ampm"] or "").replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
    if ctx.anchor is None:
        return Timex("TIME", None)
    # A bare clock time belongs to the day the story last named ("on Friday ... at 10:35").
    day = date.fromisoformat(ctx.day) if ctx.day else ctx.anchor
    if rest:
        if rest in WEEKDAYS:
            day = weekday_date(ctx.anchor, WEEKDAYS[rest], 1 if ctx.direction > 0 else -1)
        elif rest in ("yesterday", "tomorrow"):
            day = ctx.anchor + timedelta(days=-1 if rest == "yesterday" else 1)
        elif rest != "today":
            from newswire.enrich.timex.dates import explicit

            inner = explicit(rest, ctx)
            if inner is None or inner.value is None or len(inner.value) != 10:
                return None
            return Timex("TIME", f"{inner.value}T{hour:02d}:{minute:02d}")
    return Timex("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}")
