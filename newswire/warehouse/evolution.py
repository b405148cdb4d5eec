"""Schema evolution: a new column is a safe, recorded change; dropping or retyping one is not.

Older files simply lack an added column, and readers see nulls there. A removed or retyped
column would silently break other teams' queries, so it is refused unless allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
from deltalake import DeltaTable


@dataclass(frozen=True, slots=True)
class SchemaChange:
    """One column that differs between the stored table and the contract."""

    table: str
    column: str
    change: str  # added, removed, retyped
    stored: str | None
    contract: str | None


class SchemaChangeError(RuntimeError):
    """A change that could break readers, refused without allow_schema_change."""


def compare(table_name: str, stored: pa.Schema, contract: pa.Schema) -> list[SchemaChange]:
    """Differences from the stored schema to the contract's."""
    changes = []
    stored_fields = {field.name: field for field in stored}
    for field in contract:
        old = stored_fields.get(field.name)
        if old is None:
            changes.append(SchemaChange(table_name, field.name, "added", None, str(field.type)))
        elif not _same_type(old.type, field.type):
            changes.append(
                SchemaChange(table_name, field.name, "retyped", str(old.type), str(field.type))
            )
    for name, field in stored_fields.items():
        if name not in contract.names:
            changes.append(SchemaChange(table_name, name, "removed", str(field.type), None))
    return changes


def check_evolution(
    table: DeltaTable, table_name: str, contract: pa.Schema, allow_breaking: bool
) -> list[SchemaChange]:
    """The changes a write would make; raises on a breaking one unless allowed."""
    stored = pa.schema(table.schema().to_arrow())
    changes = compare(table_name, stored, contract)
    breaking = [c for c in changes if c.change != "added"]
    if breaking and not allow_breaking:
        first = breaking[0]
        raise SchemaChangeError(
            f"table {table_name}: column {first.column} would be {first.change} "
            f"(stored {first.stored}, contract {first.contract}); readers of the warehouse "
            "depend on it. Set allow_schema_change (NEWSWIRE_ALLOW_SCHEMA_CHANGE=true) to accept"
        )
    return changes


def _same_type(stored: pa.DataType, contract: pa.DataType) -> bool:
    # Delta stores strings and lists in their large variants and timestamps in microseconds.
    def plain(data_type: pa.DataType) -> str:
        text = str(data_type).replace("large_", "").replace("string_view", "string")
        return text.replace("item: ", "").replace("element: ", "")

    return plain(stored) == plain(contract)
