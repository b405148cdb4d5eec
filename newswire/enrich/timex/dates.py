"""Rules for calendar expressions: explicit dates, weekdays, months, seasons, quarters."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newswire.enrich.timex.calendar import (
    closest_year,
    holiday,
    month_value,
    period_value,
    season_value,
    week_value,
    weekday_date,
)
from newswire.enrich.timex.context import Context
from newswire.enrich.timex.lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    year_from_words,
)
from newswire.enrich.timex.types import Timex

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)"
_PART = "(?P<part>" + "|".join(sorted(PARTS_OF_DAY, key=len, reverse=True)) + ")"
_RELATIVE = r"(?P<rel>last|this|next|past|coming|previous|current|following|same)"
_SHIFT = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "this": 0,
    "current": 0,
    "same": 0,
}

# Compiled once: the rules run for every candidate expression, and a pattern built with an
# f-string inside a rule is a new string to format and hash on every call.
_MONTH_DAY = re.compile(rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY}")
_DAY_MONTH = re.compile(rf"{_DAY} {_MONTH}")
_MONTH_YEAR = re.compile(rf"{_MONTH},? (?:of )?{_YEAR}")
_MONTH_WORDS = re.compile(rf"{_MONTH} (?P<words>.+)")
_RELATIVE_MONTH = re.compile(rf"(?:{_RELATIVE} )?{_MONTH}")
_MONTH_OF_YEAR = re.compile(rf"{_MONTH} (?P<rel>this|last|next) year")
_PARTS = "|".join(sorted(PARTS_OF_DAY, key=len, reverse=True))
_RELATIVE_DAY = re.compile(
    rf"(?:(?:early|late|later|earlier|mid|mid-) ?)?(?P<word>today|yesterday|tomorrow|tonight|"
    rf"last night|this (?P<this_part>{_PARTS})|(?:the )?day before yesterday|"
    rf"(?:the )?day after tomorrow)(?: (?P<part>{_PARTS}))?"
    rf"|(?:mid-|mid )?(?P<part2>{_PARTS}) (?P<word2>today|yesterday|tomorrow)"
)
_WEEKDAY_PART = re.compile(rf"(?:(?:early|late) )?(?:{_RELATIVE} )?{_WEEKDAY}(?:,? {_PART})?")
_PART_WEEKDAY = re.compile(rf"{_PART},? {_WEEKDAY}")
_RELATIVE_PERIOD = re.compile(
    rf"(?:(?:early|late|earlier|later|the end of|the start of|the beginning of) (?:in )?)?"
    rf"(?:the )?{_RELATIVE} (?P<unit>week|weekend|month|year|quarter|decade|century|"
    rf"fiscal year|half|spring|summer|fall|autumn|winter)"
)

_FULL_DATES = (
    re.compile(rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY},? {_YEAR}"),
    re.compile(rf"(?:{_WEEKDAY},? )?{_DAY} {_MONTH},? {_YEAR}"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)"),
    re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"),
)


def explicit(phrase: str, ctx: Context) -> Timex | None:
    """Calendar dates with a year, month-day, month-year, years, decades and centuries."""
    for pattern in _FULL_DATES:
        if match := pattern.fullmatch(phrase):
            month = match["month"]
            month_number = MONTHS[month] if month in MONTHS else int(month)
            try:
                return Timex(
                    "DATE", date(int(match["year"]), month_number, int(match["day"])).isoformat()
                )
            except ValueError:
                return None
    if match := _MONTH_DAY.fullmatch(phrase):
        return _month_day(MONTHS[match["month"]], int(match["day"]), ctx)
    if match := _DAY_MONTH.fullmatch(phrase):
        return _month_day(MONTHS[match["month"]], int(match["day"]), ctx)
    if match := _MONTH_YEAR.fullmatch(phrase):
        return Timex("DATE", month_value(int(match["year"]), MONTHS[match["month"]]))
    if match := _MONTH_WORDS.fullmatch(phrase):
        year = year_from_words(match["words"])
        if year is not None:
            return Timex("DATE", month_value(year, MONTHS[match["month"]]))
    if match := _RELATIVE_MONTH.fullmatch(phrase):
        return _month(MONTHS[match["month"]], match["rel"], ctx)
    if match := _MONTH_OF_YEAR.fullmatch(phrase):
        shift = _SHIFT[match["rel"]]
        if ctx.anchor is None:
            return Timex("DATE", None)
        return Timex("DATE", month_value(ctx.anchor.year + shift, MONTHS[match["month"]]))
    if re.fullmatch(r"(?:fiscal |calendar |the year )?(?:1[0-9]|20)\d\d", phrase):
        return Timex("DATE", phrase[-4:])
    if (year := year_from_words(phrase.removeprefix("the year "))) is not None:
        return Timex("DATE", str(year))
    if match := re.fullmatch(
        r"(?:the )?(?P<modifier>early |mid-|mid |late )?(?:the )?'?(?P<decade>(?:1[0-9]|20)?\d)0'?s",
        phrase,
    ):
        decade = match["decade"]
        if len(decade) == 1:
            decade = "19" + decade
        # "the late 1970s" names the decade (197); "1990s" and "early 1990s" some of its years.
        precise = match["modifier"] and phrase.startswith("the ")
        return Timex("DATE", decade if precise else decade + "X")
    if match := re.fullmatch(
        r"(?:the )?(?P<modifier>early |mid-|mid |late )?(?P<word>twenties|thirties|"
        r"forties|fifties|sixties|seventies|eighties|nineties)",
        phrase,
    ):
        tens = [
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ].index(match["word"]) + 2
        return Timex("DATE", f"19{tens}")
    if match := re.fullmatch(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century", phrase):
        return Timex("DATE", f"{int(match['n']) - 1:02d}")
    return None


def _month_day(month: int, day: int, ctx: Context) -> Timex | None:
    if not 1 <= day <= 31:
        return None
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{month:02d}-{day:02d}")
    # The nearest such day, leaning to the past unless the tense looks ahead.
    year = closest_year(ctx.anchor, month, day, max(ctx.direction, 0))
    try:
        return Timex("DATE", date(year, month, day).isoformat())
    except ValueError:
        return None


def _month(month: int, relative: str | None, ctx: Context) -> Timex:
    if ctx.anchor is None:
        return Timex("DATE", None)
    anchor = ctx.anchor
    if relative in ("last", "past", "previous"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif relative in ("next", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif relative in ("this", "current"):
        year = anchor.year
    else:
        year = closest_year(anchor, month, None, ctx.direction)
    return Timex("DATE", month_value(year, month))


def relative_day(phrase: str, ctx: Context) -> Timex | None:
    """today, yesterday, tomorrow, tonight, last night, this morning, and parts of day."""
    match = _RELATIVE_DAY.fullmatch(phrase)
    if match is None:
        return None
    word = match["word"] or match["word2"]
    part = match["part"] or match["part2"] or match["this_part"]
    if part is None and word in ("tonight", "last night"):
        part = "night"
    kind = "TIME" if part else "DATE"
    if ctx.anchor is None:
        return Timex(kind, None)
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    shift = -2 if "before yesterday" in word else 2 if "after tomorrow" in word else shift
    value = (ctx.anchor + timedelta(days=shift)).isoformat()
    return Timex(kind, f"{value}T{PARTS_OF_DAY[part]}" if part else value)


def weekday(phrase: str, ctx: Context) -> Timex | None:
    """Weekdays, with last/next/this and a part of the day."""
    match = _WEEKDAY_PART.fullmatch(phrase) or _PART_WEEKDAY.fullmatch(phrase)
    if match is None:
        return None
    part = match["part"]
    kind = "DATE"  # TimeML types "Friday night" a DATE: the day is its granularity
    if ctx.anchor is None:
        return Timex(kind, None)
    target = WEEKDAYS[match["weekday"]]
    relative = match.groupdict().get("rel")
    if relative in ("next", "coming", "following"):
        day = weekday_date(ctx.anchor, target, 1, strict=True)
    elif relative in ("last", "past", "previous"):
        day = weekday_date(ctx.anchor, target, -1, strict=True)
    elif relative == "this":
        day = weekday_date(ctx.anchor, target, ctx.direction or 0)
    else:
        # News reports the past: without a future tense, the latest such day.
        day = weekday_date(ctx.anchor, target, 1 if ctx.direction > 0 else -1)
    return Timex(kind, f"{day.isoformat()}T{PARTS_OF_DAY[part]}" if part else day.isoformat())


def relative_period(phrase: str, ctx: Context) -> Timex | None:
    """last/this/next week, month, year, quarter, weekend, decade, century, season."""
    match = _RELATIVE_PERIOD.fullmatch(phrase) or re.fullmatch(
        r"(?:earlier|later) (?:in )?the (?P<unit>week|month|year)|(?:the )?(?P<unit2>weekend|"
        r"year end|year-end|end of the year|the full year|full year|fiscal year|current year)",
        phrase,
    )
    if match is None:
        return None
    if ctx.anchor is None:
        return Timex("DATE", None)
    unit = match["unit"] or match["unit2"]
    shift = _SHIFT.get(match.groupdict().get("rel") or "this", 0)
    if unit in SEASONS:
        return Timex("DATE", season_value(ctx.anchor, SEASONS[unit], shift))
    if unit == "year-end":
        return Timex("DATE", f"{ctx.anchor.year}-12-31")  # the balance-sheet day
    if unit in (
        "year end",
        "end of the year",
        "full year",
        "the full year",
        "fiscal year",
        "current year",
    ):
        unit = "year"
    if unit == "weekend" and shift == 0 and ctx.direction <= 0 and ctx.anchor.weekday() < 4:
        shift = -1  # read early in the week, "the weekend" is the one just past
    return Timex("DATE", period_value(ctx.anchor, unit, shift))


def season(phrase: str, ctx: Context) -> Timex | None:
    """A season without last/next: this year's, or the one the tense points to."""
    match = re.fullmatch(
        r"(?:(?:early|late|mid-|mid) ?)?(?:the )?(?P<season>spring|summer|fall|autumn|winter)"
        r"(?: of (?P<year>\d{4}|[a-z -]+))?",
        phrase,
    )
    if match is None:
        return None
    code = SEASONS[match["season"]]
    if match["year"]:
        year = int(match["year"]) if match["year"].isdigit() else year_from_words(match["year"])
        return Timex("DATE", f"{year}-{code}" if year else None)
    if ctx.anchor is None:
        return Timex("DATE", None)
    return Timex("DATE", season_value(ctx.anchor, code, 0))


