"""TIMEX3 value arithmetic: periods around an anchor date, holidays, closest dates."""

from __future__ import annotations

from datetime import date, timedelta

from newswire.enrich.timex.lexicon import MONTH_SEASON, SEASON_ORDER


def day_value(day: date) -> str:
    return day.isoformat()


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def period_value(anchor: date, unit: str, shift: int) -> str | None:
    """The value of the `unit` period `shift` periods from the one holding `anchor`."""
    if unit == "day":
        return day_value(anchor + timedelta(days=shift))
    if unit == "week":
        return week_value(anchor + timedelta(weeks=shift))
    if unit == "weekend":
        return week_value(anchor + timedelta(weeks=shift)) + "-WE"
    if unit == "month":
        return month_value(*shift_months(anchor.year, anchor.month, shift))
    if unit == "quarter":
        index = anchor.year * 4 + quarter_of(anchor) - 1 + shift
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "half":
        index = anchor.year * 2 + (anchor.month - 1) // 6 + shift
        return f"{index // 2}-H{index % 2 + 1}"
    if unit == "year":
        return str(anchor.year + shift)
    if unit == "decade":
        return str(anchor.year // 10 + shift)
    if unit == "century":
        return f"{anchor.year // 100 + shift:02d}"
    return None


def ago_value(anchor: date, unit: str, amount: int, sign: int) -> str | None:
    """`amount` units before (sign -1) or after (+1) the anchor, at the unit's granularity."""
    if unit == "decade":
        # "two decades ago" is the year twenty years back, not the decade before last.
        return str(anchor.year + sign * 10 * amount)
    if unit in ("day", "week", "month", "quarter", "year"):
        return period_value(anchor, unit, sign * amount)
    return None


def season_value(anchor: date, season: str, shift: int) -> str:
    """The season that holds the anchor (shift 0, same season), this year's (shift 0, another
    season), or the nearest one before (shift < 0) or after (shift > 0) the one holding it."""
    current = MONTH_SEASON[anchor.month]
    # January and February belong to the winter that began the December before.
    started = anchor.year - 1 if current == "WI" and anchor.month != 12 else anchor.year
    if shift == 0:
        return f"{started if season == current else anchor.year}-{season}"
    # Count seasons on one line: season k of year y is number 4*y + k.
    now = 4 * started + SEASON_ORDER.index(current)
    target = SEASON_ORDER.index(season)
    year = (now - target - 1) // 4 if shift < 0 else (now - target) // 4 + 1
    return f"{year}-{season}"


def closest_year(anchor: date, month: int, day: int | None, direction: int) -> int:
    """The year that puts month/day closest to the anchor; `direction` -1 or +1 forbids the
    other side (a past-tense "March 3" in a February article is last year's)."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            when = date(year, month, day or 15)
        except ValueError:
            continue
        delta = (when - anchor).days
        if direction < 0 and delta > (0 if day else 20):
            continue
        if direction > 0 and delta < (0 if day else -20):
            continue
        # News looks back: a date ahead of publication counts as further away, a month
        # (no day given) further still.
        penalty = (2 if day else 4) if delta > 0 and direction == 0 else 1
        candidates.append((abs(delta) * penalty, year))
    return min(candidates)[1] if candidates else anchor.year


def weekday_date(anchor: date, weekday: int, direction: int, strict: bool = False) -> date:
    """The weekday nearest the anchor on the side `direction` points to (0: same week)."""
    if direction < 0:
        back = (anchor.weekday() - weekday) % 7
        return anchor - timedelta(days=back or (7 if strict else 0))
    if direction > 0:
        ahead = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead or (7 if strict else 0))
    return anchor + timedelta(days=weekday - anchor.weekday())


def holiday(name: str, year: int) -> date | None:
    """The date of a fixed or rule-based holiday in `year`."""
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "independence day": (7, 4),
        "halloween": (10, 31),
        "valentine's day": (2, 14),
        "veterans day": (11, 11),
    }
    if name in fixed:
        return date(year, *fixed[name])
    if name in ("thanksgiving", "thanksgiving day"):
        return _nth_weekday(year, 11, 3, 4)
    if name == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if name == "election day":
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if name in ("easter", "easter sunday"):
        return _easter(year)
    return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    return date(year, month, (h + m - 7 * n + 114) % 31 + 1)


def bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last calendar day a dated TIMEX3 value covers ("2025-02" -> Feb 1..28);
    (None, None) for durations, sets, references and values with unknown parts."""
    if not value:
        return None, None
    day_part = value.split("T")[0]
    if len(day_part) == 4 and day_part.endswith("X") and day_part[:3].isdigit():
        day_part = day_part[:3]  # "199X": the decade
    if "X" in day_part:
        return None, None
    try:
        if len(day_part) == 10:
            day = date.fromisoformat(day_part)
            return day, day
        if len(day_part) == 7 and day_part[4] == "-" and day_part[5:].isdigit():
            year, month = int(day_part[:4]), int(day_part[5:])
            last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            return date(year, month, 1), last
        if day_part.isdigit() and len(day_part) == 4:
            year = int(day_part)
            return date(year, 1, 1), date(year, 12, 31)
        if day_part.isdigit() and len(day_part) == 3:  # a decade: "199"
            year = int(day_part) * 10
            return date(year, 1, 1), date(year + 9, 12, 31)
        if "-Q" in day_part:
            year, quarter = int(day_part[:4]), int(day_part[-1])
            first = date(year, 3 * quarter - 2, 1)
            last = date(year + quarter // 4, (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
            return first, last
        if "-H" in day_part:
            year, half = int(day_part[:4]), int(day_part[-1])
            return date(year, 6 * half - 5, 1), date(year, 6, 30) if half == 1 else date(
                year, 12, 31
            )
        if day_part[5:] in ("SP", "SU", "FA", "WI"):
            year = int(day_part[:4])
            starts = {"SP": (3, 1), "SU": (6, 1), "FA": (9, 1), "WI": (12, 1)}
            ends = {
                "SP": date(year, 5, 31),
                "SU": date(year, 8, 31),
                "FA": date(year, 11, 30),
                "WI": date(year + 1, 3, 1) - timedelta(days=1),
            }
            return date(year, *starts[day_part[5:]]), ends[day_part[5:]]
        if "-W" in day_part:
            year, week = int(day_part[:4]), int(day_part[6:8])
            monday = date.fromisocalendar(year, week, 1)
            if day_part.endswith("-WE"):
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None, None
    return None, None
