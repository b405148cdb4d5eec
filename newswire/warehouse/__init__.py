"""Warehouse: Delta tables under one root, exposed to DuckDB as views."""

from newswire.warehouse.catalog import connect, refresh_catalog
from newswire.warehouse.storage import TABLES, Warehouse

__all__ = ["TABLES", "Warehouse", "connect", "refresh_catalog"]
