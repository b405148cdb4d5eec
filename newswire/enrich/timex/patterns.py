"""Where temporal expressions are in running text: patterns with TimeML-style extents."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newswire.enrich.timex.lexicon import MONTHS, NUMBER, ONES, TENS, UNIT_WORDS, WEEKDAYS
from newswire.enrich.timex.triggers import (
    DAY_NUMBER,
    FULL_MONTH_WORDS,
    MONTH_WORDS,
    PART_WORDS,
    PERIOD_WORDS,
    RELATIVE_DAYS,
    SEASONS,
    TONIGHT_WORDS,
    UNIT_FORMS,
    WEEKDAY_WORDS,
    YEAR_NUMBER,
    TriggerIndex,
    words,
)

_MONTH = (
    r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_WEEKDAY = (
    r"(?:"
    + "|".join(sorted((w.capitalize() for w in WEEKDAYS if len(w) > 3), key=len, reverse=True))
    + r")"
)
_PART = r"(?:morning|afternoon|evening|night|mid-afternoon|midday)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_REL = r"(?:last|this|next|past|coming|previous|current|following)"
_APPROX = (
    r"(?:(?:just|about|around|nearly|almost|over|more than|less than|at least|some|roughly|"
    r"approximately|only|another|no more than|up to) )?"
)
_EDGE = r"(?:(?:early|late|mid-|mid|the end of|the beginning of|the middle of|the start of) ?)?"
_NUMBER_WORDS = "(?:" + "|".join(sorted([*ONES, *TENS], key=len, reverse=True)) + ")"
_YEAR_WORDS = (
    rf"(?:nineteen[- ]{_NUMBER_WORDS}(?:-{_NUMBER_WORDS})?|"
    rf"two thousand(?:[- ](?:and )?{_NUMBER_WORDS})?)"
)


# Each pattern with the trigger words it needs (see triggers.py): one of each set, when two.
_PATTERNS: list[tuple[str, Iterable[str]] | tuple[str, Iterable[str], Iterable[str]]] = [
    # Calendar dates, with and without year or weekday.
    (rf"(?:{_WEEKDAY},? )?{_EDGE}{_MONTH} {_DAY}(?:,? {_YEAR})?", MONTH_WORDS, {DAY_NUMBER}),
    (rf"{_DAY} {_MONTH}(?:,? {_YEAR})?", MONTH_WORDS, {DAY_NUMBER}),
    (r"\d{4}-\d\d-\d\d", {YEAR_NUMBER}, {DAY_NUMBER}),
    (r"\d{1,2}/\d{1,2}/\d{4}", {YEAR_NUMBER}, {DAY_NUMBER}),
    (
        rf"(?:{_REL} |{_EDGE}){_FULL_MONTH}(?:,? (?:of )?{_YEAR}| (?:this|last|next) year)?",
        FULL_MONTH_WORDS,
    ),
    (rf"{_MONTH},? (?:of )?{_YEAR}", MONTH_WORDS, {YEAR_NUMBER}),
    (rf"{_MONTH} {_YEAR_WORDS}", MONTH_WORDS, {"nineteen", "thousand"}),
    (rf"(?:the year )?{_YEAR_WORDS}", {"nineteen", "thousand"}),
    # Weekdays, parts of day, relative days.
    (rf"(?:{_REL} |(?:early|late) )?{_WEEKDAY}(?:,? {_PART})?", WEEKDAY_WORDS),
    (rf"{_PART},? {_WEEKDAY}", WEEKDAY_WORDS, PART_WORDS),
    (
        rf"(?:(?:early|late|later|earlier|mid-|mid) ?)?(?:today|yesterday|tomorrow|tonight|last night|"
        rf"this {_PART}|the day (?:before yesterday|after tomorrow))(?: {_PART})?",
        TONIGHT_WORDS | PART_WORDS,
    ),
    (rf"{_PART} (?:today|yesterday|tomorrow)", RELATIVE_DAYS, PART_WORDS),
    # Clock times.
    (
        rf"\d{{1,2}}(?::\d\d)? ?[ap]\.m\.?(?: (?-i:[A-Z]{{2,4}})(?!\w))?(?:,? (?:on )?{_WEEKDAY}| (?:today|yesterday|tomorrow)|,? (?:on )?{_MONTH} {_DAY})?",
        {"m"},
        {DAY_NUMBER},
    ),
    (rf"(?:noon|midnight)(?: {_WEEKDAY}| (?:today|yesterday|tomorrow))?", {"noon", "midnight"}),
    # Vague references.
    (
        r"\b(?:now|currently|current|recently|the future|the past|in the past|nowadays|at present|"
        r"presently|the near future)\b",
        words("now currently current recently future past nowadays present presently"),
    ),
    # Relative periods, quarters, seasons.
    (
        rf"(?:(?:earlier|later|early|late) (?:in )?)?(?:the )?{_REL} (?:fiscal )?(?:week|weekend|month|year|"
        rf"quarter|decade|century|half|spring|summer|fall|autumn|winter)",
        words("week weekend month year quarter decade century half") | SEASONS,
        words("last this next past coming previous current following"),
    ),
    (
        r"(?:earlier|later) in the (?:week|month|year)",
        {"week", "month", "year"},
        {"earlier", "later"},
    ),
    (r"(?:the )?(?:weekend|year-end|year end)", {"weekend", "year"}),
    (
        rf"(?:(?:the )?year-(?:ago|earlier) )?(?:(?:its|their|this year's|last year's|next year's|the|a flat) )?"
        rf"(?:(?:fiscal|calendar) )?(?:{_YEAR} )?(?:first|second|third|fourth|last|latter)[- ]"
        rf"(?:quarter|half)(?: of (?:fiscal )?{_YEAR})?",
        {"quarter", "half"},
        words("first second third fourth last latter"),
    ),
    (
        r"the (?:same |corresponding |comparable )?(?:quarter|period) (?:a year (?:ago|earlier)|last year)",
        PERIOD_WORDS,
        {"year"},
    ),
    (rf"(?:the )?(?:first|last) two quarters(?: of {_YEAR})?", {"quarters"}, {"two"}),
    (rf"(?:the )?{_YEAR} (?:quarter|period)", PERIOD_WORDS, {YEAR_NUMBER}),
    (r"(?:the )?last year's (?:quarter|period)", PERIOD_WORDS, {"last"}),
    (
        r"(?:the )?(?:latest|most recent|same|current|comparable|corresponding) (?:fiscal )?(?:quarter|period)",
        PERIOD_WORDS,
        words("latest recent same current comparable corresponding"),
    ),
    (
        r"(?:the |a )?(?:comparable |corresponding )?(?:year-ago|year-earlier)(?: (?:quarter|period))?",
        {"year"},
        {"ago", "earlier"},
    ),
    (r"the (?:fiscal )?quarter", {"quarter"}),
    (r"(?:a|one) year (?:earlier|ago)", {"year"}, {"earlier", "ago"}),
    (rf"(?:fiscal|calendar) {_YEAR}", {"fiscal", "calendar"}, {YEAR_NUMBER}),
    (
        rf"(?:the )?(?:{_REL} )?(?:early |late )?(?:spring|summer|autumn|winter)(?: of (?:{_YEAR}|{_YEAR_WORDS}))?",
        {"spring", "summer", "autumn", "winter"},
    ),
    (rf"(?:{_REL}|early|late|the) fall(?: of {_YEAR})?", {"fall"}),
    # Years and decades.
    (r"(?:the )?(?:early |mid-|mid |late )?(?:1[5-9]\d|20\d|')0'?s", {YEAR_NUMBER, "0"}),
    (
        r"(?:the )?(?:early |mid-|mid |late )?(?:twenties|thirties|forties|fifties|sixties|seventies|"
        r"eighties|nineties)",
        words("twenties thirties forties fifties sixties seventies eighties nineties"),
    ),
    (r"(?:the )?\d{1,2}(?:st|nd|rd|th) century", {"century"}, {DAY_NUMBER}),
    (rf"(?<![$#\d,.])(?:{_YEAR})(?![,.]?\d|%| percent)", {YEAR_NUMBER}),
    # Anaphoric references to a date the article gave before.
    (
        r"(?:(?:earlier|later) )?(?:that|the same|the following|the next|the previous) "
        r"(?:day|morning|afternoon|evening|night|week|month|year)",
        words("day morning afternoon evening night week month year"),
        words("that same following next previous"),
    ),
    (
        r"(?:a|one) (?:day|week|month|year) (?:later|earlier|before)",
        {"day", "week", "month", "year"},
        {"later", "earlier", "before"},
    ),
    # Amounts of time.
    (
        rf"{_APPROX}(?:{NUMBER}|a few|several|a couple of) (?:{UNIT_WORDS})s?(?: or so)? (?:ago|earlier|later|from now)",
        UNIT_FORMS,
        {"ago", "earlier", "later", "now"},
    ),
    (
        rf"(?:the )?(?:past|last|next|first|latest|previous|coming) (?:{NUMBER}|few|several|couple of) (?:{UNIT_WORDS})s?",
        UNIT_FORMS,
        words("past last next first latest previous coming"),
    ),
    (
        rf"{_APPROX}(?:{NUMBER}|a few|several|a couple of)(?: more)?[- ](?:{UNIT_WORDS})s?(?: and a half)?(?:-long)?",
        UNIT_FORMS,
    ),
    (
        r"(?:recent|coming) (?:days|weeks|months|years|decades)",
        {"days", "weeks", "months", "years", "decades"},
        {"recent", "coming"},
    ),
    # Holidays.
    (
        r"(?:(?:last|this|next) )?(?:Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|"
        r"Independence Day|Labor Day|Memorial Day|Election Day|Easter(?: Sunday)?|Halloween)",
        words("thanksgiving christmas year independence labor memorial election easter halloween"),
    ),
    # Sets.
    (
        rf"{_WEEKDAY}s|{_WEEKDAY} (?:nights|mornings|afternoons|evenings)",
        WEEKDAY_WORDS | {day + "s" for day in WEEKDAY_WORDS},
    ),
    (
        rf"\b(?:daily|weekly|monthly|annually|yearly|nightly|hourly|(?:every|each) {_WEEKDAY}|"
        rf"(?:every|each) {_FULL_MONTH}|"
        rf"(?:every|each) (?:{UNIT_WORDS}))\b",
        words("daily weekly monthly annually yearly nightly hourly every each"),
    ),
]
# Prepositions never belong to a TIMEX3 extent ("in 1990" -> "1990").
LEADING_PREPOSITIONS = re.compile(
    r"^(?:(?:on|in|at(?! least)|since|by|during|from|until|till|through|throughout|before|after|over|"
    r"for|within|of|to|as of|between|around|about)\s+)+",
    re.IGNORECASE,
)
# Month and weekday names that are also common words: only capitalised, and "May" not
# sentence-initially without a day or year.
_MODEL_NAME = re.compile(r" (?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))[A-Z][a-z]")
_AGE = re.compile(r"[- ]old\b")
_RATE = re.compile(r"an? (?:day|week|month|year|quarter|hour)", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"(?:\d|percent|%|\b(?:once|twice|times|[a-z]+s)) $", re.IGNORECASE)
_AMBIGUOUS = re.compile(r"^(?:may|march|sun|sat|wed)\b", re.IGNORECASE)


# Extents whose type the context decides: "the year ended March 31" is a reporting
# period (a duration), where "the year" alone would be a date.
_DURATION_CONTEXTS = re.compile(r"(?<!\w)the (?:fiscal )?year(?= end(?:ed|ing)\b)", re.IGNORECASE)


def find_candidates(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) of pattern matches, longest first."""
    durations = [(m.start(), m.end()) for m in _DURATION_CONTEXTS.finditer(text)]
    found: list[tuple[int, int]] = []
    for match in [*_overlapping(text), *durations]:
        start, end = match
        leading = LEADING_PREPOSITIONS.match(text[start:end])
        if leading and leading.end() < end - start:
            start += leading.end()
        if rejected(text, start, end):
            continue
        found.append((start, end))
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if not any(start < e and s < end for s, e in chosen):
            chosen.append((start, end))
    return sorted(
        (start, end, "DURATION" if (start, end) in durations else "DATE") for start, end in chosen
    )


