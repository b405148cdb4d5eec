"""pandera models: the single source of truth for every table's columns."""

from schemas.arrow import PARTITION_COLUMNS, arrow_schema, column_names
from schemas.articles import Article, Partitioned
from schemas.duplicates import ArticleSignature, DuplicateCluster
from schemas.rejects import Reject
from schemas.runs import Run
from schemas.spans import ArticleEntity, ArticleSpan, Entity, Quote, TemporalExpression

# The version of the table contract that releases promise. Adding a column raises the minor
# version; removing or retyping one (only ever with allow_schema_change) raises the major.
CONTRACT_VERSION = "1.0.0"

__all__ = [
    "CONTRACT_VERSION",
    "PARTITION_COLUMNS",
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
