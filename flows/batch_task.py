"""The batch task, in a module of its own: worker processes import it, and with it only what
a batch needs (no DuckDB, no delta-rs, no commit code)."""

from __future__ import annotations

from datetime import date

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newswire.batch import BatchResult, process_batch
from newswire.enrich.nlp import load_for
from newswire.settings import Settings
from newswire.timing import StageTimes


@task(cache_policy=NO_CACHE)
def run_batch(
    number: int,
    paths: list[str],
    known: dict[str, str],
    settings: Settings,
    run_id: str,
    latest_date: date,
) -> BatchResult:
    """Ingest, parse, validate and enrich one batch of documents, staging the results.
    `known`: the stored input hash of each path that has one; `latest_date`: the last
    plausible publication date."""
    loading = StageTimes()
    with loading.measure("load"):
        nlp = load_for(settings)  # once per worker process: later batches find it loaded
    result = process_batch(number, paths, known, settings, run_id, nlp, latest_date)
    result.times += loading
    get_run_logger().info(
        "batch %d: %d read, %d unchanged, %d articles, %d entities, %d dates, rejects %s",
        number,
        result.documents_read,
        result.unchanged,
        result.articles,
        result.entities,
        result.dates,
        dict(result.rejects) or "none",
    )
    return result
