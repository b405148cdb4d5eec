"""The end of a run: settle duplicate ids, then commit each table once from the staged files."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from newswire.locations import read_parquet
from newswire.versions import stored_fingerprint
from newswire.warehouse.delta import append_rows, overwrite_table, read_columns, replace_rows
from newswire.warehouse.evolution import SchemaChange
from newswire.warehouse.snapshot import Snapshot, read_snapshot, table_at, undone_on_error
from newswire.warehouse.storage import (
    ARTICLE_TABLES,
    ARTICLES,
    CLUSTERS,
    REJECTS,
    RUNS,
    SIGNATURES,
    STAGED_SOURCE,
    TableSpec,
    Warehouse,
)
from schemas import Article, ArticleSignature, DuplicateCluster, Reject, Run, arrow_schema


@dataclass(slots=True)
class StoredState:
    """What the warehouse already holds about input paths, read once at the start of a run."""

    input_hashes: dict[str, str] = field(default_factory=dict)  # path -> stored input sha256
    article_ids: dict[str, str] = field(default_factory=dict)  # path -> article_id stored for it
    article_paths: dict[str, str] = field(default_factory=dict)  # article_id -> its source path
    # The enrichment fingerprint of the last completed run (versions.enrichment_fingerprint).
    enrichment: str | None = None


def read_stored_state(warehouse: Warehouse) -> StoredState:
    """Input hashes and article ownership, from the articles and rejects tables."""
    state = StoredState()
    snapshot = read_snapshot(warehouse)  # once: all three tables from the same run
    rejects = _committed_columns(
        warehouse, snapshot, REJECTS, [Reject.source_path, Reject.input_sha256]
    )
    if rejects is not None:
        for path, sha in zip(*(c.to_pylist() for c in rejects.columns), strict=True):
            if sha is not None:
                state.input_hashes[path] = sha
    articles = _committed_columns(
        warehouse,
        snapshot,
        ARTICLES,
        [Article.source_path, Article.source_sha256, Article.article_id],
    )
    if articles is not None:
        for path, sha, article_id in zip(*(c.to_pylist() for c in articles.columns), strict=True):
            state.input_hashes[path] = sha
            state.article_ids[path] = article_id
            state.article_paths[article_id] = path
    runs = _committed_columns(
        warehouse, snapshot, RUNS, [Run.status, Run.finished_at, Run.versions]
    )
    if runs is not None:
        completed = [row for row in runs.to_pylist() if row[Run.status] == "completed"]
        if completed:
            last = max(completed, key=lambda row: row[Run.finished_at])
            state.enrichment = stored_fingerprint(last[Run.versions])
    return state


def _committed_columns(
    warehouse: Warehouse, snapshot: Snapshot | None, spec: TableSpec, columns: list[str]
) -> pa.Table | None:
    table = table_at(warehouse, spec, snapshot)
    return None if table is None else table.to_pyarrow_table(columns=columns)


@dataclass(slots=True)
class CommitResult:
    """Rows committed per table, and the staged articles turned away as duplicates."""

    rows: dict[str, int] = field(default_factory=dict)  # table name -> rows written
    rejects: int = 0
    duplicates: int = 0
    schema_changes: list[SchemaChange] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.rows.get(ARTICLES.name, 0)


def settle_duplicates(
    staged: Sequence[tuple[str, str]], state: StoredState, listed: set[str], processed: set[str]
) -> list[tuple[str, str, str]]:
    """(article_id, source_path, winner_path) for every staged article that loses its id.

    The first staged document (stable input order) wins an id; a document stored earlier
    keeps it while its file is still in the input and was not reprocessed this run.
    """
    claimed: dict[str, str] = {}
    losers: list[tuple[str, str, str]] = []
    for article_id, path in staged:
        incumbent = state.article_paths.get(article_id)
        if article_id in claimed:
            losers.append((article_id, path, claimed[article_id]))
        elif incumbent and incumbent != path and incumbent in listed and incumbent not in processed:
            losers.append((article_id, path, incumbent))
        else:
            claimed[article_id] = path
    return losers


def commit_run(
    warehouse: Warehouse,
    run_id: str,
    state: StoredState,
    listed: set[str],
    processed: set[str],
    overwrite: bool = False,
    allow_schema_change: bool = False,
) -> CommitResult:
    """Commit the run's staged rows: one Delta commit per table, child tables first, all undone
    if any fails. They become visible together when the run commits its snapshot."""
    with undone_on_error(warehouse):
        return _commit_tables(
            warehouse, run_id, state, listed, processed, overwrite, allow_schema_change
        )


def _commit_tables(
    warehouse: Warehouse,
    run_id: str,
    state: StoredState,
    listed: set[str],
    processed: set[str],
    overwrite: bool,
    allow_schema_change: bool,
) -> CommitResult:
    result = CommitResult()
    staged_ids = _read_staged(
        warehouse,
        run_id,
        ARTICLES,
        [Article.article_id, Article.source_path, Article.source_sha256],
    )
    pairs = list(
        zip(staged_ids.column(0).to_pylist(), staged_ids.column(1).to_pylist(), strict=True)
    )
    input_hashes = dict(
        zip(staged_ids.column(1).to_pylist(), staged_ids.column(2).to_pylist(), strict=True)
    )
    losers = settle_duplicates(pairs, state, listed, processed)
    loser_pairs = {(article_id, path) for article_id, path, _ in losers}
    written_ids = {
        article_id for article_id, path in pairs if (article_id, path) not in loser_pairs
    }
    # Replace the new ids and whatever was stored for a reprocessed path (moved or now rejected).
    replaced = written_ids | {state.article_ids[p] for p in processed if p in state.article_ids}
    replaced_ids = pa.array(sorted(replaced), pa.string())
    for table in ARTICLE_TABLES:
        counter = _Counter()
        result.schema_changes += replace_rows(
            warehouse.table_uri(table),
            arrow_schema(table.model),
            counter.count(staged_batches(warehouse, run_id, table, loser_pairs)),
            table.replace_key,
            replaced_ids,
            table.partition_by,
            overwrite=overwrite,
            allow_schema_change=allow_schema_change,
        )
        result.rows[table.name] = counter.rows
    if replaced:
        result.rows[CLUSTERS.name] = recluster(warehouse)
    duplicate_rejects = pa.Table.from_pylist(
        [
            {
                Reject.source_path: path,
                Reject.input_sha256: input_hashes[path],
                Reject.stage: "validate",
                Reject.reason: "duplicate_article",
                Reject.run_id: run_id,
                Reject.detail: f"article_id {article_id} already comes from {winner}",
            }
            for article_id, path, winner in losers
        ],
        schema=arrow_schema(Reject),
    )
    reject_batches = [
        *staged_batches(warehouse, run_id, REJECTS, set()),
        *duplicate_rejects.to_batches(),
    ]
    result.rejects = sum(batch.num_rows for batch in reject_batches)
    result.duplicates = len(losers)
    result.schema_changes += replace_rows(
        warehouse.table_uri(REJECTS),
        arrow_schema(Reject),
        reject_batches,
        Reject.source_path,
        pa.array(sorted(processed), pa.string()),
        (),
        overwrite=overwrite,
        allow_schema_change=allow_schema_change,
    )
    return result


def recluster(warehouse: Warehouse) -> int:
    """Recompute duplicate clusters over every stored signature; one overwrite commit."""
    # Imported here: datasketch and scipy cost half a second that a no-op run should not pay.
    from newswire.dedup.clusters import cluster_duplicates
    from newswire.dedup.signatures import signature_from_bytes

    stored = read_columns(
        warehouse.table_uri(SIGNATURES),
        [
            ArticleSignature.article_id,
            ArticleSignature.published_date,
            ArticleSignature.body_fingerprint,
            ArticleSignature.minhash,
        ],
    )
    clusters = []
    if stored is not None and stored.num_rows:
        ids, published, fingerprints, minhashes = (c.to_pylist() for c in stored.columns)
        clusters = cluster_duplicates(
            ids, published, fingerprints, [signature_from_bytes(m) for m in minhashes]
        )
    table = pa.Table.from_pylist(
        [
            {
                DuplicateCluster.article_id: c.article_id,
                DuplicateCluster.cluster_id: c.cluster_id,
                DuplicateCluster.duplicate_of: c.duplicate_of,
                DuplicateCluster.similarity: c.similarity,
            }
            for c in clusters
        ],
        schema=arrow_schema(DuplicateCluster),
    )
    overwrite_table(warehouse.table_uri(CLUSTERS), table)
    return table.num_rows


def record_run(warehouse: Warehouse, run_row: dict) -> None:
    """Append the run's row to `runs` (one commit), checked against its model."""
    Run.validate(pd.DataFrame([run_row], columns=arrow_schema(Run).names), lazy=True)
    append_rows(
        warehouse.table_uri(RUNS), pa.Table.from_pylist([run_row], arrow_schema(RUNS.model))
    )


