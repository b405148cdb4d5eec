"""Warehouse: Delta tables under one root, exposed to DuckDB as views."""

from typing import Any

from newswire.warehouse.storage import TABLES, Warehouse

__all__ = ["TABLES", "Warehouse", "connect", "refresh_catalog"]


def __getattr__(name: str) -> Any:
    # DuckDB (and delta-rs behind the catalog) load only where views are made: batch workers,
    # which only stage files, are 28 MiB smaller without them.
    if name in ("connect", "refresh_catalog"):
        from newswire.warehouse import catalog

        return getattr(catalog, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
