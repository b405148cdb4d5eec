"""Temporal-expression rows: expressions in the tagged article and its printed dateline."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from newswire.enrich.components.spans import headline_end
from newswire.enrich.layout import to_field
from newswire.enrich.temporal import timexes_in_doc
from newswire.enrich.timex.calendar import bounds
from newswire.parse.pubdate import DATE_PATTERNS, date_from_match
from schemas import Article, TemporalExpression


def date_rows(doc: Doc, article: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per temporal expression in an article's tagged Doc, offsets into its fields."""
    headline = headline_end(doc)
    rows = []
    for timex in timexes_in_doc(doc, article[Article.published_date]):
        located = to_field(timex.start, timex.end, headline)
        if located is not None:
            text = article[located.field][located.start : located.end]
            rows.append(
                _row(
                    article,
                    located.field,
                    located.start,
                    located.end,
                    text,
                    timex.type,
                    timex.value,
                )
            )
    return rows


def dateline_rows(article: dict[str, Any]) -> list[dict[str, Any]]:
    """The printed publication date as a temporal expression of the `dateline` field."""
    dateline = article[Article.dateline]
    if not dateline:
        return []
    for pattern in DATE_PATTERNS:
        match = pattern.search(dateline)
        # The parser's own reading of the match: it also understands a printed time and zone.
        parsed = date_from_match(match) if match is not None else None
        if parsed is not None:
            day = parsed[0].isoformat()
            return [
                _row(article, Article.dateline, match.start(), match.end(), match[0], "DATE", day)
            ]
    return []


def _row(
    article: dict[str, Any],
    field: str,
    start: int,
    end: int,
    text: str,
    kind: str,
    value: str | None,
) -> dict[str, Any]:
    start_date, end_date = bounds(value) if kind in ("DATE", "TIME") else (None, None)
    return {
        TemporalExpression.article_id: article[Article.article_id],
        TemporalExpression.field: field,
        TemporalExpression.start_char: start,
        TemporalExpression.end_char: end,
        TemporalExpression.text: text,
        TemporalExpression.type: kind,
        TemporalExpression.value: value,
        TemporalExpression.start_date: start_date,
        TemporalExpression.end_date: end_date,
        TemporalExpression.year: article[Article.year],
        TemporalExpression.month: article[Article.month],
    }
