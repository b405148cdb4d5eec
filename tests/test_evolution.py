"""Schema evolution: added columns are recorded and read as nulls; drops and retypes refused."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from deltalake import DeltaTable, write_deltalake

from newswire.warehouse.delta import replace_rows
from newswire.warehouse.evolution import SchemaChangeError

OLD = pa.schema(
    [pa.field("article_id", pa.string(), nullable=False), pa.field("text", pa.string())]
)


def _table(tmp_path: Path) -> str:
    uri = str(tmp_path / "t")
    write_deltalake(uri, pa.table({"article_id": ["a"], "text": ["x"]}, schema=OLD))
    return uri


def test_an_added_column_is_recorded_and_older_rows_read_null(tmp_path: Path) -> None:
    uri = _table(tmp_path)
    new = OLD.append(pa.field("label", pa.string()))
    rows = pa.table({"article_id": ["b"], "text": ["y"], "label": ["ORG"]}, schema=new)
    changes = replace_rows(uri, new, rows.to_batches(), "article_id", pa.array(["b"]), ())
    assert [(c.column, c.change) for c in changes] == [("label", "added")]
    content = sorted(DeltaTable(uri).to_pyarrow_table().to_pylist(), key=lambda r: r["article_id"])
    assert content == [
        {"article_id": "a", "text": "x", "label": None},
        {"article_id": "b", "text": "y", "label": "ORG"},
    ]


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (
            pa.schema([pa.field("article_id", pa.string(), nullable=False)]),
            "column text would be removed",
        ),
        (
            pa.schema(
                [pa.field("article_id", pa.string(), nullable=False), pa.field("text", pa.int64())]
            ),
            "column text would be retyped",
        ),
    ],
    ids=["removed", "retyped"],
)
def test_breaking_changes_are_refused_with_a_clear_message(
    tmp_path: Path, schema: pa.Schema, message: str
) -> None:
    uri = _table(tmp_path)
    with pytest.raises(SchemaChangeError, match=message) as raised:
        replace_rows(uri, schema, [], "article_id", pa.array([], pa.string()), ())
    assert "allow_schema_change" in str(raised.value)
    assert DeltaTable(uri).version() == 0  # nothing written


def test_breaking_change_goes_through_when_allowed(tmp_path: Path) -> None:
    uri = _table(tmp_path)
    schema = pa.schema([pa.field("article_id", pa.string(), nullable=False)])
    rows = pa.table({"article_id": ["a"]}, schema=schema)
    changes = replace_rows(
        uri,
        schema,
        rows.to_batches(),
        "article_id",
        pa.array(["a"]),
        (),
        overwrite=True,
        allow_schema_change=True,
    )
    assert [(c.column, c.change) for c in changes] == [("text", "removed")]
    assert DeltaTable(uri).to_pyarrow_table().column_names == ["article_id"]
