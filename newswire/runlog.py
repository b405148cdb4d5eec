"""The `runs` table's rows: started, counted, finished and recorded, with or without a flow.

Kept free of Prefect and spaCy imports so that a run with nothing to do is recorded in a
fraction of a second.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newswire.enrich.gazetteer import GazetteerError
from newswire.settings import Settings
from newswire.timing import StageTimes
from newswire.versions import versions_json
from newswire.warehouse import Warehouse, refresh_catalog
from newswire.warehouse.commit import discard_staging, record_run
from newswire.warehouse.snapshot import Snapshot, commit_snapshot, read_snapshot, restore, writing
from newswire.warehouse.storage import RUNS
from schemas import Run

if TYPE_CHECKING:
    from newswire.batch import BatchResult
    from newswire.warehouse.commit import CommitResult

logger = logging.getLogger(__name__)

COUNTS = (
    Run.documents_read,
    Run.unchanged,
    Run.parse_rejects,
    Run.validate_rejects,
    Run.enrich_rejects,
    Run.other_rejects,
    Run.articles_written,
    Run.entities_written,
    Run.dates_written,
    Run.quotes_written,
)


def new_run_row(settings: Settings) -> dict[str, Any]:
    """A runs row with nothing counted yet."""
    row: dict[str, Any] = {name: 0 for name in COUNTS}
    row.update(
        {
            Run.run_id: f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
            Run.started_at: datetime.now(UTC),
            Run.input: settings.input,
            Run.stage_seconds: "{}",
            Run.error: None,
            Run.schema_changes: None,
        }
    )
    return row


def finish_run(warehouse: Warehouse, row: dict[str, Any]) -> None:
    """Record the run (one commit to `runs`), commit the warehouse snapshot and refresh the
    DuckDB catalog. A completed run's tables become visible together with its runs row; a
    failed run commits its runs row only."""
    row[Run.finished_at] = datetime.now(UTC)
    discard_staging(warehouse, row[Run.run_id])
    record_run(warehouse, row)
    completed = row[Run.status] == "completed"
    commit_snapshot(warehouse, row[Run.run_id], only=None if completed else [RUNS.name])
    refresh_catalog(warehouse)


@contextmanager
def recorded(warehouse: Warehouse, row: dict[str, Any], settings: Settings) -> Iterator[None]:
    """Record the run however the body ends: completed, or failed with its error and every
    table as it was. The run holds the warehouse's writer lock throughout."""
    with (
        writing(warehouse, f"run {row[Run.run_id]}", settings.lock_wait_seconds),
        _recording(warehouse, row, settings),
    ):
        yield


@contextmanager
def _recording(warehouse: Warehouse, row: dict[str, Any], settings: Settings) -> Iterator[None]:
    try:
        yield
        row[Run.status] = "completed"
    except Exception as error:
        row[Run.status] = "failed"
        row[Run.error] = f"{type(error).__name__}: {error}"[:2000]
        # Readers never see the failed run's writes (the snapshot keeps the committed
        # versions); undo them in the tables too, or the next writer will.
        try:
            restore(warehouse, read_snapshot(warehouse) or Snapshot())
        except Exception as undo_error:  # noqa: BLE001 - the run's own error is the one to raise
            logger.warning("could not undo the failed run's writes yet: %s", undo_error)
        if Run.versions not in row:
            try:
                row[Run.versions] = versions_json(settings.spacy_model, settings)
            except GazetteerError:
                # The run failed on the gazetteer itself; its error says which file and why.
                row[Run.versions] = versions_json(settings.spacy_model)
        raise
    finally:
        finish_run(warehouse, row)


def fill_counts(
    row: dict[str, Any],
    results: Sequence[BatchResult],
    committed: CommitResult,
    phases: Mapping[str, float] | None = None,
) -> None:
    """Count a run's batches and commit into its row; raise if any document went unaccounted.

    Stage seconds are summed over batches, on however many workers; `phases` are the flow's
    own wall-clock seconds (plan, batches, commit), stored as `run.<phase>`."""
    rejects: Counter[str] = sum((result.rejects for result in results), Counter())
    row[Run.documents_read] = sum(result.documents_read for result in results)
    row[Run.unchanged] = sum(result.unchanged for result in results)
    row[Run.parse_rejects] = rejects["parse"]
    row[Run.validate_rejects] = rejects["validate"] + committed.duplicates
    row[Run.enrich_rejects] = rejects["enrich"]
    row[Run.other_rejects] = rejects["ingest"] + rejects["write"]
    row[Run.articles_written] = committed.articles
    fill_written(row, committed)
    times = sum((result.times for result in results), StageTimes())
    times.update({f"run.{phase}": seconds for phase, seconds in (phases or {}).items()})
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


def fill_written(row: dict[str, Any], committed: CommitResult) -> None:
    """The enrichment rows a commit wrote, and any columns it added to the stored tables."""
    row[Run.entities_written] = committed.rows.get("entities", 0)
    row[Run.dates_written] = committed.rows.get("dates", 0)
    row[Run.quotes_written] = committed.rows.get("quotes", 0)
    if committed.schema_changes:
        row[Run.schema_changes] = json.dumps(
            [dataclasses.asdict(change) for change in committed.schema_changes]
        )


def record_unchanged_run(settings: Settings, documents: int, seconds: float) -> dict[str, Any]:
    """The runs row of a run that found every input already stored: no flow was needed."""
    row = new_run_row(settings)
    warehouse = Warehouse(settings.warehouse)
    with writing(warehouse, f"run {row[Run.run_id]}", settings.lock_wait_seconds):
        _record_unchanged(warehouse, row, settings, documents, seconds)
    return row


def _record_unchanged(
    warehouse: Warehouse, row: dict[str, Any], settings: Settings, documents: int, seconds: float
) -> None:
    row.update(
        {
            Run.documents_read: documents,
            Run.unchanged: documents,
            Run.status: "completed",
            Run.versions: versions_json(settings.spacy_model, settings),
            Run.stage_seconds: json.dumps({"read": round(seconds, 3)}),
        }
    )
    finish_run(warehouse, row)
