"""Delta commits: replace-by-key in one commit, and DuckDB views over the result."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from deltalake import DeltaTable

from newswire.warehouse.delta import replace_rows

SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("text", pa.string()),
        pa.field("year", pa.int32()),
        pa.field("month", pa.int32()),
    ]
)


def _rows(*rows: tuple[str, str, int | None, int | None]) -> list[pa.RecordBatch]:
    return pa.Table.from_pylist(
        [dict(zip(SCHEMA.names, row, strict=True)) for row in rows], SCHEMA
    ).to_batches()


def _content(uri: str) -> list[tuple]:
    table = DeltaTable(uri).to_pyarrow_table()
    return sorted(tuple(row.values()) for row in table.to_pylist())


def test_replace_rows_creates_then_replaces_by_key_in_one_commit(tmp_path: Path) -> None:
    uri = str(tmp_path / "entities")
    keys = pa.array(["a", "b"])
    replace_rows(
        uri,
        SCHEMA,
        _rows(("a", "x", 2025, 3), ("a", "y", 2025, 3), ("b", "z", None, None)),
        "article_id",
        keys,
        ("year", "month"),
    )
    assert DeltaTable(uri).version() == 0
    # a changes (one row now), c is new, b is untouched.
    replace_rows(
        uri,
        SCHEMA,
        _rows(("a", "X", 2025, 4), ("c", "w", 2024, 1)),
        "article_id",
        pa.array(["a", "c"]),
        ("year", "month"),
    )
    assert DeltaTable(uri).version() == 1
    assert _content(uri) == sorted(
        [("a", "X", 2025, 4), ("b", "z", None, None), ("c", "w", 2024, 1)]
    )


def test_replacing_a_key_with_no_rows_deletes_it(tmp_path: Path) -> None:
    uri = str(tmp_path / "t")
    replace_rows(
        uri,
        SCHEMA,
        _rows(("a", "x", 2025, 3), ("b", "y", 2025, 3)),
        "article_id",
        pa.array(["a", "b"]),
        ("year", "month"),
    )
    replace_rows(uri, SCHEMA, [], "article_id", pa.array(["a"]), ("year", "month"))
    assert _content(uri) == [("b", "y", 2025, 3)]


def test_nothing_to_replace_makes_no_commit(tmp_path: Path) -> None:
    uri = str(tmp_path / "t")
    replace_rows(
        uri, SCHEMA, _rows(("a", "x", 2025, 3)), "article_id", pa.array(["a"]), ("year", "month")
    )
    replace_rows(uri, SCHEMA, [], "article_id", pa.array([], pa.string()), ("year", "month"))
    assert DeltaTable(uri).version() == 0
