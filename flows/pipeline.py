"""The main Prefect flow: ingest → parse → validate → enrich per batch, then one commit."""

from __future__ import annotations

import itertools
import json
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newswire.batch import BatchResult, process_batch
from newswire.enrich.nlp import load_for, model_version
from newswire.ingest import list_source_files
from newswire.progress import report
from newswire.runlog import finish_run, new_run_row
from newswire.settings import Settings
from newswire.timing import StageTimes
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
    warehouse = Warehouse(settings.warehouse)
    row = new_run_row(settings)
    run_id = row[Run.run_id]
    try:
        nlp = load_for(settings)
        row[Run.versions] = versions_json(model_version(nlp), settings)
        batches, state = plan_batches(settings)
        total = sum(len(batch) for batch in batches)
        report(0, total)
        results: list[BatchResult] = []
        for number, paths in enumerate(batches):
            results.append(run_batch(number, paths, state, settings, run_id))
            report(sum(r.documents_read for r in results), total)
        listed = {path for batch in batches for path in batch}
        processed = {path for result in results for path in result.processed_paths}
        committed = commit(settings, run_id, state, listed, processed)
        _fill_counts(row, results, committed)
        row[Run.status] = "completed"
    except Exception as error:
        row[Run.status] = "failed"
        row[Run.error] = f"{type(error).__name__}: {error}"[:2000]
        row.setdefault(Run.versions, versions_json(settings.spacy_model, settings))
        get_run_logger().error("run %s failed: %s", run_id, row[Run.error])
        raise
    finally:
        finish_run(warehouse, row)
    return row


def _fill_counts(row: dict[str, Any], results: list[BatchResult], committed: CommitResult) -> None:
    rejects = (
        sum((result.rejects for result in results), start=type(results[0].rejects)())
        if results
        else {}
    )
    row[Run.documents_read] = sum(result.documents_read for result in results)
    row[Run.unchanged] = sum(result.unchanged for result in results)
    row[Run.parse_rejects] = rejects.get("parse", 0)
    row[Run.validate_rejects] = rejects.get("validate", 0) + committed.duplicates
    row[Run.enrich_rejects] = rejects.get("enrich", 0)
    row[Run.other_rejects] = rejects.get("ingest", 0) + rejects.get("write", 0)
    row[Run.articles_written] = committed.articles
    row[Run.entities_written] = committed.rows.get("entities", 0)
    row[Run.dates_written] = committed.rows.get("dates", 0)
    row[Run.quotes_written] = committed.rows.get("quotes", 0)
    if committed.schema_changes:
        row[Run.schema_changes] = json.dumps(
            [
                {
                    "table": c.table,
                    "column": c.column,
                    "change": c.change,
                    "stored": c.stored,
                    "contract": c.contract,
                }
                for c in committed.schema_changes
            ]
        )
    times = sum((result.times for result in results), StageTimes())
    row[Run.stage_seconds] = json.dumps(
        {stage: round(seconds, 3) for stage, seconds in sorted(times.items())}
    )
    accounted = row[Run.unchanged] + committed.articles + committed.rejects
    if accounted != row[Run.documents_read]:
        raise RuntimeError(
            f"document accounting broken: read {row[Run.documents_read]} but "
            f"{row[Run.unchanged]} unchanged + {committed.articles} articles + "
            f"{committed.rejects} rejects = {accounted}"
        )
