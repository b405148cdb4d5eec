"""TIMEX3 values of the baseline rules, anchored on a Tuesday (2025-03-18)."""

from __future__ import annotations

from datetime import date

import pytest

from newswire.enrich.timex import Timex, normalise

TUESDAY = date(2025, 3, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 18, 2025", Timex("DATE", "2025-03-18")),
        ("18 March 2025", Timex("DATE", "2025-03-18")),
        ("2025-03-18", Timex("DATE", "2025-03-18")),
        ("March 2025", Timex("DATE", "2025-03")),
        ("March 20", Timex("DATE", "2025-03-20")),
        ("2024", Timex("DATE", "2024")),
        ("the 1990s", Timex("DATE", "199")),
        ("Tuesday", Timex("DATE", "2025-03-18")),
        ("Monday", Timex("DATE", "2025-03-17")),
        ("Wednesday", Timex("DATE", "2025-03-12")),
        ("next Friday", Timex("DATE", "2025-03-21")),
        ("last Tuesday", Timex("DATE", "2025-03-11")),
        ("Tuesday afternoon", Timex("TIME", "2025-03-18TAF")),
        ("today", Timex("DATE", "2025-03-18")),
        ("yesterday", Timex("DATE", "2025-03-17")),
        ("tomorrow", Timex("DATE", "2025-03-19")),
        ("yesterday morning", Timex("TIME", "2025-03-17TMO")),
        ("tonight", Timex("TIME", "2025-03-18TNI")),
        ("Last month", Timex("DATE", "2025-02")),
        ("next month", Timex("DATE", "2025-04")),
        ("this week", Timex("DATE", "2025-W12")),
        ("last week", Timex("DATE", "2025-W11")),
        ("last year", Timex("DATE", "2024")),
        ("next year", Timex("DATE", "2026")),
        ("two years ago", Timex("DATE", "2023")),
        ("three months ago", Timex("DATE", "2024-12")),
        ("three weeks", Timex("DURATION", "P3W")),
        ("just hours", Timex("DURATION", "PTXH")),
        ("annual", Timex("SET", "P1Y")),
        ("every Monday", Timex("SET", "XXXX-WXX-1")),
        ("March 18, 2025 10:42 PM", Timex("TIME", "2025-03-18T22:42")),
    ],
)
def test_values_relative_to_publication(text: str, expected: Timex) -> None:
    assert normalise(text, TUESDAY) == expected


def test_relative_expressions_without_publication_date_get_no_value() -> None:
    for text in ("Tuesday", "last month", "yesterday", "two years ago"):
        assert normalise(text, None).value is None
    assert normalise("March 18, 2025", None).value == "2025-03-18"


def test_unknown_expression_keeps_type_without_value() -> None:
    assert normalise("the coming era", TUESDAY, "DATE") == Timex("DATE", None)
    assert normalise("a while", TUESDAY, "TIME") == Timex("TIME", None)