def _overlapping(text: str) -> list[tuple[int, int]]:
    """Matches of each pattern separately, so a short match cannot hide a longer one.

    Patterns run only in windows around trigger words (months, units, "today", years ...):
    half of news text, and three times faster than scanning all of it. In a window, a pattern
    runs only if its own trigger words stand whole there (see triggers.py): 4x faster again.
    """
    spans: set[tuple[int, int]] = set()
    for window_start, window_end, wanted in _TRIGGER_INDEX.windows(text):
        for bits, pattern in _COMPILED:
            if wanted & bits != bits:
                continue
            for match in pattern.finditer(text, window_start, window_end):
                if match.end() > match.start() and _word_bounded(text, match.start(), match.end()):
                    spans.add((match.start(), match.end()))
    return sorted(spans)


def _word_bounded(text: str, start: int, end: int) -> bool:
    """The match is whole words: not inside a word, nor a piece of a hyphenated one."""
    before = text[start - 2 : start] if start >= 2 else " " + text[:start]
    after = text[end : end + 2]
    if before[-1:].isalnum() or after[:1].isalnum():
        return False
    return not (
        (before[-1:] == "-" and before[:1].isalnum()) or (after[:1] == "-" and after[1:2].isalpha())
    )


def rejected(text: str, start: int, end: int) -> bool:
    """Matches that only look like time: ages, rates, fractions, model years, "May" the
    modal and "march" the verb."""
    surface = text[start:end]
    if _AGE.match(text, end):
        return True  # "44-year-old", "37 years old": an age, not a time expression
    if _RATE.fullmatch(surface) and _AMOUNT_BEFORE.search(text, max(0, start - 24), start):
        return True  # "$1.76 a year", "four flights a week": a rate, not a time
    if re.search(r"quarters?$", surface, re.IGNORECASE) and text.startswith(" of", end):
        return True  # "three-quarters of its foodstuffs": a fraction
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", surface) and _MODEL_NAME.match(text, end):
        return True  # "Kopp's 1987 Chevrolet": a model year naming a thing
    if surface.lower() == "today" and text.startswith(("'s", "’s"), end):
        return True  # "today's world": the present in general, rarely a dated mention
    if re.fullmatch(r"an? second", surface, re.IGNORECASE):
        return True  # "a second betrayal": an ordinal
    if re.fullmatch(r"\d0'?s", surface) and re.search(
        r"\b(?:his|her|their|in) $", text[max(0, start - 6) : start]
    ):
        return True  # "in his 30s": an age
    if _AMBIGUOUS.match(surface) and not re.search(r"\d", surface):
        # "May" the modal, "march" the verb: only with a day or year.
        return True
    return surface.lower() == "may" or (surface[0].islower() and _is_name_pattern(surface))


def _is_name_pattern(surface: str) -> bool:
    """A lower-case month or weekday name ("march", "sun") is a word, not a date."""
    first = surface.split()[0].rstrip(".,").lower()
    return first in MONTHS or first in WEEKDAYS


_TRIGGER_INDEX = TriggerIndex([needs for _, *needs in _PATTERNS])
# A pattern may only start where a word starts: testing that first makes scanning 3x faster.
_COMPILED = [
    (needed, re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE))
    for needed, (pattern, *_) in zip(_TRIGGER_INDEX.needed, _PATTERNS, strict=True)
]
