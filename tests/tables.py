"""A warehouse's content as comparable rows: what readers see, and what the tables hold."""

from __future__ import annotations

from pathlib import Path

from deltalake import DeltaTable

from newswire.warehouse import connect

# Every table a run writes besides `runs`, compared without the columns that name the run.
DATA_TABLES = (
    "articles",
    "entities",
    "article_entities",
    "dates",
    "quotes",
    "article_signatures",
    "duplicate_clusters",
    "rejects",
)
RUN_COLUMNS = {"run_id"}


def rows(table) -> list[str]:
    """A pyarrow table's rows, without run columns, in a stable order."""
    names = [name for name in table.column_names if name not in RUN_COLUMNS]
    return sorted(map(repr, table.select(names).to_pylist()))


def committed(warehouse: Path) -> dict[str, list]:
    """What a reader sees: the DuckDB views."""
    connection = connect(str(warehouse))
    return {
        name: rows(connection.sql(f"select * from {name}").to_arrow_table()) for name in DATA_TABLES
    }


def latest(warehouse: Path) -> dict[str, list]:
    """What the Delta tables' newest versions hold."""
    return {
        name: rows(DeltaTable(str(warehouse / name)).to_pyarrow_table()) for name in DATA_TABLES
    }
