"""pandera models: the single source of truth for every table's columns."""

from schemas.arrow import arrow_schema, column_names
from schemas.articles import Article, Partitioned
from schemas.duplicates import ArticleSignature, DuplicateCluster
from schemas.rejects import Reject
from schemas.runs import Run
from schemas.spans import ArticleEntity, ArticleSpan, Entity, Quote, TemporalExpression

__all__ = [
    "Article",
    "ArticleEntity",
    "ArticleSignature",
    "ArticleSpan",
    "DuplicateCluster",
    "Entity",
    "Partitioned",
    "Quote",
    "Reject",
    "Run",
    "TemporalExpression",
    "arrow_schema",
    "column_names",
]
