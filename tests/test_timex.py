"""Temporal expressions: every rule family on self-written sentences, read on 2025-03-18."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from newswire.enrich.dates import dateline_rows
from newswire.enrich.temporal import timexes_in_doc
from newswire.enrich.timex import Context, Timex, direction_of, normalise, patterns
from newswire.enrich.timex.calendar import bounds

TUESDAY = date(2025, 3, 18)  # the seed article's publication date, a Tuesday
NLP = spacy.blank("en")  # patterns only: no model, so the rules alone are under test


def found(sentence: str, anchor: date | None = TUESDAY) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in timexes_in_doc(NLP(sentence), anchor)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The seed article's expressions.
        (
            "The head of the fund announced Tuesday that he plans to meet Musk.",
            [("Tuesday", "DATE", "2025-03-18")],
        ),
        (
            "As of Tuesday afternoon, Musk had not commented.",
            [("Tuesday afternoon", "DATE", "2025-03-18TAF")],
        ),
        ("Last month, Dmitriev took part in talks.", [("Last month", "DATE", "2025-02")]),
        # Explicit calendar dates.
        (
            "It opened on March 18, 2025 and closed on 4 April 2025.",
            [("March 18, 2025", "DATE", "2025-03-18"), ("4 April 2025", "DATE", "2025-04-04")],
        ),
        (
            "Shares fell on Mar. 3 and again in January 2024.",
            [("Mar. 3", "DATE", "2025-03-03"), ("January 2024", "DATE", "2024-01")],
        ),
        (
            "The law was passed in 1998 and amended in the 1990s.",
            [("1998", "DATE", "1998"), ("the 1990s", "DATE", "199X")],
        ),
        ("Prices rose in the late 1970s.", [("the late 1970s", "DATE", "197")]),
        # Weekdays, with tense deciding the direction.
        ("The minister said on Monday that talks had failed.", [("Monday", "DATE", "2025-03-17")]),
        ("The minister will travel to Rome on Friday.", [("Friday", "DATE", "2025-03-21")]),
        (
            "Officials met last Tuesday and will meet next Tuesday.",
            [("last Tuesday", "DATE", "2025-03-11"), ("next Tuesday", "DATE", "2025-03-25")],
        ),
        # Relative days and parts of day.
        (
            "The fire started yesterday morning and was out by tonight.",
            [("yesterday morning", "TIME", "2025-03-17TMO"), ("tonight", "TIME", "2025-03-18TNI")],
        ),
        (
            "Talks resume tomorrow; today the offices are closed.",
            [("tomorrow", "DATE", "2025-03-19"), ("today", "DATE", "2025-03-18")],
        ),
        # Relative weeks, months, years, quarters, seasons.
        (
            "Sales rose this year and will rise next year.",
            [("this year", "DATE", "2025"), ("next year", "DATE", "2026")],
        ),
        ("The report came out last week.", [("last week", "DATE", "2025-W11")]),
        (
            "Profit fell in the first quarter and in the fourth quarter of 2024.",
            [
                ("the first quarter", "DATE", "2025-Q1"),
                ("the fourth quarter of 2024", "DATE", "2024-Q4"),
            ],
        ),
        (
            "The harvest failed last fall; the dam opens this summer.",
            [("last fall", "DATE", "2024-FA"), ("this summer", "DATE", "2025-SU")],
        ),
        (
            "Profit rose in the third quarter, up from a year earlier.",
            [("the third quarter", "DATE", "2024-Q3"), ("a year earlier", "DATE", "2023-Q3")],
        ),
        # Ago, earlier, later.
        (
            "The company was founded two years ago and sold three months ago.",
            [("two years ago", "DATE", "2023"), ("three months ago", "DATE", "2024-12")],
        ),
        # Durations.
        (
            "The strike lasted three weeks, the trial 2 1/2 hours.",
            [("three weeks", "DURATION", "P3W"), ("2 1/2 hours", "DURATION", "PT2H30M")],
        ),
        (
            "Sales grew in the first nine months under a two-year plan.",
            [("the first nine months", "DURATION", "P9M"), ("two-year", "DURATION", "P2Y")],
        ),
        (
            "Crime has fallen over the past decade and in recent years.",
            [("the past decade", "DURATION", "P10Y"), ("recent years", "DATE", "PAST_REF")],
        ),
        # Sets.
        (
            "The market opens every Monday and trades daily.",
            [("every Monday", "SET", "XXXX-WXX-1"), ("daily", "SET", "P1D")],
        ),
        # Clock times and zones of the day.
        (
            "The blast came at 10:35 a.m. and the reply at 9 p.m. Wednesday.",
            [
                ("10:35 a.m.", "TIME", "2025-03-18T10:35"),
                ("9 p.m. Wednesday", "TIME", "2025-03-12T21:00"),
            ],
        ),
        # Vague references.
        (
            "Talks are now stalled; the firm recently cut jobs and may grow in the future.",
            [
                ("now", "DATE", "PRESENT_REF"),
                ("recently", "DATE", "PAST_REF"),
                ("the future", "DATE", "FUTURE_REF"),
            ],
        ),
        # Holidays and decades in words.
        (
            "The parade was on Thanksgiving Day in nineteen ninety-six.",
            [("Thanksgiving Day", "DATE", "2024-11-28"), ("nineteen ninety-six", "DATE", "1996")],
        ),
        # Anaphora to a date the article gave.
        (
            "She arrived on June 3, 1995 and left the next day; that year was hard.",
            [
                ("June 3, 1995", "DATE", "1995-06-03"),
                ("the next day", "DATE", "1995-06-04"),
                ("that year", "DATE", "1995"),
            ],
        ),
    ],
)
def test_rule_families_in_sentences(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "May I ask you to march with us?",  # "May" the modal, "march" the verb
        "The 44-year-old driver paid $5 a week and 20% annually.",  # an age and rates
        "Iraq imports about three-quarters of its food.",
    ],
)
def test_words_that_only_look_like_time(sentence: str) -> None:
    texts = [text for text, _, _ in found(sentence)]
    assert not any(
        word in " ".join(texts) for word in ("May", "march", "44-year", "a week", "quarters")
    )


def test_without_publication_date_relative_expressions_get_no_value() -> None:
    result = dict(
        (text, value)
        for text, _, value in found(
            "On Tuesday, last month and March 18, 2025 it rained for three days.", None
        )
    )
    assert result == {
        "Tuesday": None,
        "last month": None,
        "March 18, 2025": "2025-03-18",
        "three days": "P3D",
    }


def test_normalise_accepts_a_bare_date_or_a_context() -> None:
    assert normalise("Tuesday", TUESDAY) == Timex("DATE", "2025-03-18")
    assert normalise("Friday", Context(TUESDAY, direction=1)) == Timex("DATE", "2025-03-21")
    assert normalise("Friday", Context(TUESDAY, direction=-1)) == Timex("DATE", "2025-03-14")
    assert normalise("something odd", TUESDAY) == Timex("DATE", None)


@pytest.mark.parametrize(
    ("before", "after", "direction"),
    [
        ("The minister said on", " that talks failed.", -1),
        ("The minister will travel to Rome on", ".", 1),
        ("Talks are scheduled for", ".", 1),
        ("On", ", officials said.", -1),
        ("On", ".", 0),
    ],
)
def test_tense_direction(before: str, after: str, direction: int) -> None:
    assert direction_of(before, after) == direction


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("2025-03-18TAF", date(2025, 3, 18), date(2025, 3, 18)),
        ("2025-Q3", date(2025, 7, 1), date(2025, 9, 30)),
        ("2025-W12", date(2025, 3, 17), date(2025, 3, 23)),
        ("2024-WI", date(2024, 12, 1), date(2025, 2, 28)),
        ("199X", date(1990, 1, 1), date(1999, 12, 31)),
        ("P3W", None, None),
        ("PRESENT_REF", None, None),
    ],
)
def test_calendar_bounds(value: str, first: date | None, last: date | None) -> None:
    assert bounds(value) == (first, last)


@pytest.mark.parametrize(
    "dateline", ["March 18, 2025", "March 18, 2025 10:42 AM EST", "2025-03-18T10:42:00Z"]
)
def test_a_printed_dateline_is_a_date_even_with_a_time(dateline: str) -> None:
    article = {
        "article_id": "a" * 16,
        "dateline": dateline,
        "published_date": date(2025, 3, 18),
        "year": 2025,
        "month": 3,
    }
    (row,) = dateline_rows(article)
    assert (row["text"], row["type"], row["value"]) == (dateline, "DATE", "2025-03-18")
    assert row["start_date"] == row["end_date"] == date(2025, 3, 18)


@pytest.mark.parametrize(
    ("anchor", "phrase", "value"),
    [
        (date(2025, 1, 15), "this winter", "2024-WI"),
        (date(2025, 1, 15), "winter", "2024-WI"),
        (date(2025, 1, 15), "last winter", "2023-WI"),
        (date(2025, 1, 15), "next winter", "2025-WI"),
        (date(2025, 1, 15), "last summer", "2024-SU"),
        (date(2025, 3, 5), "last winter", "2024-WI"),
        (date(2025, 12, 15), "this winter", "2025-WI"),
        (date(2025, 7, 1), "next winter", "2025-WI"),
    ],
)
def test_winter_is_named_by_the_year_of_its_december(anchor: date, phrase: str, value: str) -> None:
    assert normalise(phrase, anchor).value == value


# Sentences with every pattern's expressions, whole and glued to other words.
TRIGGER_SENTENCES = [
    "On Monday, early March 5, 2024 and 5 March 2024, 2024-03-05, 5/3/2024; midMarch 5, "
    "the end ofMarch 5 and lateMarch. Marches, Mayor, Mondays and Mondayish.",
    "Last June, June of 2024, June nineteen ninety-six, the year two thousand and four, "
    "Tuesday morning, evening, Friday; later today, lateyesterday, last night, this evening.",
    "At 10 a.m. EST Friday, 9 a.many, 11:30 p.m., on March 3, noon today, midnight Sunday. "
    "Now, currently and nowadays, at present; in the near future, unlike the past.",
    "Earlier in the previous fiscal quarter, later in the week, the weekend, the year-end, "
    "its fiscal 2024 second-quarter, the same period a year ago, the first two quarters of "
    "2023, the 2023 quarter, last year's period, the latest quarter, the year-earlier period.",
    "The fiscal quarter, one year earlier, calendar 2025, the early spring of 1999, last fall "
    "of 2020, the mid-1990s, 1990sth, the '0s, the late sixties, the 21st century, in 1999.",
    "That same night, the following week, a day later, about three years ago, the past few "
    "months, nearly two-and-a-half, some 20-year-long, a couple of weeks, recent decades.",
    "Next Christmas Eve, New Year's Day, Easter Sunday, Halloween, Mondays, Tuesday nights, "
    "daily and weekly, every Monday, each January, every year, 1999 percent, 1987 Chevrolet.",
    "Weekſ and K\u212a: two week\u017f ago, \u0130n March 2024 the ye\u0131r later.",
]
# Expressions whose trigger word is glued to another, each alone in its window (which another
# pattern's trigger word opens).
GLUED_PHRASES = [
    "lateMarch 5 on Monday",
    "the end ofMarch 5, on Monday",
    "laterToday on Monday",
    "lateTonight on Monday",
    "Mondays last year",
    "the '0s last year",
    "a wee\u212a on Monday",
]


def test_patterns_run_only_around_their_own_trigger_words() -> None:
    """Skipping a pattern in a window without its trigger words changes no candidate: the
    same spans as running every pattern in every window."""
    glued = [f"Nothing else but {phrase} and words." for phrase in GLUED_PHRASES]
    for sentence in [*TRIGGER_SENTENCES, *glued]:
        for text in (sentence, sentence.lower(), sentence.upper()):
            assert patterns._overlapping(text) == _every_pattern_everywhere(text), text


def _every_pattern_everywhere(text: str) -> list[tuple[int, int]]:
    every = set()
    for start, end, _ in patterns._TRIGGER_INDEX.windows(text):
        for _, pattern in patterns._COMPILED:
            for match in pattern.finditer(text, start, end):
                if patterns._word_bounded(text, match.start(), match.end()):
                    every.add((match.start(), match.end()))
    return sorted(every)
