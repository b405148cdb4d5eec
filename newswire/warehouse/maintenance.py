"""Warehouse upkeep: compact small files into large sorted ones, and vacuum unused files."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.fs as pafs
from deltalake import DeltaTable

from newswire import locations
from newswire.warehouse.catalog import refresh_catalog
from newswire.warehouse.delta import open_table
from newswire.warehouse.snapshot import Snapshot, commit_snapshot, writing
from newswire.warehouse.storage import TABLES, Warehouse

# Files a reader may still be using: vacuum keeps unreferenced files younger than this.
DEFAULT_RETENTION_HOURS = 168
_SORT_COLUMN = "published_date"


@dataclass(frozen=True, slots=True)
class FileStats:
    """Data files of a table: how many, and their total size."""

    files: int
    bytes: int


@dataclass(frozen=True, slots=True)
class TableMaintenance:
    """One table before and after an operation."""

    table: str
    before: FileStats
    after: FileStats
    detail: str


def active_files(table: DeltaTable) -> FileStats:
    """Files the current version references."""
    actions = pa.table(table.get_add_actions(flatten=True))
    return FileStats(actions.num_rows, sum(actions.column("size_bytes").to_pylist()))


def stored_files(uri: str) -> FileStats:
    """Data files on disk, referenced or not (what vacuum can reclaim)."""
    filesystem, root = locations.resolve(uri)
    found = filesystem.get_file_info(pafs.FileSelector(root, recursive=True, allow_not_found=True))
    data = [
        info
        for info in found
        if info.type == pafs.FileType.File
        and info.path.endswith(".parquet")
        and "_delta_log" not in info.path
    ]
    return FileStats(len(data), sum(info.size for info in data))


def compact(warehouse: Warehouse, lock_wait_seconds: float) -> list[TableMaintenance]:
    """Rewrite each table's small files into large ones, sorted by publication date where
    the table has one (z-order on one column is a sort), in one commit per table."""
    with writing(warehouse, "newswire compact", lock_wait_seconds) as committed:
        return _compact(warehouse, committed)


def _compact(warehouse: Warehouse, committed: Snapshot) -> list[TableMaintenance]:
    report = []
    for spec in TABLES:
        table = open_table(warehouse.table_uri(spec))
        if table is None:
            continue
        before = active_files(table)
        if _SORT_COLUMN in table.schema().to_arrow().names:
            metrics = table.optimize.z_order([_SORT_COLUMN])
        else:
            metrics = table.optimize.compact()
        table = open_table(warehouse.table_uri(spec))
        removed, added = metrics.get("numFilesRemoved", 0), metrics.get("numFilesAdded", 0)
        detail = f"{removed} files rewritten into {added}"
        report.append(TableMaintenance(spec.name, before, active_files(table), detail))
    # Same rows in fewer files: readers move to the compacted versions all at once.
    commit_snapshot(warehouse, committed.run_id)
    refresh_catalog(warehouse)
    return report


def vacuum(
    warehouse: Warehouse,
    retention_hours: int,
    lock_wait_seconds: float,
) -> list[TableMaintenance]:
    """Delete files no version newer than the retention period references."""
    # Uncommitted writes are undone first (by `writing`), so that the committed versions are
    # the current ones and their files are never the unreferenced ones.
    with writing(warehouse, "newswire vacuum", lock_wait_seconds) as committed:
        return _vacuum(warehouse, retention_hours, committed)


def _vacuum(
    warehouse: Warehouse, retention_hours: int, committed: Snapshot
) -> list[TableMaintenance]:
    report = []
    for spec in TABLES:
        uri = warehouse.table_uri(spec)
        table = open_table(uri)
        if table is None:
            continue
        before = stored_files(uri)
        removed = table.vacuum(
            retention_hours=retention_hours,
            dry_run=False,
            enforce_retention_duration=retention_hours >= DEFAULT_RETENTION_HOURS,
        )
        report.append(
            TableMaintenance(spec.name, before, stored_files(uri), f"{len(removed)} files deleted")
        )
    commit_snapshot(warehouse, committed.run_id)  # vacuum logs its own commits in the tables
    refresh_catalog(warehouse)
    return report
