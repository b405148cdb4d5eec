"""The `runs` table's rows: started, counted, finished and recorded, with or without a flow.

Kept free of Prefect and spaCy imports so that a run with nothing to do is recorded in a
fraction of a second.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from newswire.settings import Settings
from newswire.versions import versions_json
from newswire.warehouse import Warehouse, refresh_catalog
from newswire.warehouse.commit import discard_staging, record_run
from schemas import Run

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
    """Record the run (one commit to `runs`) and refresh the DuckDB catalog."""
    row[Run.finished_at] = datetime.now(UTC)
    discard_staging(warehouse, row[Run.run_id])
    record_run(warehouse, row)
    refresh_catalog(warehouse)


def record_unchanged_run(settings: Settings, documents: int, seconds: float) -> dict[str, Any]:
    """The runs row of a run that found every input already stored: no flow was needed."""
    row = new_run_row(settings)
    row.update(
        {
            Run.documents_read: documents,
            Run.unchanged: documents,
            Run.status: "completed",
            Run.versions: versions_json(settings.spacy_model, settings),
            Run.stage_seconds: json.dumps({"read": round(seconds, 3)}),
        }
    )
    finish_run(Warehouse(settings.warehouse), row)
    return row
