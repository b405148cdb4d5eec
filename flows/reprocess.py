"""Re-enrich stored articles with the current code and model, without re-reading inputs."""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.pipeline import IO_RETRIES
from newswire.enrich.nlp import load_for, model_version
from newswire.reprocess import ReprocessResult, commit_reprocessed, reprocess_batch, stored_batches
from newswire.runlog import fill_written, new_run_row, recorded
from newswire.settings import Settings
from newswire.versions import versions_json
from newswire.warehouse import Warehouse
from newswire.warehouse.commit import CommitResult
from schemas import Run


@task(cache_policy=NO_CACHE)
def enrich_stored(
    number: int, articles: list[dict[str, Any]], settings: Settings, run_id: str
) -> ReprocessResult:
    """Enrich one batch of stored articles and stage the new child rows."""
    result = reprocess_batch(number, articles, settings, run_id, load_for(settings))
    get_run_logger().info("batch %d: %d articles re-enriched", number, len(articles))
    return result


@task(cache_policy=NO_CACHE, **IO_RETRIES)
def commit_enrichment(settings: Settings, run_id: str, article_ids: list[str]) -> CommitResult:
    """Replace the stored articles' entities, dates and quotes: one commit per table."""
    return commit_reprocessed(
        Warehouse(settings.warehouse), run_id, article_ids, settings.allow_schema_change
    )


@flow(name="newswire-reprocess", log_prints=True)
def newswire_reprocess(settings: Settings | None = None) -> dict[str, Any]:
    """Re-run enrichment over every stored article; returns the runs row."""
    settings = settings or Settings()
    warehouse = Warehouse(settings.warehouse)
    row = new_run_row(settings)
    row[Run.input] = f"reprocess:{settings.warehouse}"
    try:
        with recorded(warehouse, row, settings):
            row[Run.versions] = versions_json(model_version(load_for(settings)), settings)
            results = [
                enrich_stored(number, batch, settings, row[Run.run_id])
                for number, batch in enumerate(stored_batches(warehouse, settings.batch_size))
            ]
            ids = [article_id for result in results for article_id in result.article_ids]
            row[Run.documents_read] = row[Run.unchanged] = len(ids)
            fill_written(row, commit_enrichment(settings, row[Run.run_id], ids))
    except Exception:
        get_run_logger().error("run %s failed: %s", row[Run.run_id], row[Run.error])
        raise
    return row
