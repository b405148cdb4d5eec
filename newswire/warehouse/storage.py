"""The one module that knows where things are stored: table, staging and catalog locations."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

import pandera.pandas as pdv
import pyarrow as pa
import pyarrow.parquet as pq

from newswire import locations
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
    """Locations inside one warehouse root: a local folder or an s3:// URL."""

    root: str

    @property
    def is_remote(self) -> bool:
        return locations.is_remote(self.root)

    def table_uri(self, table: TableSpec) -> str:
        return locations.join(self.root, table.name)

    def staging_dir(self, run_id: str) -> str:
        return locations.join(self.staging_root, run_id)

    def staged_batch(self, run_id: str, table: TableSpec, batch_number: int) -> str:
        return locations.join(
            self.staging_dir(run_id), table.name, f"batch-{batch_number:06d}.parquet"
        )

    def staged_files(self, run_id: str, table: TableSpec) -> list[str]:
        folder = locations.join(self.staging_dir(run_id), table.name)
        return sorted(path for path in locations.list_files(folder) if path.endswith(".parquet"))

    def write_staged(
        self, run_id: str, table: TableSpec, batch_number: int, rows: pa.Table
    ) -> None:
        """Stage one batch's rows of a table; a staged file is either whole or absent."""
        filesystem, path = locations.resolve(self.staged_batch(run_id, table, batch_number))
        if self.is_remote:
            # An object appears only when its upload completes: already whole or absent.
            pq.write_table(rows, path, filesystem=filesystem)
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        pq.write_table(rows, path + ".tmp")
        os.replace(path + ".tmp", path)

    def remove_staging(self, run_id: str) -> None:
        """Delete a run's staged files (and the staging folder once no run uses it)."""
        locations.remove_tree(self.staging_dir(run_id))
        # On S3, pyarrow leaves an empty `_staging/` marker object; deleting it could race
        # with another run that starts staging, so it stays (it holds no data).
        if not self.is_remote:
            with contextlib.suppress(OSError):  # other runs may still be staging next to it
                os.rmdir(os.path.dirname(self.staging_dir(run_id)))

    @property
    def snapshot_path(self) -> str:
        """The committed version of every table (see warehouse.snapshot)."""
        return locations.join(self.root, "_snapshot.json")

    @property
    def lock_path(self) -> str:
        """Held by the one process writing the warehouse (see warehouse.lock)."""
        return locations.join(self.root, "_writer.lock")

    @property
    def staging_root(self) -> str:
        """Every run's staged batches, one folder per run id."""
        return locations.join(self.root, "_staging")

    @property
    def catalog_path(self) -> str:
        return locations.join(self.root, "newswire.duckdb")
