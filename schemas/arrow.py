"""Derive the Arrow (and so Delta and Parquet) schema of a table from its pandera model.

The pandera model is the single source of column names and types; storage never
spells them again. List columns are declared as `object` in pandera with the
Arrow type named in the field's metadata, because pandas has no list dtype.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import pandera.pandas as pdv
import pyarrow as pa
from pandera.engines import numpy_engine, pandas_engine

ARROW_TYPE_KEY = "arrow_type"
PARTITION_COLUMNS = ("year", "month")

# Instants are stored in UTC with microsecond precision (Delta's timestamp type).
UtcTimestamp = Annotated[pd.DatetimeTZDtype, "us", "UTC"]
# Calendar days of any year (pandas' datetime64 stops at 1677).
ArrowDate = Annotated[pd.ArrowDtype, pa.date32()]

_NAMED_ARROW_TYPES: dict[str, pa.DataType] = {
    "list<string>": pa.list_(pa.string()),
    "binary": pa.binary(),
}


def _arrow_type(dtype: object, metadata: dict | None) -> pa.DataType:
    if metadata and ARROW_TYPE_KEY in metadata:
        return _NAMED_ARROW_TYPES[metadata[ARROW_TYPE_KEY]]
    if isinstance(dtype, pandas_engine.STRING | numpy_engine.String):
        return pa.string()
    if isinstance(dtype, pandas_engine.DateTime):
        tz = getattr(dtype, "tz", None)
        return pa.timestamp("us", tz="UTC" if tz is not None else None)
    if isinstance(dtype, pandas_engine.Date):
        return pa.date32()
    if isinstance(getattr(dtype, "type", None), pd.ArrowDtype):
        return dtype.type.pyarrow_dtype
    if isinstance(dtype, numpy_engine.Bool | pandas_engine.BOOL):
        return pa.bool_()
    for pandera_types, arrow_type in _INTEGER_TYPES:
        if isinstance(dtype, pandera_types):
            return arrow_type
    if isinstance(dtype, numpy_engine.Float64 | pandas_engine.FLOAT64):
        return pa.float64()
    raise TypeError(f"no Arrow type for pandera dtype {dtype!r}; add it to schemas/arrow.py")


_INTEGER_TYPES: list[tuple[tuple[type, ...], pa.DataType]] = [
    # Narrowest first: pandera's wider integer classes are bases of the narrower ones.
    ((numpy_engine.Int16, pandas_engine.INT16), pa.int16()),
    ((numpy_engine.Int32, pandas_engine.INT32), pa.int32()),
    ((numpy_engine.Int64, pandas_engine.INT64), pa.int64()),
]


def arrow_schema(model: type[pdv.DataFrameModel]) -> pa.Schema:
    """The Arrow schema of a pandera model, columns in declaration order."""
    schema = model.to_schema()
    fields = []
    # Partition columns go last so that `SELECT *` reads like the contract.
    names = sorted(schema.columns, key=lambda name: name in PARTITION_COLUMNS)
    for name in names:
        column = schema.columns[name]
        arrow_type = _arrow_type(column.dtype, column.metadata)
        fields.append(pa.field(name, arrow_type, nullable=column.nullable))
    return pa.schema(fields)


def column_names(model: type[pdv.DataFrameModel]) -> list[str]:
    """Column names of a model in storage order."""
    return arrow_schema(model).names
