"""Re-enrichment of stored articles: read them back, enrich again, replace their child rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from spacy.language import Language

from newswire.batch import stage_rows, validate_children
from newswire.enrich.articles import enrich_articles
from newswire.settings import Settings
from newswire.warehouse.commit import CommitResult, staged_batches
from newswire.warehouse.delta import replace_rows
from newswire.warehouse.snapshot import open_committed, undone_on_error
from newswire.warehouse.storage import ARTICLES, ENRICHED_TABLES, Warehouse
from schemas import Article, arrow_schema


@dataclass(slots=True)
class ReprocessResult:
    """The articles a batch re-enriched."""

    batch_number: int
    article_ids: list[str] = field(default_factory=list)


def stored_batches(warehouse: Warehouse, batch_size: int) -> Iterator[list[dict[str, Any]]]:
    """The stored articles, `batch_size` at a time, as article rows."""
    table = open_committed(warehouse, ARTICLES)
    if table is None:
        return
    dataset = table.to_pyarrow_dataset()
    for batch in dataset.to_batches(batch_size=batch_size):
        yield batch.to_pylist()


def reprocess_batch(
    number: int, articles: list[dict[str, Any]], settings: Settings, run_id: str, nlp: Language
) -> ReprocessResult:
    """Enrich stored articles again and stage their new child rows."""
    enrichment = enrich_articles(
        articles, nlp, settings.nlp_batch_size, settings.nlp_vocabulary_limit
    )
    warehouse = Warehouse(settings.warehouse)
    owners = [
        (article[Article.source_path], article[Article.source_sha256]) for article in articles
    ]
    for table in ENRICHED_TABLES:
        valid, _, rejections = validate_children(
            table.model, getattr(enrichment, table.name), owners
        )
        if rejections:
            raise ValueError(
                f"re-enrichment produced invalid {table.name} rows: {rejections[0].detail}"
            )
        stage_rows(warehouse, run_id, table, number, valid)
    return ReprocessResult(number, [article[Article.article_id] for article in articles])


def commit_reprocessed(
    warehouse: Warehouse, run_id: str, article_ids: list[str], allow_schema_change: bool = False
) -> CommitResult:
    """Replace the re-enriched articles' rows in each enrichment table, one commit each
    (all undone if any fails; the run's snapshot makes them visible together)."""
    keys = pa.array(sorted(article_ids), pa.string())
    result = CommitResult()
    with undone_on_error(warehouse):
        for table in ENRICHED_TABLES:
            batches = list(staged_batches(warehouse, run_id, table, set()))
            result.schema_changes += replace_rows(
                warehouse.table_uri(table),
                arrow_schema(table.model),
                batches,
                table.replace_key,
                keys,
                table.partition_by,
                allow_schema_change=allow_schema_change,
            )
            result.rows[table.name] = sum(batch.num_rows for batch in batches)
    return result
