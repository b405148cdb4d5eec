"""Where a run's batch tasks execute: this process, a pool of processes, or a Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from prefect import get_run_logger
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from newswire.settings import Settings

# Below this many new documents a pool does not pay for itself: each worker process starts
# Python and loads the spaCy pipeline (about 4 s), the time to tag some 150 documents.
PARALLEL_MIN_DOCUMENTS = 500


def choose_executor(settings: Settings, pending_documents: int) -> str:
    """The executor a run uses: the configured one, or for `auto`, a process pool when there
    are several workers and enough new documents to share, else this process."""
    if settings.executor != "auto":
        return settings.executor
    if settings.workers >= 2 and pending_documents >= PARALLEL_MIN_DOCUMENTS:
        return "processes"
    return "local"


def task_runner_for(settings: Settings, executor: str) -> TaskRunner:
    """One batch at a time in this process (spaCy uses the core; batches share its memory);
    `workers` processes, each with its own pipeline; or a Dask cluster: the one at
    `dask_address`, else a local one of `workers` processes."""
    if executor == "local":
        return ThreadPoolTaskRunner(max_workers=1)
    if executor == "processes":
        return ProcessPoolTaskRunner(max_workers=settings.workers)
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": settings.workers,
            # One process per core: the NER holds the GIL, threads would only wait for it.
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def workers_of(settings: Settings, executor: str) -> int:
    """How many batch tasks run at once on `executor`."""
    return 1 if executor == "local" else settings.workers


@contextmanager
def batch_runner(settings: Settings, executor: str) -> Iterator[TaskRunner]:
    """The started task runner for a run's batch tasks on `executor` (see choose_executor);
    the flow's own tasks stay in its process."""
    get_run_logger().info(
        "batch tasks on %s, %d worker(s)", executor, workers_of(settings, executor)
    )
    with ExitStack() as stack:
        if executor != "local":
            stack.enter_context(one_prefect_api())
        yield stack.enter_context(task_runner_for(settings, executor))


@contextmanager
def one_prefect_api() -> Iterator[None]:
    """Make every process of the run report to one Prefect API.

    With no PREFECT_API_URL, Prefect starts a temporary server in the flow's process; a worker
    process does not know of it and starts one of its own (seconds each, and a database
    each). So that server (started here if the flow has not yet) is named in the settings
    that Prefect passes to every task it submits.
    """
    if PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    # The same instance Prefect would start for this process; it stops at exit, after
    # Prefect has flushed its logs and events to it.
    server = SubprocessASGIServer()
    server.start()
    with temporary_settings({PREFECT_API_URL: server.api_url}):
        yield
