"""TIMEX3 normalisation of a temporal expression, anchored on the publication date.

Baseline rules: explicit calendar dates, weekdays, today/yesterday/tomorrow, parts of day,
last/next/this week|month|year|quarter, `N units ago`, simple durations and sets. An
expression no rule understands keeps its type and gets no value rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newswire.parse.pubdate import DATE_PATTERNS, MONTHS, date_from_match

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
    "midday": "MI",
    "noon": "MI",
}
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
NUMBER_WORDS.update(
    {
        "a": 1,
        "an": 1,
        "a few": "X",
        "several": "X",
        "few": "X",
        "many": "X",
        "fifteen": 15,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
    }
)
UNITS = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "quarter": ("Q", False),
}

_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_UNIT_RE = "|".join(UNITS)
_NUMBER_RE = r"\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_PART_RE = "|".join(PARTS_OF_DAY)
_LEAD = re.compile(r"^(?:the|on|of|in|at|by|since|until|from|early|late|mid|as of)\s+", re.I)


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 type and value; `value` is None when the expression could not be resolved."""

    type: str
    value: str | None


def normalise(text: str, anchor: date | None, label: str = "DATE") -> Timex:
    """The TIMEX3 type and value of `text` in an article published on `anchor`."""
    phrase = re.sub(r"\s+", " ", text.strip().strip(".,;:")).lower()
    while (stripped := _LEAD.sub("", phrase)) != phrase:
        phrase = stripped
    for rule in (_explicit, _relative_day, _weekday, _relative_period, _ago, _duration, _set):
        result = rule(phrase, anchor)
        if result is not None:
            return result
    return Timex("TIME" if label == "TIME" else "DATE", None)


def _explicit(phrase: str, anchor: date | None) -> Timex | None:
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(phrase)
        if match is not None and (parsed := date_from_match(match)) is not None:
            day, _instant = parsed
            groups = match.groupdict()
            hour_text = groups.get("hour") or groups.get("iso_hour")
            if hour_text:
                hour = int(hour_text) % 12 if groups.get("ampm") else int(hour_text)
                if (groups.get("ampm") or "").startswith("p"):
                    hour += 12
                return Timex("TIME", f"{day.isoformat()}T{hour:02d}:{_minute(match)}")
            return Timex("DATE", day.isoformat())
    if match := re.fullmatch(rf"({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?", phrase):
        month, day_number = MONTHS[match[1]], int(match[2])
        year = str(anchor.year) if anchor else "XXXX"
        if 1 <= day_number <= 31:
            return Timex("DATE", f"{year}-{month:02d}-{day_number:02d}")
    if match := re.fullmatch(rf"({_MONTH_RE})\.?,? (\d{{4}})", phrase):
        return Timex("DATE", f"{match[2]}-{MONTHS[match[1]]:02d}")
    if match := re.fullmatch(r"(?:the )?((?:1[5-9]|20)\d)0s", phrase):
        return Timex("DATE", match[1])
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", phrase):
        return Timex("DATE", phrase)
    return None


def _minute(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return f"{int(groups.get('minute') or groups.get('iso_minute') or 0):02d}"


def _relative_day(phrase: str, anchor: date | None) -> Timex | None:
    match = re.fullmatch(
        rf"(today|yesterday|tomorrow|tonight|this ({_PART_RE}))(?: ({_PART_RE}))?", phrase
    )
    if match is None:
        return None
    word = match[1].split()[0]
    part = match[2] or match[3] or ("tonight" if word == "tonight" else None)
    kind = "TIME" if part else "DATE"
    if anchor is None:
        return Timex(kind, None)
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    value = (anchor + timedelta(days=shift)).isoformat()
    return Timex(kind, f"{value}T{PARTS_OF_DAY[part]}" if part else value)


def _weekday(phrase: str, anchor: date | None) -> Timex | None:
    match = re.fullmatch(
        rf"(?:(last|next|this|past|coming) )?({_WEEKDAY_RE})\.?(?: ({_PART_RE}))?", phrase
    )
    if match is None:
        return None
    part = match[3]
    kind = "TIME" if part else "DATE"
    if anchor is None:
        return Timex(kind, None)
    target = WEEKDAYS[match[2]]
    if match[1] in ("next", "coming"):
        shift = (target - anchor.weekday()) % 7 or 7
    elif match[1] in ("last", "past"):
        shift = -((anchor.weekday() - target) % 7 or 7)
    else:
        # News reports the past: a bare weekday is the latest such day on or before publication.
        shift = -((anchor.weekday() - target) % 7)
    value = (anchor + timedelta(days=shift)).isoformat()
    return Timex(kind, f"{value}T{PARTS_OF_DAY[part]}" if part else value)


def _relative_period(phrase: str, anchor: date | None) -> Timex | None:
    match = re.fullmatch(
        r"(last|next|this|past|coming|previous|current) (week|month|year|quarter)", phrase
    )
    if match is None:
        return None
    if anchor is None:
        return Timex("DATE", None)
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(match[1], 0)
    return Timex("DATE", shift_period(anchor, match[2], shift))


def shift_period(anchor: date, unit: str, shift: int) -> str:
    """The TIMEX3 value of the `unit` period `shift` periods away from the one holding `anchor`."""
    if unit in ("day",):
        return (anchor + timedelta(days=shift)).isoformat()
    if unit == "week":
        year, week, _ = (anchor + timedelta(weeks=shift)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + shift
        return f"{index // 12}-{index % 12 + 1:02d}"
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + shift
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "decade":
        return str(anchor.year // 10 + shift)
    return str(anchor.year + shift)


def _ago(phrase: str, anchor: date | None) -> Timex | None:
    match = re.fullmatch(
        rf"({_NUMBER_RE}) ({_UNIT_RE})s? (ago|earlier|before|later|from now)", phrase
    )
    if match is None:
        return None
    amount = _amount(match[1])
    if anchor is None or not isinstance(amount, int) or UNITS[match[2]][1]:
        return Timex("DATE", None)
    sign = -1 if match[3] in ("ago", "earlier", "before") else 1
    return Timex("DATE", shift_period(anchor, match[2], sign * amount))


def _duration(phrase: str, anchor: date | None) -> Timex | None:
    match = re.fullmatch(
        rf"(?:(?:just|about|nearly|almost|over|more than|some) )?"
        rf"({_NUMBER_RE})?(?:-| )?({_UNIT_RE})s?(?: long)?",
        phrase,
    )
    if match is None or (match[1] is None and not phrase.endswith("s")):
        return None
    amount = _amount(match[1]) if match[1] else "X"
    letter, is_time = UNITS[match[2]]
    return Timex("DURATION", f"P{'T' if is_time else ''}{amount}{letter}")


def _set(phrase: str, anchor: date | None) -> Timex | None:
    if phrase in ("annual", "annually", "yearly", "every year", "each year"):
        return Timex("SET", "P1Y")
    if phrase in ("monthly", "every month", "each month"):
        return Timex("SET", "P1M")
    if phrase in ("weekly", "every week", "each week"):
        return Timex("SET", "P1W")
    if phrase in ("daily", "every day", "each day"):
        return Timex("SET", "P1D")
    if match := re.fullmatch(rf"(?:every|each) ({_WEEKDAY_RE})", phrase):
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[match[1]] + 1}")
    return None


def _amount(word: str) -> int | str:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, "X")
