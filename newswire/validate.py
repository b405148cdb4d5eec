"""Validation at stage boundaries: pandera models in, valid rows and rejections out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pandas as pd
import pandera.pandas as pdv
import pyarrow as pa
from pandera.errors import SchemaErrors

from newswire.records import Rejection, Stage
from schemas import arrow_schema

# Failure cases quoted in a reject's detail: enough to find the problem, not a dump.
_MAX_DETAIL_CHARS = 500


def validate_rows(
    model: type[pdv.DataFrameModel],
    rows: Sequence[dict[str, Any]],
    owners: Sequence[tuple[str, str | None]],
    stage: Stage,
) -> tuple[pa.Table, list[int], list[Rejection]]:
    """Validate rows against `model` lazily (every failure at once).

    `owners[i]` is the (source_path, input_sha256) of the document row i belongs to.
    Returns the valid rows as an Arrow table in the model's storage schema, the indexes
    of the rows kept, and one Rejection per document owning a failing row.
    """
    schema = arrow_schema(model)
    frame = pd.DataFrame(list(rows), columns=schema.names)
    failures: dict[int, list[str]] = defaultdict(list)
    try:
        # The frame is built here for validation alone: coercing it in place loses nothing.
        frame = model.validate(frame, lazy=True, inplace=True)
    except SchemaErrors as errors:
        for case in errors.failure_cases.itertuples(index=False):
            description = f"{case.column or 'row'}: {case.check} (got {case.failure_case!r})"
            indexes = [case.index] if pd.notna(case.index) else range(len(frame))
            for index in indexes:
                failures[int(index)].append(description)
    failed_owners = {owners[index] for index in failures}
    reasons: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for index, descriptions in sorted(failures.items()):
        reasons[owners[index]].extend(descriptions)
    kept = [i for i in range(len(rows)) if owners[i] not in failed_owners]
    rejections = [
        Rejection(
            source_path=path,
            input_sha256=sha,
            stage=stage,
            reason=f"schema_{model.__name__.lower()}",
            detail="; ".join(dict.fromkeys(descriptions))[:_MAX_DETAIL_CHARS],
        )
        for (path, sha), descriptions in reasons.items()
    ]
    valid = pa.Table.from_pylist([rows[i] for i in kept], schema=schema)
    return valid, kept, rejections
