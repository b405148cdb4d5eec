"""Rejected input documents: every input that did not become an article, with why."""

from __future__ import annotations

import pandera.pandas as pdv
from pandera.typing import Series

from schemas.articles import SHA256_PATTERN

STAGES = ("ingest", "parse", "validate", "enrich", "write")


class Reject(pdv.DataFrameModel):
    """One rejected input document; `detail` holds enough to find and fix it."""

    source_path: Series[str] = pdv.Field(str_length={"min_value": 1})
    input_sha256: Series[str] = pdv.Field(nullable=True, str_matches=SHA256_PATTERN)
    stage: Series[str] = pdv.Field(isin=STAGES)
    reason: Series[str] = pdv.Field(str_matches=r"^[a-z_]+$")
    detail: Series[str]
    run_id: Series[str]

    class Config:
        strict = True
        coerce = True
