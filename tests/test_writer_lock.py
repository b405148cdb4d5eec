"""One writer at a time: the warehouse lock waits, gives up naming the holder, and dies with
its process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from newswire.warehouse import Warehouse
from newswire.warehouse.lock import WarehouseBusyError, writer_lock


def test_a_second_writer_gives_up_naming_the_first(tmp_path: Path) -> None:
    warehouse = Warehouse(str(tmp_path / "wh"))
    with (
        writer_lock(warehouse, "run first", 5),
        pytest.raises(WarehouseBusyError) as raised,
        writer_lock(warehouse, "run second", 0.3),
    ):
        pass
    message = str(raised.value)
    assert "run first (pid " in message and "lock_wait_seconds" in message
    assert "\n" not in message


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    warehouse = Warehouse(str(tmp_path / "wh"))
    order: list[str] = []
    first_holds = threading.Event()

    def first() -> None:
        with writer_lock(warehouse, "run first", 5):
            first_holds.set()
            time.sleep(0.5)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    first_holds.wait(5)
    with writer_lock(warehouse, "run second", 10):
        order.append("second holds")
    thread.join()
    assert order == ["first done", "second holds"]


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    root = tmp_path / "wh"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from newswire.warehouse import Warehouse
                from newswire.warehouse.lock import writer_lock
                with writer_lock(Warehouse({str(root)!r}), "run doomed", 5):
                    print("holding", flush=True)
                    time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with (
            pytest.raises(WarehouseBusyError, match="run doomed"),
            writer_lock(Warehouse(str(root)), "run next", 0.2),
        ):
            pass
        holder.kill()  # SIGKILL: no clean-up code runs
        holder.wait(10)
        with writer_lock(Warehouse(str(root)), "run next", 2):
            pass
    finally:
        holder.kill()
        holder.wait(10)
