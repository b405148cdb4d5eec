"""The main Prefect flow: ingest → parse → validate → enrich per batch, then one commit."""

from __future__ import annotations

import itertools
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newswire.batch import BatchResult, process_batch
from newswire.enrich.nlp import load_for, model_version
from newswire.ingest import list_source_files
from newswire.progress import report
from newswire.runlog import fill_counts, new_run_row, recorded
from newswire.settings import Settings
from newswire.versions import versions_json
from newswire.warehouse import Warehouse
from newswire.warehouse.commit import (
    CommitResult,
    StoredState,
    commit_run,
    read_stored_state,
)
from schemas import Run


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def plan_batches(settings: Settings) -> tuple[list[list[str]], StoredState]:
    """List input files in stable order, cut into batches, and read what is already stored
    (nothing, for a full refresh: every document is processed and every table rewritten)."""
    paths = iter(list_source_files(settings.input))
    batches = [
        list(chunk)
        for chunk in iter(lambda: list(itertools.islice(paths, settings.batch_size)), [])
    ]
    if settings.full_refresh:
        return batches, StoredState()
    return batches, read_stored_state(Warehouse(settings.warehouse))


@task(cache_policy=NO_CACHE)
def run_batch(
    number: int, paths: list[str], state: StoredState, settings: Settings, run_id: str
) -> BatchResult:
    """Ingest, parse, validate and enrich one batch of documents, staging the results."""
    known = {path: state.input_hashes[path] for path in paths if path in state.input_hashes}
    result = process_batch(number, paths, known, settings, run_id, load_for(settings))
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


# Commits are I/O against the table store: retried, and each is all-or-nothing.
@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def commit(
    settings: Settings, run_id: str, state: StoredState, listed: set[str], processed: set[str]
) -> CommitResult:
    """Commit the staged rows: one Delta commit per table."""
    return commit_run(
        Warehouse(settings.warehouse),
        run_id,
        state,
        listed,
        processed,
        overwrite=settings.full_refresh,
        allow_schema_change=settings.allow_schema_change,
    )


@flow(name="newswire-run", log_prints=True)
def newswire_run(settings: Settings | None = None) -> dict[str, Any]:
    """Run the pipeline over `settings.input` into `settings.warehouse`; returns the runs row."""
    settings = settings or Settings()
    row = new_run_row(settings)
    run_id = row[Run.run_id]
    try:
        with recorded(Warehouse(settings.warehouse), row, settings):
            row[Run.versions] = versions_json(model_version(load_for(settings)), settings)
            batches, state = plan_batches(settings)
            total = sum(len(batch) for batch in batches)
            report(0, total)
            results: list[BatchResult] = []
            for number, paths in enumerate(batches):
                results.append(run_batch(number, paths, state, settings, run_id))
                report(sum(r.documents_read for r in results), total)
            listed = {path for batch in batches for path in batch}
            processed = {path for result in results for path in result.processed_paths}
            fill_counts(row, results, commit(settings, run_id, state, listed, processed))
    except Exception:
        get_run_logger().error("run %s failed: %s", run_id, row[Run.error])
        raise
    return row