def discard_staging(warehouse: Warehouse, run_id: str) -> None:
    """Remove a run's staged files (after its commit, or after it failed)."""
    warehouse.remove_staging(run_id)


class _Counter:
    def __init__(self) -> None:
        self.rows = 0

    def count(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            self.rows += batch.num_rows
            yield batch


def _read_staged(
    warehouse: Warehouse, run_id: str, table: TableSpec, columns: list[str]
) -> pa.Table:
    files = warehouse.staged_files(run_id, table)
    schema = arrow_schema(table.model)
    if not files:
        return pa.table({name: pa.array([], schema.field(name).type) for name in columns})
    return pa.concat_tables(read_parquet(path, columns) for path in files)


def staged_batches(
    warehouse: Warehouse, run_id: str, table: TableSpec, losers: set[tuple[str, str]]
) -> Iterator[pa.RecordBatch]:
    """Staged rows of a table, in the table's schema, without rows of duplicate losers."""
    schema = arrow_schema(table.model)
    for path in warehouse.staged_files(run_id, table):
        staged = read_parquet(path)
        if losers:
            source = STAGED_SOURCE if STAGED_SOURCE in staged.column_names else Article.source_path
            owners = zip(
                staged.column(Article.article_id).to_pylist(),
                staged.column(source).to_pylist(),
                strict=True,
            )
            staged = staged.filter(pa.array([pair not in losers for pair in owners], pa.bool_()))
        yield from staged.select(schema.names).cast(schema).to_batches()
