"""Duplicate detection tables: per-article signatures, and the clusters derived from them."""

from __future__ import annotations

import pandera.pandas as pdv
from pandera.typing import Series

from schemas.arrow import ARROW_TYPE_KEY
from schemas.articles import ARTICLE_ID_PATTERN, SHA256_PATTERN, Partitioned


class ArticleSignature(Partitioned):
    """What duplicate detection needs of an article, computed once when it is written."""

    article_id: Series[str] = pdv.Field(str_matches=ARTICLE_ID_PATTERN)
    published_date: Series[pdv.Date] = pdv.Field(nullable=True)
    body_fingerprint: Series[str] = pdv.Field(str_matches=SHA256_PATTERN)
    minhash: Series[object] = pdv.Field(metadata={ARROW_TYPE_KEY: "binary"})

    class Config:
        strict = True
        coerce = True


class DuplicateCluster(pdv.DataFrameModel):
    """An article that has copies: its cluster (the canonical article's id) and what it copies."""

    article_id: Series[str] = pdv.Field(str_matches=ARTICLE_ID_PATTERN)
    cluster_id: Series[str] = pdv.Field(str_matches=ARTICLE_ID_PATTERN)
    duplicate_of: Series[str] = pdv.Field(nullable=True, str_matches=ARTICLE_ID_PATTERN)
    similarity: Series[float] = pdv.Field(ge=0.0, le=1.0)

    class Config:
        strict = True
        coerce = True
