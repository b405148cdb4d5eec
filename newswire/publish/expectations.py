"""The release's Great Expectations validation: a suite per table derived from its pandera
model, plus dataset-level expectations (unique ids, offsets that fit, plausible dates, a
bounded reject rate), with Data Docs written into the release."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd
import pandera.pandas as pdv

from newswire.parse.pubdate import FUTURE_TOLERANCE

# Above this share of rejected inputs a release is refused: something upstream broke.
# (Inputs turned away as copies of another article are not failures and do not count.)
MAX_REJECT_RATE = 0.5
EARLIEST_DATE = date(1900, 1, 1)
SPAN_TABLES = {"entities": "text", "dates": "text", "quotes": "quote"}


@dataclass(frozen=True, slots=True)
class ValidationOutcome:
    success: bool
    evaluated: int
    failed: list[str]
    results_path: str
    docs_index: str


def validate_release(
    connection: duckdb.DuckDBPyConnection,
    models: dict[str, type[pdv.DataFrameModel]],
    folder: str,
    today: date,
) -> ValidationOutcome:
    """Validate every table of the release; Data Docs and results go under `folder`."""
    import great_expectations as gx  # imported here: it costs seconds and only publish needs it

    context = gx.get_context(mode="ephemeral")
    docs = os.path.join(folder, "data_docs")
    context.add_data_docs_site(
        "release",
        {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": docs},
        },
    )
    source = context.data_sources.add_pandas("release")
    frames = {name: connection.sql(f"SELECT * FROM {name}").df() for name in models}
    frames.update(_dataset_frames(connection, today))
    suites = {name: _model_expectations(gx, model) for name, model in models.items()}
    suites.update(_dataset_expectations(gx, today))
    results: dict[str, Any] = {}
    failed: list[str] = []
    evaluated = 0
    for name, expectations in suites.items():
        suite = context.suites.add(gx.ExpectationSuite(name=name))
        for expectation in expectations:
            suite.add_expectation(expectation)
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=batch, suite=suite)
        )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=name,
                validation_definitions=[definition],
                result_format="SUMMARY",
                actions=[gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=["release"])],
            )
        )
        outcome = checkpoint.run(batch_parameters={"dataframe": frames[name]})
        for run in outcome.run_results.values():
            for result in run.results:
                evaluated += 1
                if not result.success:
                    config = result.expectation_config
                    failed.append(f"{name}: {config.type} {json.dumps(config.kwargs, default=str)}")
        results[name] = outcome.describe_dict()
    results_path = os.path.join(folder, "results.json")
    with open(results_path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=1, default=str)
    return ValidationOutcome(
        not failed, evaluated, failed, results_path, os.path.join(docs, "index.html")
    )


# pandera column check name -> the GX expectation that checks the same, from its statistics.
_CHECK_EXPECTATIONS: dict[str, tuple[str, Any]] = {
    "str_matches": ("ExpectColumnValuesToMatchRegex", lambda s: {"regex": s["pattern"]}),
    "isin": ("ExpectColumnValuesToBeInSet", lambda s: {"value_set": list(s["allowed_values"])}),
    "greater_than_or_equal_to": (
        "ExpectColumnValuesToBeBetween",
        lambda s: {"min_value": s["min_value"]},
    ),
    "less_than_or_equal_to": (
        "ExpectColumnValuesToBeBetween",
        lambda s: {"max_value": s["max_value"]},
    ),
    "str_length": (
        "ExpectColumnValueLengthsToBeBetween",
        lambda s: {"min_value": s["min_value"], "max_value": s["max_value"]},
    ),
}


def _model_expectations(gx: Any, model: type[pdv.DataFrameModel]) -> list[Any]:
    """Column expectations equivalent to the pandera model's column checks."""
    expectations = []
    for name, column in model.to_schema().columns.items():
        expectations.append(gx.expectations.ExpectColumnToExist(column=name))
        if not column.nullable:
            expectations.append(gx.expectations.ExpectColumnValuesToNotBeNull(column=name))
        for check in column.checks:
            if check.name not in _CHECK_EXPECTATIONS:
                # A check the release cannot express would be a promise nobody verifies.
                raise ValueError(
                    f"{model.__name__}.{name}: pandera check {check.name!r} has no GX expectation"
                )
            expectation, arguments = _CHECK_EXPECTATIONS[check.name]
            expectations.append(
                getattr(gx.expectations, expectation)(column=name, **arguments(check.statistics))
            )
    return expectations


def _dataset_frames(connection: duckdb.DuckDBPyConnection, today: date) -> dict[str, pd.DataFrame]:
    """Frames computed across tables for the dataset-level expectations."""
    offsets = " UNION ALL ".join(
        f"""SELECT '{table}' AS span_table,
                   substr(CASE {"'body'" if table == "quotes" else "t.field"}
                          WHEN 'title' THEN a.title WHEN 'dateline' THEN a.dateline ELSE a.body END,
                          t.start_char + 1, t.end_char - t.start_char)
                   IS NOT DISTINCT FROM t.{column} AS fits
            FROM {table} t JOIN articles a USING (article_id)"""
        for table, column in SPAN_TABLES.items()
    )
    summary = connection.sql(
        """WITH failed AS (SELECT * FROM rejects WHERE reason <> 'duplicate_article')
           SELECT (SELECT count(*) FROM articles) AS articles,
                  (SELECT count(*) FROM failed) AS rejects,
                  (SELECT count(*) FROM failed)::DOUBLE
                    / greatest(1, (SELECT count(*) FROM failed) + (SELECT count(*) FROM articles))
                    AS reject_rate,
                  (SELECT count(*) - count(DISTINCT article_id) FROM articles) AS repeated_ids"""
    ).df()
    dates = connection.sql(
        "SELECT published_date FROM articles WHERE published_date IS NOT NULL"
    ).df()
    dates["published_date"] = pd.to_datetime(dates["published_date"])
    return {
        "span_offsets": connection.sql(offsets).df(),
        "release_summary": summary,
        "publication_dates": dates,
    }


def _dataset_expectations(gx: Any, today: date) -> dict[str, list[Any]]:
    latest = pd.Timestamp(today + FUTURE_TOLERANCE)
    return {
        "span_offsets": [
            gx.expectations.ExpectColumnValuesToBeInSet(column="fits", value_set=[True])
        ],
        "release_summary": [
            gx.expectations.ExpectColumnValuesToBeBetween(
                column="reject_rate", min_value=0.0, max_value=MAX_REJECT_RATE
            ),
            gx.expectations.ExpectColumnValuesToBeBetween(
                column="repeated_ids", min_value=0, max_value=0
            ),
            gx.expectations.ExpectColumnValuesToBeBetween(column="articles", min_value=1),
        ],
        "publication_dates": [
            gx.expectations.ExpectColumnValuesToBeBetween(
                column="published_date", min_value=pd.Timestamp(EARLIEST_DATE), max_value=latest
            )
        ],
    }
