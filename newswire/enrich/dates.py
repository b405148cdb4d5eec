"""Temporal-expression rows: the model's DATE/TIME spans and printed datelines, normalised."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from newswire.enrich.components.spans import headline_end, text_of
from newswire.enrich.layout import to_field
from newswire.enrich.timex import PARTS_OF_DAY, normalise
from newswire.parse.pubdate import DATE_PATTERNS
from schemas import Article, TemporalExpression

_TEMPORAL_LABELS = frozenset({"DATE", "TIME"})


def _spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of temporal spans; a DATE directly followed by a part-of-day TIME
    ("Tuesday" + "afternoon") is one expression, as TIMEX3 annotates it."""
    merged: list[tuple[int, int, str]] = []
    for span in doc.ents:
        if span.label_ not in _TEMPORAL_LABELS:
            continue
        if (
            merged
            and span.label_ == "TIME"
            and span.text.lower() in PARTS_OF_DAY
            and text_of(doc)[merged[-1][1] : span.start_char] == " "
        ):
            merged[-1] = (merged[-1][0], span.end_char, "TIME")
            continue
        merged.append((span.start_char, span.end_char, span.label_))
    return merged


def date_rows(doc: Doc, article: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per temporal expression in an article's tagged Doc, offsets into its fields."""
    headline = headline_end(doc)
    rows = []
    for start, end, label in _spans(doc):
        located = to_field(start, end, headline)
        if located is not None:
            text = article[located.field][located.start : located.end]
            rows.append(_row(article, located.field, located.start, located.end, text, label))
    return rows


def dateline_rows(article: dict[str, Any]) -> list[dict[str, Any]]:
    """The printed publication date as a temporal expression of the `dateline` field."""
    dateline = article[Article.dateline]
    if not dateline:
        return []
    for pattern in DATE_PATTERNS:
        match = pattern.search(dateline)
        if match is not None:
            return [
                _row(article, Article.dateline, match.start(), match.end(), match.group(0), "DATE")
            ]
    return []


def _row(
    article: dict[str, Any], field: str, start: int, end: int, text: str, label: str
) -> dict[str, Any]:
    timex = normalise(text, article[Article.published_date], label)
    return {
        TemporalExpression.article_id: article[Article.article_id],
        TemporalExpression.field: field,
        TemporalExpression.start_char: start,
        TemporalExpression.end_char: end,
        TemporalExpression.text: text,
        TemporalExpression.type: timex.type,
        TemporalExpression.value: timex.value,
        TemporalExpression.year: article[Article.year],
        TemporalExpression.month: article[Article.month],
    }
