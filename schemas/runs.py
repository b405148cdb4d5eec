"""One row per pipeline run: when, how it ended, what it counted and with which versions."""

from __future__ import annotations

import pandera.pandas as pdv
from pandera.typing import Series

from schemas.arrow import UtcTimestamp

RUN_STATUSES = ("completed", "failed")


class Run(pdv.DataFrameModel):
    """A pipeline run; counts are documents unless named otherwise."""

    run_id: Series[str]
    started_at: Series[UtcTimestamp] = pdv.Field()
    finished_at: Series[UtcTimestamp] = pdv.Field()
    status: Series[str] = pdv.Field(isin=RUN_STATUSES)
    error: Series[str] = pdv.Field(nullable=True)
    input: Series[str]
    documents_read: Series[int] = pdv.Field(ge=0)
    unchanged: Series[int] = pdv.Field(ge=0)
    parse_rejects: Series[int] = pdv.Field(ge=0)
    validate_rejects: Series[int] = pdv.Field(ge=0)
    enrich_rejects: Series[int] = pdv.Field(ge=0)
    other_rejects: Series[int] = pdv.Field(ge=0)
    articles_written: Series[int] = pdv.Field(ge=0)
    entities_written: Series[int] = pdv.Field(ge=0)
    dates_written: Series[int] = pdv.Field(ge=0)
    quotes_written: Series[int] = pdv.Field(ge=0)
    versions: Series[str]
    stage_seconds: Series[str]
    schema_changes: Series[str] = pdv.Field(nullable=True)

    class Config:
        strict = True
        coerce = True
