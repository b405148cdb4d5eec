"""Quotes and speakers on self-written passages, with entity rows given by hand."""

from __future__ import annotations

import re

import pytest

from newswire.enrich.quotes import quote_rows
from newswire.enrich.quotes.marks import find_quotes
from newswire.enrich.quotes.speakers import _genders


def people(body: str, *names: str) -> list[dict]:
    """Entity rows for every occurrence of each name (PERSON), canonical = the longest name."""
    rows = []
    for name in names:
        canonical = max((n for n in names if n.endswith(name.split()[-1])), key=len)
        for match in re.finditer(re.escape(name), body):
            if any(r["start_char"] <= match.start() < r["end_char"] for r in rows):
                continue
            rows.append(
                {
                    "field": "body",
                    "label": "PERSON",
                    "text": name,
                    "canonical": canonical,
                    "start_char": match.start(),
                    "end_char": match.end(),
                }
            )
    return rows


def quotes(body: str, *names: str) -> list[tuple[str, str | None, str | None, str]]:
    article = {"article_id": "0123456789abcdef", "body": body, "year": 2025, "month": 3}
    return [
        (r["quote"], r["speaker"], r["speaker_canonical"], r["attribution"])
        for r in quote_rows(article, people(body, *names))
    ]


def test_name_after_the_quote_and_a_continuation() -> None:
    body = (
        "“We will reopen the bridge in May,” Maria Lopez said on Monday. “Repairs are on time.”\n\n"
        "“Traffic will be lighter by summer,” said Lopez."
    )
    assert quotes(body, "Maria Lopez", "Lopez") == [
        ("We will reopen the bridge in May,", "Maria Lopez", "Maria Lopez", "after"),
        ("Repairs are on time.", "Maria Lopez", "Maria Lopez", "continuation"),
        ("Traffic will be lighter by summer,", "Lopez", "Maria Lopez", "after"),
    ]


def test_speaker_before_the_quote_with_colon_or_comma() -> None:
    body = (
        "Anna Berg, the harbour master, spoke first. Berg told reporters: “The ferry is safe.”\n\n"
        "Later, said Olaf Kim, “We disagree with the harbour master.”"
    )
    assert [(q, c, a) for q, _, c, a in quotes(body, "Anna Berg", "Berg", "Olaf Kim")] == [
        ("The ferry is safe.", "Anna Berg", "before"),
        ("We disagree with the harbour master.", "Olaf Kim", "before"),
    ]


def test_pronoun_follows_the_gender_the_article_states() -> None:
    body = (
        "Sofia Lind, a biologist, has counted seals for a decade. Her survey, done with the "
        "Danish researcher Anders Holm, found fewer pups.\n\n“The decline is steady,” she said."
    )
    assert quotes(body, "Sofia Lind", "Anders Holm") == [
        ("The decline is steady,", "she", "Sofia Lind", "pronoun")
    ]


def test_partial_quote_in_reported_speech_with_a_descriptive_speaker() -> None:
    body = (
        "The head of the port authority announced Tuesday that the berth would open “soon.”\n\n"
        "“It is ready,” he said."
    )
    assert quotes(body) == [
        ("soon.", "The head of the port authority", None, "descriptive"),
        ("It is ready,", "The head of the port authority", None, "pronoun"),
    ]


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    body = (
        "Rafael Ortega said: “I leave with my head high.\n\n“The players gave everything.\n\n"
        "“I wish them well.”\n\nThe club thanked him."
    )
    [(quote, _, canonical, how)] = quotes(body, "Rafael Ortega")
    assert (
        quote == "I leave with my head high.\n\n“The players gave everything.\n\n“I wish them well."
    )
    assert (canonical, how) == ("Rafael Ortega", "before")


@pytest.mark.parametrize(
    "body",
    [
        "The so-called “experts” have not published the data behind the “reform” package.",
        "The drama “Winter Harbour” won three awards; the song “Paper Moon” was streamed widely.",
        "Promoter Daniel “Big Dan” Okoro postponed the bout until February.",
    ],
    ids=["scare-quotes", "titles", "nickname"],
)
def test_look_alikes_are_not_quotes(body: str) -> None:
    assert find_quotes(body) == []


def test_offsets_point_into_the_body_and_unattributed_quotes_stay_unattributed() -> None:
    body = "Officials met on Monday.\n\n“Nothing was decided.”"
    article = {"article_id": "0123456789abcdef", "body": body, "year": None, "month": None}
    [row] = quote_rows(article, [])
    assert body[row["start_char"] : row["end_char"]] == row["quote"] == "Nothing was decided."
    assert (row["speaker"], row["speaker_canonical"], row["attribution"]) == (None, None, "none")


def test_conflicting_gender_evidence_gives_no_gender_in_any_process() -> None:
    # One "Mr." and one "Ms." for the same name: no majority. Before, the tie was broken by a
    # set's iteration order, which differs between processes (so Dask workers disagreed).
    body = "Mr. Robin Vale spoke first. Later Ms. Robin Vale arrived. Robin Vale, a mother of two, stayed."
    assert _genders(body, people(body, "Robin Vale"))["Robin Vale"] == "f"  # 2 votes to 1
    tie = "Mr. Robin Vale spoke first. Later Ms. Robin Vale arrived."
    assert "Robin Vale" not in _genders(tie, people(tie, "Robin Vale"))
