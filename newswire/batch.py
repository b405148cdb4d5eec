"""One batch of input files through ingest, parse, validate and enrich, staged as Parquet.

A batch is the unit of work of one Prefect task: hundreds of documents, never one.
Staged files are only read by the commit; nothing here touches the Delta tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa
from spacy.language import Language

from newswire.dedup.signatures import signature_row
from newswire.enrich.articles import enrich_articles
from newswire.ingest import read_documents
from newswire.parse import parse_article
from newswire.records import DocumentError, Rejection, SourceDocument, Stage
from newswire.settings import Settings
from newswire.timing import StageTimes
from newswire.validate import validate_rows
from newswire.warehouse.storage import (
    ARTICLES,
    DATES,
    ENRICHED_TABLES,
    ENTITIES,
    QUOTES,
    REJECTS,
    SIGNATURES,
    STAGED_SOURCE,
    TableSpec,
    Warehouse,
)
from schemas import (
    Article,
    ArticleSignature,
    Reject,
    arrow_schema,
)

Owner = tuple[str, str | None]


@dataclass(slots=True)
class BatchResult:
    """What one batch did: counts per outcome and the documents it processed."""

    batch_number: int
    documents_read: int = 0
    unchanged: int = 0
    rejects: Counter[str] = field(default_factory=Counter)
    articles: int = 0
    entities: int = 0
    dates: int = 0
    quotes: int = 0
    processed_paths: list[str] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)


def process_batch(
    batch_number: int,
    paths: Sequence[str],
    known_hashes: Mapping[str, str],
    settings: Settings,
    run_id: str,
    nlp: Language,
    latest_date: date | None = None,
) -> BatchResult:
    """Read, parse, validate and enrich `paths`, staging results for the run's commit.

    `known_hashes` maps a path to the input sha256 already stored for it: such a document
    is unchanged and skipped. `latest_date`: the last plausible publication date.
    """
    result = BatchResult(batch_number, documents_read=len(paths))
    times = result.times
    with times.measure("read"):
        documents, rejections = read_documents(list(paths), settings.max_document_bytes)
    with times.measure("parse"):
        rows, owners = _parse(documents, known_hashes, run_id, latest_date, rejections, result)
    result.processed_paths = [owner[0] for owner in owners] + [r.source_path for r in rejections]
    with times.measure("validate"):
        articles, kept, invalid = validate_rows(Article, rows, owners, Stage.VALIDATE)
    rejections.extend(invalid)
    kept_rows = [rows[index] for index in kept]
    kept_owners = [owners[index] for index in kept]

    enrichment = enrich_articles(
        kept_rows, nlp, settings.nlp_batch_size, settings.nlp_vocabulary_limit
    )
    times += enrichment.times
    with times.measure("validate"):
        children = {
            table: validate_children(table.model, getattr(enrichment, table.name), kept_owners)
            for table in ENRICHED_TABLES
        }
    with times.measure("signatures"):
        signatures = [[signature_row(article)] for article in kept_rows]
    with times.measure("validate"):
        children[SIGNATURES] = validate_children(ArticleSignature, signatures, kept_owners)
    enrich_rejections = [reject for _, _, invalid in children.values() for reject in invalid]
    enrich_rejections += [
        Rejection(*kept_owners[index], Stage.ENRICH, reason, detail)
        for index, (reason, detail) in enrichment.rejected.items()
    ]
    # One reject per document, the first reason found, even when several child tables fail.
    by_owner = {(r.source_path, r.input_sha256): r for r in reversed(enrich_rejections)}
    failed = set(by_owner)
    rejections.extend(by_owner.values())
    # A document whose enrichment fails validation is rejected whole: no half-enriched articles.
    articles = _drop_owners(articles, kept_owners, failed)
    with times.measure("stage"):
        warehouse = Warehouse(settings.warehouse)
        stage_rows(warehouse, run_id, ARTICLES, batch_number, articles)
        for table, (rows_table, row_owners, _) in children.items():
            stage_rows(
                warehouse, run_id, table, batch_number, _drop_owners(rows_table, row_owners, failed)
            )
        stage_rows(warehouse, run_id, REJECTS, batch_number, rejections_table(rejections, run_id))
    result.articles = articles.num_rows
    result.entities = children[ENTITIES][0].num_rows
    result.dates = children[DATES][0].num_rows
    result.quotes = children[QUOTES][0].num_rows
    result.rejects.update(r.stage.value for r in rejections)
    return result


def _parse(
    documents: Sequence[SourceDocument],
    known_hashes: Mapping[str, str],
    run_id: str,
    latest_date: date | None,
    rejections: list[Rejection],
    result: BatchResult,
) -> tuple[list[dict[str, Any]], list[Owner]]:
    """Article rows of the documents that changed; the rest counted or rejected."""
    rows: list[dict[str, Any]] = []
    owners: list[Owner] = []
    for document in documents:
        if known_hashes.get(document.source_path) == document.input_sha256:
            result.unchanged += 1
            continue
        try:
            row = parse_article(document, run_id, latest_date)
        except DocumentError as error:
            reason, detail = error.reason, error.detail
        except Exception as error:  # noqa: BLE001 - a parser bug must cost one document, visibly
            reason, detail = "parser_error", f"{type(error).__name__}: {error}"[:500]
        else:
            rows.append(row)
            owners.append((document.source_path, document.input_sha256))
            continue
        rejections.append(
            Rejection(document.source_path, document.input_sha256, Stage.PARSE, reason, detail)
        )
    return rows, owners


def rejections_table(rejections: Sequence[Rejection], run_id: str) -> pa.Table:
    """Rejections as rows of the `rejects` table, checked against its model."""
    rows = [
        {
            Reject.source_path: r.source_path,
            Reject.input_sha256: r.input_sha256,
            Reject.stage: r.stage.value,
            Reject.reason: r.reason,
            Reject.detail: r.detail,
            Reject.run_id: run_id,
        }
        for r in rejections
    ]
    schema = arrow_schema(Reject)
    # A reject that breaks its own schema is a bug in a stage: fail loudly, lose nothing.
    Reject.validate(pd.DataFrame(rows, columns=schema.names), lazy=True)
    return pa.Table.from_pylist(rows, schema=schema)


def validate_children(
    model: type, lists: list[list[dict[str, Any]]], owners: list[Owner]
) -> tuple[pa.Table, list[Owner], list[Rejection]]:
    """Validate one child table's rows, listed per article, and tag each kept row with the
    document it came from; `owners[i]` owns `lists[i]`."""
    rows = [row for rows in lists for row in rows]
    row_owners = [owner for rows, owner in zip(lists, owners, strict=True) for _ in rows]
    table, kept, rejections = validate_rows(model, rows, row_owners, Stage.ENRICH)
    kept_owners = [row_owners[index] for index in kept]
    table = table.append_column(STAGED_SOURCE, pa.array([o[0] for o in kept_owners], pa.string()))
    return table, kept_owners, rejections


def _drop_owners(table: pa.Table, owners: list[Owner], failed: set[Owner]) -> pa.Table:
    if not failed:
        return table
    return table.filter(pa.array([owner not in failed for owner in owners], pa.bool_()))


def stage_rows(
    warehouse: Warehouse, run_id: str, table: TableSpec, batch_number: int, rows: pa.Table
) -> None:
    if rows.num_rows == 0:
        return
    warehouse.write_staged(run_id, table, batch_number, rows)
