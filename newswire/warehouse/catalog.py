"""DuckDB views over the Delta tables, in memory (`connect`) or in the catalog file."""

from __future__ import annotations

import logging
import os
from urllib.parse import unquote

import duckdb
import pyarrow as pa
from deltalake import DeltaTable

from newswire import locations
from newswire.warehouse.snapshot import read_snapshot, table_at
from newswire.warehouse.storage import ARTICLES, CLUSTERS, TABLES, TableSpec, Warehouse
from schemas import DuplicateCluster, arrow_schema

_DUCKDB_TYPES: dict[pa.DataType, str] = {
    pa.string(): "VARCHAR",
    pa.int64(): "BIGINT",
    pa.int32(): "INTEGER",
    pa.int16(): "SMALLINT",
    pa.bool_(): "BOOLEAN",
    pa.float64(): "DOUBLE",
    pa.date32(): "DATE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
    pa.list_(pa.string()): "VARCHAR[]",
    pa.binary(): "BLOB",
}


# The stored articles table; the `articles` view adds its duplicate cluster's columns.
STORED_ARTICLES = "articles_stored"
ARTICLE_CLUSTER_COLUMNS = (DuplicateCluster.cluster_id, DuplicateCluster.duplicate_of)

_log = logging.getLogger(__name__)


def duckdb_type(arrow_type: pa.DataType) -> str:
    """The DuckDB SQL type of an Arrow type used in our schemas."""
    return _DUCKDB_TYPES[arrow_type]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def local_files(delta: DeltaTable) -> list[str]:
    """The paths of a local table's active files. delta-rs gives them as URI paths (a space
    is %20), which DuckDB would look for literally: a warehouse folder with a space, a quote
    or a % in its name would have no files."""
    return [unquote(uri) for uri in delta.file_uris()]


def view_sql(table: TableSpec, delta: DeltaTable | None, name: str | None = None) -> str:
    """CREATE VIEW `name` (default: the table's) over the files of `delta`, the table's
    committed version (None: not created yet)."""
    name = name or table.name
    schema = arrow_schema(table.model)
    select = ", ".join(f'"{name}"' for name in schema.names)
    files = local_files(delta) if delta is not None else []
    if not files:
        # No data yet: an empty view with the contract's columns and types.
        columns = ", ".join(
            f'CAST(NULL AS {duckdb_type(field.type)}) AS "{field.name}"' for field in schema
        )
        return f"CREATE OR REPLACE VIEW {name} AS SELECT {columns} WHERE false"
    file_list = "[" + ", ".join(_quote(path) for path in files) + "]"
    options = "union_by_name = true"
    if table.partition_by:
        types = ", ".join(
            f"'{name}': '{duckdb_type(schema.field(name).type)}'" for name in table.partition_by
        )
        options += f", hive_partitioning = true, hive_types = {{{types}}}"
    return (
        f"CREATE OR REPLACE VIEW {name} AS SELECT {select} "
        f"FROM read_parquet({file_list}, {options})"
    )


def register_remote(
    connection: duckdb.DuckDBPyConnection, table: TableSpec, delta: DeltaTable, name: str
) -> None:
    """A view over a table on object storage, read through its pyarrow dataset: DuckDB's
    own S3 reader is an extension that cannot be installed offline."""
    select = ", ".join(f'"{column}"' for column in arrow_schema(table.model).names)
    connection.register(f"{name}_dataset", delta.to_pyarrow_dataset())
    connection.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT {select} FROM {name}_dataset")


def create_views(connection: duckdb.DuckDBPyConnection, warehouse: Warehouse) -> None:
    """Create (or refresh) one view per warehouse table on `connection`.

    `articles` also shows each article's duplicate cluster (`cluster_id`, `duplicate_of`), so
    `where duplicate_of is null` keeps one article per story.
    """
    snapshot = read_snapshot(warehouse)
    for table in TABLES:
        name = STORED_ARTICLES if table is ARTICLES else table.name
        delta = table_at(warehouse, table, snapshot)
        if warehouse.is_remote and delta is not None and delta.file_uris():
            register_remote(connection, table, delta, name)
        else:
            connection.execute(view_sql(table, delta, name))
    cluster_columns = ", ".join(f"c.{column}" for column in ARTICLE_CLUSTER_COLUMNS)
    connection.execute(
        f"CREATE OR REPLACE VIEW articles AS SELECT a.*, {cluster_columns} "
        f"FROM {STORED_ARTICLES} a LEFT JOIN {CLUSTERS.name} c USING (article_id)"
    )


def connect(warehouse: str | Warehouse = "warehouse") -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with every warehouse table as a view."""
    if isinstance(warehouse, str):
        warehouse = Warehouse(warehouse)
    if not locations.is_dir(warehouse.root):
        raise FileNotFoundError(f"no warehouse at {warehouse.root}: run `newswire run` first")
    connection = duckdb.connect(
        ":memory:",
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    create_views(connection, warehouse)
    return connection


def refresh_catalog(warehouse: Warehouse) -> str | None:
    """Rewrite `newswire.duckdb` so the plain DuckDB CLI sees the current table versions.

    Written to a temporary file and renamed, so a reader never opens a half-written catalog.
    A warehouse on object storage gets none (a DuckDB file cannot live there): None.
    """
    if warehouse.is_remote:
        _log.info("no catalog file for %s: query it with `newswire sql`", warehouse.root)
        return None
    temporary = warehouse.catalog_path + ".tmp"
    if os.path.exists(temporary):
        os.remove(temporary)
    connection = duckdb.connect(temporary)
    try:
        create_views(connection, warehouse)
    finally:
        connection.close()
    os.replace(temporary, warehouse.catalog_path)
    return warehouse.catalog_path
