"""Enrichment tables: spans of an article's stored fields (entities, dates)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pdv
from pandera.typing import Series

from schemas.arrow import ArrowDate
from schemas.articles import ARTICLE_ID_PATTERN, Partitioned

# Article columns that span offsets may point into.
SPAN_FIELDS = ("title", "dateline", "body")


class ArticleSpan(Partitioned):
    """A span of text in one field of a stored article: field[start_char:end_char] == text."""

    article_id: Series[str] = pdv.Field(str_matches=ARTICLE_ID_PATTERN)
    field: Series[str] = pdv.Field(isin=SPAN_FIELDS)
    start_char: Series[int] = pdv.Field(ge=0)
    end_char: Series[int] = pdv.Field(ge=1)
    text: Series[str] = pdv.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True

    @pdv.dataframe_check(error="end_char must be greater than start_char")
    @classmethod
    def span_is_ordered(cls, df):  # noqa: ANN001, ANN206 - pandera passes a DataFrame
        return df[cls.end_char] > df[cls.start_char]

    @pdv.dataframe_check(error="text length must equal end_char - start_char")
    @classmethod
    def text_fits_span(cls, df):  # noqa: ANN001, ANN206
        return df[cls.text].str.len() == (df[cls.end_char] - df[cls.start_char])


ENTITY_SOURCES = ("model", "gazetteer", "consistency", "rule")


class Entity(ArticleSpan):
    """A named-entity mention; `source` says which step decided its span or label."""

    label: Series[str] = pdv.Field(str_matches=r"^[A-Z_]+$")
    canonical: Series[str] = pdv.Field(str_length={"min_value": 1})
    source: Series[str] = pdv.Field(isin=ENTITY_SOURCES)
    role: Series[str] = pdv.Field(nullable=True)


class ArticleEntity(Partitioned):
    """One entity per article: its canonical name, label and how often and where it appears."""

    article_id: Series[str] = pdv.Field(str_matches=ARTICLE_ID_PATTERN)
    canonical: Series[str] = pdv.Field(str_length={"min_value": 1})
    label: Series[str] = pdv.Field(str_matches=r"^[A-Z_]+$")
    mentions: Series[int] = pdv.Field(ge=1)
    first_field: Series[str] = pdv.Field(isin=SPAN_FIELDS)
    first_start_char: Series[int] = pdv.Field(ge=0)
    in_title: Series[bool]

    class Config:
        strict = True
        coerce = True


TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


class TemporalExpression(ArticleSpan):
    """A temporal expression with its TIMEX3 type and normalised value (null if unresolved);
    dated values also carry the calendar days they cover, so "any day in February 2025" is
    `start_date <= '2025-02-28' and end_date >= '2025-02-01'`."""

    type: Series[str] = pdv.Field(isin=TIMEX_TYPES)
    value: Series[str] = pdv.Field(nullable=True)
    # Arrow dates: pandas' own datetime64 cannot hold years before 1677 ("in 1500").
    start_date: Series[ArrowDate] = pdv.Field(nullable=True)
    end_date: Series[ArrowDate] = pdv.Field(nullable=True)

    class Config:
        strict = True
        coerce = True

    @pdv.dataframe_check(error="start_date must not be after end_date")
    @classmethod
    def bounds_are_ordered(cls, df):  # noqa: ANN001, ANN206
        both = df[cls.start_date].notna() & df[cls.end_date].notna()
        return ~both | (df[cls.start_date] <= df[cls.end_date])


QUOTE_ATTRIBUTIONS = (
    "after",
    "before",
    "reported",
    "pronoun",
    "continuation",
    "descriptive",
    "none",
)


class Quote(Partitioned):
    """A direct quote in an article's body: body[start_char:end_char] == quote (the marks
    excluded), with its speaker as written and the speaker's canonical entity name."""

    article_id: Series[str] = pdv.Field(str_matches=ARTICLE_ID_PATTERN)
    start_char: Series[int] = pdv.Field(ge=0)
    end_char: Series[int] = pdv.Field(ge=0)
    quote: Series[str]
    speaker: Series[str] = pdv.Field(nullable=True)
    speaker_canonical: Series[str] = pdv.Field(nullable=True)
    speaker_start: Series[pd.Int64Dtype] = pdv.Field(nullable=True, ge=0)
    speaker_end: Series[pd.Int64Dtype] = pdv.Field(nullable=True, ge=0)
    verb: Series[str] = pdv.Field(nullable=True)
    attribution: Series[str] = pdv.Field(isin=QUOTE_ATTRIBUTIONS)

    class Config:
        strict = True
        coerce = True

    @pdv.dataframe_check(error="quote length must equal end_char - start_char")
    @classmethod
    def quote_fits_span(cls, df):  # noqa: ANN001, ANN206
        return df[cls.quote].str.len() == (df[cls.end_char] - df[cls.start_char])
