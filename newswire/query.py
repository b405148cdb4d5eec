"""Read-only SQL for `newswire sql`, over a warehouse or a published release.

An analyst's query may read anything the views show and nothing else: only SELECT statements
(DESCRIBE, SHOW, SUMMARIZE and VALUES are SELECTs) and EXPLAIN of one run, and the connection
reads no files outside the warehouse or release and cannot be reconfigured. So a query can
neither change a release that other teams rely on (COPY, ATTACH, CREATE ...) nor read files
of the machine it runs on.
"""

from __future__ import annotations

import os
import re

import duckdb

from newswire import locations
from newswire.warehouse import Warehouse, connect

_READ_ONLY = frozenset({duckdb.StatementType.SELECT})
_EXPLAIN = re.compile(r"^\s*explain\s+(?:analyze\s+)?(?P<inner>.*)$", re.IGNORECASE | re.DOTALL)
MANIFEST = "manifest.json"


class ReadOnlyError(ValueError):
    """A statement that would change something, refused before anything ran."""


def connect_read_only(
    warehouse: str | None = None, release: str | None = None
) -> duckdb.DuckDBPyConnection:
    """Views over a warehouse's committed tables or a release's files, locked to reading
    them."""
    if release is not None:
        from newswire.publish.export import release_connection

        if not os.path.isfile(os.path.join(release, MANIFEST)):
            raise FileNotFoundError(f"no release at {release}: it has no {MANIFEST}")
        connection = release_connection(release)
        readable = release
    else:
        root = warehouse or "warehouse"
        connection = connect(Warehouse(root))
        readable = None if locations.is_remote(root) else root
    if readable is not None:
        # Reads go through the views' files only; a remote warehouse is read through pyarrow
        # datasets registered in the connection, which need no file access from DuckDB.
        folder = os.path.abspath(readable).replace("'", "''")
        connection.execute(f"SET allowed_directories = ['{folder}/']")
        connection.execute("SET enable_external_access = false")
    connection.execute("SET lock_configuration = true")
    return connection


def execute_read_only(
    connection: duckdb.DuckDBPyConnection, query: str
) -> duckdb.DuckDBPyConnection:
    """Run `query` if every statement in it only reads; raise ReadOnlyError otherwise."""
    for statement in connection.extract_statements(query):
        check_read_only(connection, statement)
    return connection.execute(query)


def check_read_only(connection: duckdb.DuckDBPyConnection, statement: duckdb.Statement) -> None:
    if statement.type in _READ_ONLY:
        return
    if statement.type == duckdb.StatementType.EXPLAIN:
        # EXPLAIN ANALYZE runs its statement: that one must only read too.
        inner = _EXPLAIN.match(statement.query)
        if inner:
            for explained in connection.extract_statements(inner["inner"]):
                check_read_only(connection, explained)
            return
    kind = statement.type.name
    raise ReadOnlyError(f"refused: {kind} statement; queries here may only read (SELECT, EXPLAIN)")
