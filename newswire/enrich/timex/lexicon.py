"""Words of time: months, weekdays, numbers, units, seasons, parts of day, holidays."""

from __future__ import annotations

import re

from newswire.parse.pubdate import MONTHS as PUBLICATION_MONTHS

# One table of month names for the whole pipeline: the parser's.
MONTHS = PUBLICATION_MONTHS
WEEKDAYS: dict[str, int] = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "mid-afternoon": "AF",
    "mid afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
    "midday": "MI",
}
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
# Season of each month (Northern hemisphere, as news from these sources means it).
MONTH_SEASON = {
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
    12: "WI",
}
# Seasons in the order of the year they are named by: a winter is its December's year's.
SEASON_ORDER = ("SP", "SU", "FA", "WI")

ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "last": -1,
    "final": -1,
}
VAGUE_AMOUNTS = (
    "a few",
    "a couple of",
    "a couple",
    "several",
    "few",
    "many",
    "some",
    "a number of",
    "numerous",
    "recent",
    "coming",
    "next few",
    "past few",
)

# unit -> (TIMEX3 duration letter, is a time-of-day unit, months in one unit)
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "weekend": ("WE", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "millennium": ("ML", False),
}
UNIT_WORDS = (
    r"(?:second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ie)|millenni(?:um|a))"
)

_NUMBER_WORD = "|".join(sorted([*ONES, *TENS], key=len, reverse=True))
# A cardinal: digits ("3", "1,000", "2.5"), words ("twenty-five"), "a"/"an".
NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|(?:{_NUMBER_WORD})(?:[-\s](?:{'|'.join(ONES)}))?|an?|a half)"
)


def parse_number(text: str) -> int | float | None:
    """The value of a cardinal as NUMBER matches it; None for vague amounts."""
    words = text.lower().replace(",", "").strip()
    if words in ("a", "an"):
        return 1
    if words == "a half":
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) if "." in words else int(words)
    fraction = re.fullmatch(r"(\d+)\s+(\d)/(\d)", words)
    if fraction:
        return int(fraction[1]) + int(fraction[2]) / int(fraction[3])
    total = 0
    for part in re.split(r"[-\s]+", words):
        if part in ONES:
            total += ONES[part]
        elif part in TENS:
            total += TENS[part]
        else:
            return None
    return total


def year_from_words(text: str) -> int | None:
    """Years said in words: "nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(words[2:]).replace("and ", "")) if words[2:] else 0
        return 2000 + rest if isinstance(rest, int) else None
    if len(words) >= 2 and words[0] in ONES and ONES[words[0]] >= 10:
        rest = parse_number(" ".join(words[1:]))
        if isinstance(rest, int) and rest < 100:
            return ONES[words[0]] * 100 + rest
    return None
