"""The warehouse's committed state: one Delta version per table, replaced atomically per run.

Delta Lake commits one table at a time, and a run writes up to nine tables. So that no reader
ever sees some of a run's tables and not the others, every reader opens each table at the
version named in the warehouse's snapshot file, and a run's last step replaces that file in one
atomic rename. A run that fails restores every table it wrote to the snapshot's version; a run
that was killed before it could is undone by the next writer (`recover`), before it writes.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from deltalake import DeltaTable

from newswire import locations
from newswire.locations import delta_storage_options
from newswire.warehouse.delta import open_table
from newswire.warehouse.lock import writer_lock
from newswire.warehouse.storage import TABLES, TableSpec, Warehouse

_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Committed Delta version per table name; a table not named holds no committed data."""

    versions: dict[str, int] = field(default_factory=dict)
    run_id: str | None = None


def read_snapshot(warehouse: Warehouse) -> Snapshot | None:
    """The committed snapshot, or None for a warehouse written before snapshots existed."""
    data = locations.read_bytes(warehouse.snapshot_path)
    if data is None:
        return None
    stored = json.loads(data)
    return Snapshot({name: int(v) for name, v in stored["tables"].items()}, stored.get("run_id"))


def open_committed(warehouse: Warehouse, table: TableSpec) -> DeltaTable | None:
    """`table` at its committed version (None when it has none): what every reader sees."""
    return table_at(warehouse, table, read_snapshot(warehouse))


def table_at(
    warehouse: Warehouse, table: TableSpec, snapshot: Snapshot | None
) -> DeltaTable | None:
    """`table` at its version in `snapshot` (a reader of several tables reads the snapshot
    once, so that all of them come from the same run)."""
    if snapshot is None:  # written before snapshots: every version was committed whole
        return open_table(warehouse.table_uri(table))
    if table.name not in snapshot.versions:
        return None
    uri = warehouse.table_uri(table)
    return DeltaTable(
        uri, version=snapshot.versions[table.name], storage_options=delta_storage_options(uri)
    )


def committed_versions(warehouse: Warehouse) -> dict[str, int]:
    """The committed version of every table that has one."""
    snapshot = read_snapshot(warehouse)
    if snapshot is not None:
        return dict(snapshot.versions)
    return _current_versions(warehouse)


@contextmanager
def writing(warehouse: Warehouse, writer: str, wait_seconds: float) -> Iterator[Snapshot]:
    """How every writer (a run, compact, vacuum) enters the warehouse: it holds the writer
    lock (see warehouse.lock) for the body, and finds the tables recovered to the committed
    snapshot, which it is given."""
    with writer_lock(warehouse, writer, wait_seconds):
        yield recover(warehouse)


def recover(warehouse: Warehouse) -> Snapshot:
    """Bring every table back to the committed snapshot before writing; returns it.

    A new warehouse gets an empty snapshot first, so that tables a killed first run created are
    recognisably uncommitted; a warehouse from before snapshots adopts its current versions.
    Batches a killed run staged are deleted: called from `writing`, under the writer lock, so
    no other run is staging (on object storage, which has no lock, they stay).
    """
    if not warehouse.is_remote:
        locations.remove_tree(warehouse.staging_root)
    snapshot = read_snapshot(warehouse)
    if snapshot is None:
        return commit_snapshot(warehouse, run_id=None)
    if restore(warehouse, snapshot):
        # Restoring adds versions with the committed content; name those, so that the next
        # writer does not restore again.
        return commit_snapshot(warehouse, snapshot.run_id)
    return snapshot


def restore(warehouse: Warehouse, snapshot: Snapshot) -> list[str]:
    """Undo every table write after `snapshot`; returns the names of the tables it touched."""
    touched = []
    for spec in TABLES:
        table = _latest(warehouse, spec)
        if table is None:
            continue
        committed = snapshot.versions.get(spec.name)
        if committed is None:
            # Created by a run that never committed: nothing of it was ever visible.
            locations.remove_tree(warehouse.table_uri(spec))
            touched.append(spec.name)
        elif table.version() != committed:
            table.restore(committed)
            touched.append(spec.name)
    return touched


@contextmanager
def undone_on_error(warehouse: Warehouse) -> Iterator[None]:
    """Restore every table to the committed snapshot if the body raises."""
    snapshot = read_snapshot(warehouse) or Snapshot()
    try:
        yield
    except BaseException:
        restore(warehouse, snapshot)
        raise


def commit_snapshot(
    warehouse: Warehouse, run_id: str | None, only: Collection[str] | None = None
) -> Snapshot:
    """Make the tables' current versions the committed ones (with `only`, just those tables'
    versions; the others stay as committed): one atomic file replace."""
    versions = _current_versions(warehouse)
    if only is not None:
        previous = read_snapshot(warehouse) or Snapshot()
        versions = {
            name: versions[name] if name in only else previous.versions[name]
            for name in sorted(set(previous.versions) | (set(only) & set(versions)))
        }
    content = {
        "format": _FORMAT,
        "run_id": run_id,
        "committed_at": datetime.now(UTC).isoformat(),
        "tables": versions,
    }
    data = json.dumps(content, indent=1, sort_keys=True).encode()
    locations.replace_file(warehouse.snapshot_path, data)
    return Snapshot(versions, run_id)


def _current_versions(warehouse: Warehouse) -> dict[str, int]:
    return {spec.name: t.version() for spec in TABLES if (t := _latest(warehouse, spec))}


def _latest(warehouse: Warehouse, spec: TableSpec) -> DeltaTable | None:
    return open_table(warehouse.table_uri(spec))