def named_day(phrase: str, ctx: Context) -> Timex | None:
    """Holidays: Thanksgiving, Christmas, Election Day, Easter, New Year's Day ..."""
    match = re.fullmatch(
        r"(?:(?P<rel>last|this|next) )?(?P<name>thanksgiving(?: day)?|christmas(?: day| eve)?|"
        r"new year's (?:day|eve)|independence day|labor day|memorial day|"
        r"election day|easter(?: sunday)?|halloween|valentine's day|veterans day)"
        r"(?: (?P<year>\d{4}))?",
        phrase,
    )
    if match is None:
        return None
    if match["year"]:
        day = holiday(match["name"], int(match["year"]))
        return Timex("DATE", day.isoformat() if day else None)
    if ctx.anchor is None:
        return Timex("DATE", None)
    this_year = holiday(match["name"], ctx.anchor.year)
    if this_year is None:
        return Timex("DATE", None)
    year = ctx.anchor.year
    if match["rel"] == "last" and this_year >= ctx.anchor:
        year -= 1
    elif match["rel"] == "next" and this_year <= ctx.anchor:
        year += 1
    elif match["rel"] is None and this_year > ctx.anchor and ctx.direction <= 0:
        year -= 1  # news reports the holiday just past unless the tense looks ahead
    day = holiday(match["name"], year)
    return Timex("DATE", day.isoformat() if day else None)


def week_of(phrase: str, ctx: Context) -> Timex | None:
    """ "the week of March 6" -> that ISO week."""
    match = re.fullmatch(r"(?:the )?week of (?P<rest>.+)", phrase)
    if match is None:
        return None
    inner = explicit(match["rest"], ctx)
    if inner is None or inner.value is None or len(inner.value) != 10:
        return None
    return Timex("DATE", week_value(date.fromisoformat(inner.value)))
