"""The main Prefect flow: ingest → parse → validate → enrich per batch, then one commit."""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.tasks import exponential_backoff

from flows.batch_task import run_batch
from flows.executors import batch_runner, choose_executor, workers_of
from newswire.batch import BatchResult
from newswire.enrich.nlp import installed_model_version
from newswire.incremental import pending_documents, reusable_state
from newswire.ingest import cut_batches, list_source_files
from newswire.parse.pubdate import FUTURE_TOLERANCE
from newswire.progress import report
from newswire.runlog import fill_counts, new_run_row, recorded
from newswire.settings import Settings
from newswire.timing import StageTimes
from newswire.versions import versions_json
from newswire.warehouse import Warehouse
from newswire.warehouse.commit import (
    CommitResult,
    StoredState,
    commit_run,
)
from schemas import Run

# Reading the input and the table store is I/O: retried with growing, jittered delays.
IO_RETRIES = {
    "retries": 2,
    "retry_delay_seconds": exponential_backoff(backoff_factor=2),
    "retry_jitter_factor": 0.5,
}


@task(cache_policy=NO_CACHE, **IO_RETRIES)
def plan_inputs(settings: Settings) -> tuple[list[str], StoredState, int]:
    """List input files in stable order, read what is already stored (see
    incremental.reusable_state for when a stored document is not reused) and, for the `auto`
    executor, count the documents with work to do."""
    paths = list(list_source_files(settings.input))
    state = reusable_state(settings)
    pending = pending_documents(paths, state) if settings.executor == "auto" else 0
    return paths, state, pending


# A commit is undone whole when it fails, so retrying it is safe.
@task(cache_policy=NO_CACHE, **IO_RETRIES)
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
            # From the package's meta: with worker processes, this one never loads the model.
            row[Run.versions] = versions_json(
                installed_model_version(settings.spacy_model), settings
            )
            phases = StageTimes()  # the flow's own wall-clock phases
            with phases.measure("plan"):
                paths, state, pending = plan_inputs(settings)
            executor = choose_executor(settings, pending)
            batches = cut_batches(paths, settings.batch_size, workers_of(settings, executor))
            total = len(paths)
            latest_date = row[Run.started_at].date() + FUTURE_TOLERANCE
            report(0, total)
            with phases.measure("batches"), batch_runner(settings, executor) as runner:
                futures = [
                    runner.submit(
                        run_batch,
                        {
                            "number": number,
                            "paths": paths,
                            "known": _known(paths, state),
                            "settings": settings,
                            "run_id": run_id,
                            "latest_date": latest_date,
                        },
                    )
                    for number, paths in enumerate(batches)
                ]
                done = 0
                for future in as_completed(futures):
                    done += future.result().documents_read
                    report(done, total)
                results: list[BatchResult] = [future.result() for future in futures]
            listed = set(paths)
            processed = {path for result in results for path in result.processed_paths}
            with phases.measure("commit"):
                committed = commit(settings, run_id, state, listed, processed)
            fill_counts(row, results, committed, phases)
    except Exception:
        get_run_logger().error("run %s failed: %s", run_id, row[Run.error])
        raise
    return row


def _known(paths: list[str], state: StoredState) -> dict[str, str]:
    # Only the batch's own paths travel with its task (to a Dask worker, they are pickled).
    return {path: state.input_hashes[path] for path in paths if path in state.input_hashes}
