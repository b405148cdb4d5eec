"""One writer at a time per warehouse: an exclusive lock held for the whole of a write.

A run recovers the tables, plans its work from what is stored, stages, commits and replaces
the snapshot; a second writer doing any of that in between would undo or overwrite the
first one's work. Writers (runs, compact, vacuum) therefore hold `_writer.lock`, an advisory
`flock` the kernel releases when its process ends however it ends, so a killed run never
leaves a stale lock behind. A second writer waits for the lock, then plans from what the
first one committed; after `wait_seconds` it gives up with a message naming the holder.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from newswire.warehouse.storage import Warehouse

logger = logging.getLogger(__name__)

_POLL_SECONDS = 0.2


class WarehouseBusyError(RuntimeError):
    """Another writer held the warehouse for longer than this one would wait."""


@contextmanager
def writer_lock(warehouse: Warehouse, writer: str, wait_seconds: float) -> Iterator[None]:
    """Hold the warehouse's writer lock for the body, waiting up to `wait_seconds` for it.

    `writer` says who holds it ("run 20261201T...-abcd"), for the message another writer
    prints while it waits. A warehouse on object storage has no lock (S3 offers no lock that
    is released when its holder dies): there, one writer at a time is up to the scheduler.
    """
    if warehouse.is_remote:
        yield
        return
    os.makedirs(warehouse.root, exist_ok=True)
    handle = os.open(warehouse.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(handle, warehouse, wait_seconds)
        holder = f"{writer} (pid {os.getpid()} on {socket.gethostname()}, since "
        holder += f"{datetime.now(UTC).isoformat(timespec='seconds')})"
        os.ftruncate(handle, 0)
        os.pwrite(handle, holder.encode(), 0)
        yield
    finally:
        os.close(handle)  # closing the last descriptor releases the lock


def _acquire(handle: int, warehouse: Warehouse, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    announced = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(handle)
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"warehouse {warehouse.root} is being written by {holder}; "
                    f"gave up after {wait_seconds:g} s (setting lock_wait_seconds): "
                    "run again when it has finished"
                ) from None
            if not announced:
                logger.warning("waiting for %s to finish writing %s", holder, warehouse.root)
                announced = True
            time.sleep(_POLL_SECONDS)


def _holder(handle: int) -> str:
    text = os.pread(handle, 512, 0).decode("utf-8", errors="replace").strip()
    return text or "another writer"
