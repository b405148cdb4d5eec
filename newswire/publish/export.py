"""Writing the release's tables: plain Parquet, Hive partitions, zstd, sorted, checksummed."""

from __future__ import annotations

import os
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from newswire.checksums import file_sha256
from newswire.warehouse.catalog import duckdb_type
from schemas import PARTITION_COLUMNS

# What a release contains, in order, each with the columns its rows are sorted by.
RELEASE_TABLES: dict[str, tuple[str, ...]] = {
    "articles": ("published_date", "article_id"),
    "entities": ("year", "month", "article_id", "field", "start_char"),
    "article_entities": ("year", "month", "article_id", "canonical"),
    "dates": ("year", "month", "article_id", "field", "start_char"),
    "quotes": ("year", "month", "article_id", "start_char"),
    "duplicate_clusters": ("cluster_id", "article_id"),
    "rejects": ("source_path",),
    "runs": ("started_at",),
}
ROWS_PER_GROUP = 100_000


@dataclass(frozen=True, slots=True)
class ExportedFile:
    """One file of a release: its path relative to the release folder, checksum and size."""

    path: str
    sha256: str
    bytes: int
    rows: int


def release_connection(folder: str) -> duckdb.DuckDBPyConnection:
    """DuckDB views over a release's files themselves: validation sees what consumers get."""
    connection = duckdb.connect(
        ":memory:",
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    for name in RELEASE_TABLES:
        pattern = os.path.join(folder, name, "**", "*.parquet").replace("'", "''")
        connection.execute(
            f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{pattern}', "
            "hive_partitioning = true, union_by_name = true)"
        )
    return connection


def export_table(
    connection: duckdb.DuckDBPyConnection, name: str, folder: str
) -> tuple[pa.Table, list[ExportedFile]]:
    """Write one warehouse view under `folder/name/`; returns its rows and files."""
    order = ", ".join(f'"{column}" NULLS LAST' for column in RELEASE_TABLES[name])
    table = connection.sql(f"SELECT * FROM {name} ORDER BY {order}").to_arrow_table()
    target = os.path.join(folder, name)
    if table.num_rows == 0:
        # An empty table is one empty file, so that readers still find its columns.
        os.makedirs(target)
        pq.write_table(table, os.path.join(target, "part-0.parquet"), compression="zstd")
    else:
        partitioned = all(column in table.column_names for column in PARTITION_COLUMNS)
        ds.write_dataset(
            table,
            target,
            format="parquet",
            partitioning=(
                ds.partitioning(table.select(list(PARTITION_COLUMNS)).schema, flavor="hive")
                if partitioned
                else None
            ),
            file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
            max_rows_per_group=ROWS_PER_GROUP,
            basename_template="part-{i}.parquet",
            existing_data_behavior="error",
            preserve_order=True,
        )
    files = []
    for directory, _, names in os.walk(target):
        for file_name in names:
            path = os.path.join(directory, file_name)
            files.append(
                ExportedFile(
                    os.path.relpath(path, folder),
                    file_sha256(path),
                    os.path.getsize(path),
                    pq.read_metadata(path).num_rows,
                )
            )
    return table, sorted(files, key=lambda f: f.path)


def sql_schema(table: pa.Table) -> dict[str, str]:
    """Column -> DuckDB type, as a consumer's SQL sees it."""
    types = {}
    for field in table.schema:
        try:
            types[field.name] = duckdb_type(field.type)
        except KeyError:
            types[field.name] = str(field.type).upper()
    return types
