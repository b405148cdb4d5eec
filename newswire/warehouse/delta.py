"""Delta Lake commits with delta-rs: one commit per table per run, replacing by key.

Every call passes the location's storage options (None for a local folder).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake
from deltalake.exceptions import TableNotFoundError

from newswire.locations import delta_storage_options
from newswire.warehouse.evolution import SchemaChange, check_evolution

_TOMBSTONE = "_newswire_replace"


def open_table(uri: str) -> DeltaTable | None:
    """The Delta table at `uri`, or None when none was committed there yet."""
    try:
        return DeltaTable(uri, storage_options=delta_storage_options(uri))
    except TableNotFoundError:
        return None


def read_columns(uri: str, columns: list[str]) -> pa.Table | None:
    """Selected columns of a table's current version, or None when there is no table."""
    table = open_table(uri)
    return None if table is None else table.to_pyarrow_table(columns=columns)


def replace_rows(
    uri: str,
    schema: pa.Schema,
    batches: Iterable[pa.RecordBatch],
    key: str,
    replaced_keys: pa.Array,
    partition_by: tuple[str, ...],
    overwrite: bool = False,
    allow_schema_change: bool = False,
) -> list[SchemaChange]:
    """In one commit, delete every row whose `key` is in `replaced_keys` and add `batches`
    (with `overwrite`, replace the whole table). Returns the schema changes it made: added
    columns always; removed or retyped ones only with `allow_schema_change`.

    One merge does both: the source carries the new rows plus one tombstone row per
    replaced key; tombstones match (and delete) the old rows, new rows are inserted.
    """
    table, changes = _open_checked(uri, schema, allow_schema_change)
    if table is None or overwrite:
        write_deltalake(
            uri,
            pa.RecordBatchReader.from_batches(schema, batches),
            storage_options=delta_storage_options(uri),
            partition_by=list(partition_by) or None,
            mode="overwrite" if table is not None else "append",
            schema_mode=("overwrite" if overwrite else "merge") if changes else None,
        )
        return changes
    source_schema = pa.schema([field.with_nullable(True) for field in schema]).append(
        pa.field(_TOMBSTONE, pa.bool_(), nullable=False)
    )
    source = pa.RecordBatchReader.from_batches(
        source_schema, _with_tombstones(batches, schema, source_schema, key, replaced_keys)
    )
    (
        table.merge(
            source,
            predicate=f"t.{key} = s.{key} AND s.{_TOMBSTONE}",
            source_alias="s",
            target_alias="t",
            merge_schema=bool(changes),
        )
        .when_matched_delete()
        .when_not_matched_insert(
            {name: f"s.{name}" for name in schema.names}, predicate=f"NOT s.{_TOMBSTONE}"
        )
        .execute()
    )
    return changes


def _with_tombstones(
    batches: Iterable[pa.RecordBatch],
    schema: pa.Schema,
    source_schema: pa.Schema,
    key: str,
    replaced_keys: pa.Array,
) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        columns = [batch.column(name) for name in schema.names]
        yield pa.RecordBatch.from_arrays(
            [*columns, pa.array([False] * batch.num_rows)], schema=source_schema
        )
    if len(replaced_keys):
        columns = [
            replaced_keys.cast(field.type)
            if field.name == key
            else pa.nulls(len(replaced_keys), field.type)
            for field in schema
        ]
        yield pa.RecordBatch.from_arrays(
            [*columns, pa.array([True] * len(replaced_keys))], schema=source_schema
        )


def append_rows(
    uri: str, rows: pa.Table, partition_by: tuple[str, ...] = (), allow_schema_change: bool = False
) -> list[SchemaChange]:
    """Append rows in one commit, creating the table on first use."""
    _, changes = _open_checked(uri, rows.schema, allow_schema_change)
    write_deltalake(
        uri,
        rows,
        storage_options=delta_storage_options(uri),
        partition_by=list(partition_by) or None,
        mode="append",
        schema_mode="merge" if changes else None,
    )
    return changes


def _open_checked(
    uri: str, schema: pa.Schema, allow_schema_change: bool
) -> tuple[DeltaTable | None, list[SchemaChange]]:
    """The stored table (None if there is none yet) and how `schema` changes it; raises
    for a removed or retyped column unless allowed."""
    table = open_table(uri)
    if table is None:
        return None, []
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    return table, check_evolution(table, name, schema, allow_schema_change)


def overwrite_table(uri: str, rows: pa.Table) -> None:
    """Replace a derived table's content in one commit (older versions stay readable)."""
    write_deltalake(
        uri,
        rows,
        mode="overwrite",
        schema_mode="overwrite",
        storage_options=delta_storage_options(uri),
    )
