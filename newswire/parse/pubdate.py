"""Publication dates as news pages print them: `March 18, 2025`, `18 Mar 2025 10:42 AM EST`, ISO."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# Zone abbreviations seen on English-language news pages, as UTC offsets in hours.
ZONE_OFFSETS: dict[str, float] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "SGT": 8,
    "HKT": 8,
    "JST": 9,
    "KST": 9,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "ET": -5,
    "PT": -8,
}

# How far past the day a run starts a publication date may lie: time zones, and wire copy
# dated for the next morning. Later dates are mistakes, and a release would refuse them.
FUTURE_TOLERANCE = timedelta(days=2)

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<zone>[A-Z]{1,4}|[+-]\d{2}:?\d{2}|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?))?)?"
)
_ISO = (
    r"(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})"
    r"(?:[T\s](?P<iso_hour>\d{2}):(?P<iso_minute>\d{2})(?::(?P<iso_second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<iso_zone>Z|[+-]\d{2}:?\d{2})?)?"
)
_PREFIX = r"(?:(?:last\s+)?(?:updated|published|posted|date|first published)(?:\s+on)?\s*:?\s*)?"

# Full calendar dates, each shape its own pattern so that group names can repeat.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(_ISO, re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
)
_DATE_LINE = re.compile(rf"^\s*{_PREFIX}(?P<date>.+?)\s*$", re.IGNORECASE)
# A dateline opening the first paragraph: `MOSCOW, March 18 (Reuters) -`.
DATELINE_PATTERN = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'’-]+),\s+(?P<when>(?i:{_MONTH})\s+{_DAY}(?:,?\s+{_YEAR})?)"
    r"\s*(?:\([^)]{1,40}\))?\s*[-–—]",
)


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A parsed publication date; `published_at` only when a time and zone were printed."""

    published_date: date
    published_at: datetime | None
    start: int
    end: int


def parse_date_line(line: str) -> PublicationDate | None:
    """Parse a line that holds nothing but a publication date (optionally `Updated:` etc.)."""
    outer = _DATE_LINE.match(line)
    if outer is None:
        return None
    offset = outer.start("date")
    candidate = outer.group("date").rstrip(" .")
    match = next(filter(None, (p.fullmatch(candidate) for p in DATE_PATTERNS)), None)
    if match is None:
        return None
    parsed = date_from_match(match)
    if parsed is None:
        return None
    published_date, published_at = parsed
    return PublicationDate(
        published_date, published_at, offset + match.start(), offset + match.end()
    )


def parse_dateline(paragraph: str, year: int | None) -> date | None:
    """The date of a wire dateline at the start of a paragraph, with `year` if it prints none."""
    match = DATELINE_PATTERN.match(paragraph)
    if match is None:
        return None
    printed_year = match.group("year")
    chosen_year = int(printed_year) if printed_year else year
    if chosen_year is None:
        return None
    return _safe_date(chosen_year, MONTHS[match.group("month").lower()], int(match.group("day")))


def date_from_match(match: re.Match[str]) -> tuple[date, datetime | None] | None:
    """The date (and UTC instant, if a time and zone were printed) of a DATE_PATTERNS match."""
    if "iso_year" in match.re.groupindex:
        day = _safe_date(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
        if day is None or match["iso_hour"] is None:
            return (day, None) if day else None
        zone = _zone(match["iso_zone"])
        hour, minute = int(match["iso_hour"]), int(match["iso_minute"])
        second = int(match["iso_second"] or 0)
        return day, _instant(day, hour, minute, second, zone)
    day = _safe_date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    if day is None:
        return None
    if match["hour"] is None:
        return day, None
    hour = int(match["hour"])
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    zone = _zone(match["zone"])
    return day, _instant(day, hour, int(match["minute"]), int(match["second"] or 0), zone)


def _instant(
    day: date, hour: int, minute: int, second: int, zone: timezone | None
) -> datetime | None:
    """The UTC instant of a printed local time; None without a known zone (a guess is worse)."""
    if zone is None or hour > 23 or minute > 59 or second > 59:
        return None
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    return local.astimezone(UTC)


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    upper = text.upper()
    if upper in ZONE_OFFSETS:
        return timezone(timedelta(hours=ZONE_OFFSETS[upper]))
    numeric = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", upper)
    if numeric is None:
        return None
    sign = 1 if numeric.group(1) == "+" else -1
    hours, minutes = int(numeric.group(2)), int(numeric.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
