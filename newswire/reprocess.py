"""Re-enrichment of stored articles: read them back, enrich again, replace their child rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from spacy.language import Language

from newswire.batch import stage_rows
from newswire.enrich.articles import enrich_articles
from newswire.records import Stage
from newswire.settings import Settings
from newswire.validate import validate_rows
from newswire.warehouse.commit import staged_batches
from newswire.warehouse.delta import open_table, replace_rows
from newswire.warehouse.storage import (
    ARTICLE_ENTITIES,
    ARTICLES,
    DATES,
    ENTITIES,
    QUOTES,
    STAGED_SOURCE,
    TableSpec,
    Warehouse,
)
from schemas import Article, ArticleEntity, Entity, Quote, TemporalExpression, arrow_schema

# The tables enrichment writes; articles and signatures depend on the input only.
ENRICHED: dict[TableSpec, type] = {
    ENTITIES: Entity,
    ARTICLE_ENTITIES: ArticleEntity,
    DATES: TemporalExpression,
    QUOTES: Quote,
}


@dataclass(slots=True)
class ReprocessResult:
    """The articles a batch re-enriched."""

    batch_number: int
    article_ids: list[str] = field(default_factory=list)


def stored_batches(warehouse: Warehouse, batch_size: int) -> Iterator[list[dict[str, Any]]]:
    """The stored articles, `batch_size` at a time, as article rows."""
    table = open_table(warehouse.table_uri(ARTICLES))
    if table is None:
        return
    dataset = table.to_pyarrow_dataset()
    for batch in dataset.to_batches(batch_size=batch_size):
        yield batch.to_pylist()


def reprocess_batch(
    number: int, articles: list[dict[str, Any]], settings: Settings, run_id: str, nlp: Language
) -> ReprocessResult:
    """Enrich stored articles again and stage their new child rows."""
    enrichment = enrich_articles(articles, nlp, settings.nlp_batch_size)
    warehouse = Warehouse(settings.warehouse)
    owners = [
        (article[Article.source_path], article[Article.source_sha256]) for article in articles
    ]
    for table, model in ENRICHED.items():
        lists = getattr(enrichment, table.name)  # Enrichment fields are named after the tables
        rows = [row for rows in lists for row in rows]
        row_owners = [owner for rows, owner in zip(lists, owners, strict=True) for _ in rows]
        valid, kept, rejections = validate_rows(model, rows, row_owners, Stage.ENRICH)
        if rejections:
            raise ValueError(
                f"re-enrichment produced invalid {table.name} rows: {rejections[0].detail}"
            )
        sources = pa.array([row_owners[i][0] for i in kept], pa.string())
        stage_rows(warehouse, run_id, table, number, valid.append_column(STAGED_SOURCE, sources))
    return ReprocessResult(number, [article[Article.article_id] for article in articles])


def commit_reprocessed(warehouse: Warehouse, run_id: str, article_ids: list[str]) -> dict[str, int]:
    """Replace the re-enriched articles' rows in each enrichment table, one commit each."""
    keys = pa.array(sorted(article_ids), pa.string())
    written: dict[str, int] = {}
    for table in ENRICHED:
        batches = list(staged_batches(warehouse, run_id, table, set()))
        replace_rows(
            warehouse.table_uri(table),
            arrow_schema(table.model),
            batches,
            table.replace_key,
            keys,
            table.partition_by,
        )
        written[table.name] = sum(batch.num_rows for batch in batches)
    return written
