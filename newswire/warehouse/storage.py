"""The one module that knows where things are stored: table, staging and catalog locations."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandera.pandas as pdv

from schemas import (
    PARTITION_COLUMNS,
    Article,
    ArticleEntity,
    ArticleSignature,
    DuplicateCluster,
    Entity,
    Quote,
    Reject,
    Run,
    TemporalExpression,
)


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A warehouse table: its pandera model, partitioning and the column a run replaces by."""

    name: str
    model: type[pdv.DataFrameModel]
    partition_by: tuple[str, ...]
    replace_key: str | None  # None: append-only


ARTICLES = TableSpec("articles", Article, PARTITION_COLUMNS, Article.article_id)
ENTITIES = TableSpec("entities", Entity, PARTITION_COLUMNS, Entity.article_id)
ARTICLE_ENTITIES = TableSpec(
    "article_entities", ArticleEntity, PARTITION_COLUMNS, ArticleEntity.article_id
)
DATES = TableSpec("dates", TemporalExpression, PARTITION_COLUMNS, TemporalExpression.article_id)
QUOTES = TableSpec("quotes", Quote, PARTITION_COLUMNS, Quote.article_id)
SIGNATURES = TableSpec(
    "article_signatures", ArticleSignature, PARTITION_COLUMNS, ArticleSignature.article_id
)
# Recomputed from all signatures whenever articles change: written whole, never upserted.
CLUSTERS = TableSpec("duplicate_clusters", DuplicateCluster, (), None)
REJECTS = TableSpec("rejects", Reject, (), Reject.source_path)
RUNS = TableSpec("runs", Run, (), None)

# The tables enrichment writes (Enrichment's fields are named after them); articles and
# signatures depend on the input only.
ENRICHED_TABLES: tuple[TableSpec, ...] = (ENTITIES, ARTICLE_ENTITIES, DATES, QUOTES)

# Staged child rows carry the document they came from, so that the commit can drop the
# rows of a document that loses a duplicate-id contest; the column never reaches Delta.
STAGED_SOURCE = "_source_path"

# Commit order: an article's child rows land before the article row that marks it done.
ARTICLE_TABLES: tuple[TableSpec, ...] = (
    ENTITIES,
    ARTICLE_ENTITIES,
    DATES,
    QUOTES,
    SIGNATURES,
    ARTICLES,
)
TABLES: tuple[TableSpec, ...] = (*ARTICLE_TABLES, CLUSTERS, REJECTS, RUNS)


@dataclass(frozen=True, slots=True)
class Warehouse:
    """Paths inside one warehouse root."""

    root: str

    def table_uri(self, table: TableSpec) -> str:
        return os.path.join(self.root, table.name)

    def staging_dir(self, run_id: str) -> str:
        return os.path.join(self.root, "_staging", run_id)

    def staged_batch(self, run_id: str, table: TableSpec, batch_number: int) -> str:
        return os.path.join(
            self.staging_dir(run_id), table.name, f"batch-{batch_number:06d}.parquet"
        )

    def staged_files(self, run_id: str, table: TableSpec) -> list[str]:
        folder = os.path.join(self.staging_dir(run_id), table.name)
        if not os.path.isdir(folder):
            return []
        return sorted(os.path.join(folder, name) for name in os.listdir(folder))

    @property
    def snapshot_path(self) -> str:
        """The committed version of every table (see warehouse.snapshot)."""
        return os.path.join(self.root, "_snapshot.json")

    @property
    def catalog_path(self) -> str:
        return os.path.join(self.root, "newswire.duckdb")
