"""Parsed articles: one row per accepted input document."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pdv
from pandera.typing import Series

from schemas.arrow import ARROW_TYPE_KEY, UtcTimestamp

ARTICLE_ID_PATTERN = r"^[0-9a-f]{16}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class Partitioned(pdv.DataFrameModel):
    """Hive partition columns: year and month of the publication date (null if undated)."""

    year: Series[pd.Int32Dtype] = pdv.Field(nullable=True, ge=1900, le=2999)
    month: Series[pd.Int32Dtype] = pdv.Field(nullable=True, ge=1, le=12)

    class Config:
        strict = True
        coerce = True


class Article(Partitioned):
    """An article as stored: cleaned title and body, canonical URL, publication date."""

    article_id: Series[str] = pdv.Field(str_matches=ARTICLE_ID_PATTERN)
    url: Series[str] = pdv.Field(nullable=True, str_matches=r"^https?://[^\s/]+")
    domain: Series[str] = pdv.Field(nullable=True)
    publisher: Series[str] = pdv.Field(nullable=True)
    title: Series[str] = pdv.Field(str_length={"min_value": 1, "max_value": 1000})
    dateline: Series[str] = pdv.Field(nullable=True)
    published_date: Series[pdv.Date] = pdv.Field(nullable=True)
    published_at: Series[UtcTimestamp] = pdv.Field(nullable=True)
    byline: Series[str] = pdv.Field(nullable=True)
    body: Series[str] = pdv.Field(str_length={"min_value": 1})
    captions: Series[object] = pdv.Field(metadata={ARROW_TYPE_KEY: "list<string>"})
    related_titles: Series[object] = pdv.Field(metadata={ARROW_TYPE_KEY: "list<string>"})
    language: Series[str] = pdv.Field(str_matches=r"^[a-z]{2,3}$")
    word_count: Series[int] = pdv.Field(ge=1)
    content_sha256: Series[str] = pdv.Field(str_matches=SHA256_PATTERN)
    source_path: Series[str] = pdv.Field(str_length={"min_value": 1})
    source_sha256: Series[str] = pdv.Field(str_matches=SHA256_PATTERN)
    run_id: Series[str]

    class Config:
        strict = True
        coerce = True

    @pdv.dataframe_check(error="year/month must be those of published_date")
    @classmethod
    def partition_matches_date(cls, df):  # noqa: ANN001, ANN206 - pandera passes a DataFrame
        dated = df[cls.published_date].notna()
        years = df[cls.published_date].map(lambda d: d.year if d is not None else None)
        months = df[cls.published_date].map(lambda d: d.month if d is not None else None)
        same = (df[cls.year] == years) & (df[cls.month] == months)
        undated = ~dated & df[cls.year].isna() & df[cls.month].isna()
        return (dated & same.fillna(False)) | undated
