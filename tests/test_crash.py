"""Crash safety: `newswire run` killed with SIGKILL at moments spread over every stage, then run
again; no reader ever sees part of a run, and the final tables equal a clean run's, row for row.

Each kill waits for a sign of its stage (the flow's first progress line, a staged batch, a new
Delta commit, the replaced snapshot), then a random few milliseconds more, and kills the run's
whole process group: no clean-up code of Newswire's runs.
"""

from __future__ import annotations

import glob
import json
import os
import random
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from newswire.warehouse import connect
from tests.processes import PrefectServer, newswire_run_command, start
from tests.tables import committed
from tests.test_pipeline import write_corpus

pytestmark = pytest.mark.slow

SEED = 20261201
RUN_TIMEOUT = 240
BATCHES = 3  # 9 documents, 3 a batch


@dataclass(frozen=True, slots=True)
class KillPoint:
    """A stage of a run, and how the test sees that the run has reached it."""

    stage: str
    reached: Callable[[Path, Path], bool]  # (warehouse, run log) -> reached yet?


def _after_seconds(seconds: float) -> Callable[[Path, Path], bool]:
    started: list[float] = []

    def reached(warehouse: Path, log: Path) -> bool:
        started.append(time.monotonic())
        return started[-1] - started[0] >= seconds

    return reached


def _log_says(text: str) -> Callable[[Path, Path], bool]:
    return lambda warehouse, log: text in log.read_text(errors="replace")


def _staged(count: int) -> Callable[[Path, Path], bool]:
    return lambda warehouse, log: len(_staged_files(warehouse)) >= count


def _staged_files(warehouse: Path) -> list[str]:
    """Batches this run staged (a killed run's are left until the next run deletes them)."""
    return [
        path
        for path in glob.glob(str(warehouse / "_staging" / "*" / "articles" / "*.parquet"))
        if Path(path).parts[-3] not in _STALE_STAGING
    ]


# Staging folders of killed runs, there before the run being watched started.
_STALE_STAGING: set[str] = set()


def _delta_commits(warehouse: Path) -> int:
    return len(glob.glob(str(warehouse / "*" / "_delta_log" / "*.json")))


class _Commits:
    """Reached once `count` Delta commits were added after every batch was staged."""

    def __init__(self, count: int) -> None:
        self.count, self.baseline = count, None

    def __call__(self, warehouse: Path, log: Path) -> bool:
        if self.baseline is None:
            if len(_staged_files(warehouse)) >= BATCHES:
                self.baseline = _delta_commits(warehouse)
            return False
        return _delta_commits(warehouse) >= self.baseline + self.count


class _SnapshotReplaced:
    """Reached when the run's snapshot replaces the one there was when it started."""

    def __init__(self) -> None:
        self.before: str | None = None

    def __call__(self, warehouse: Path, log: Path) -> bool:
        current = _snapshot_run(warehouse)
        if self.before is None:
            self.before = current or ""
            return False
        return current is not None and current != self.before


def _snapshot_run(warehouse: Path) -> str | None:
    try:
        return json.loads((warehouse / "_snapshot.json").read_text())["run_id"]
    except (OSError, ValueError, KeyError):
        return None


def kill_points() -> list[KillPoint]:
    """In the order a run reaches them; the last one lets the run's snapshot land."""
    return [
        KillPoint("start-up (imports, settings)", _after_seconds(1.5)),
        KillPoint("flow started, inputs listed", _log_says("progress: 0/")),
        KillPoint("first batch staged", _staged(1)),
        KillPoint("second batch staged", _staged(2)),
        KillPoint("every batch staged", _staged(BATCHES)),
        KillPoint("commit: first table written", _Commits(1)),
        KillPoint("commit: three tables written", _Commits(3)),
        KillPoint("commit: five tables written", _Commits(5)),
        KillPoint("commit: seven tables written", _Commits(7)),
        KillPoint("snapshot replaced, catalog being refreshed", _SnapshotReplaced()),
    ]


@pytest.fixture(scope="module")
def server(prefect_server: PrefectServer) -> PrefectServer:
    return prefect_server


def run_command(input_folder: Path, warehouse: Path) -> list[str]:
    return newswire_run_command(input_folder, warehouse, "--batch-size", "3", "--executor", "local")


def run_to_end(server: PrefectServer, input_folder: Path, warehouse: Path, log: Path) -> None:
    process = start(run_command(input_folder, warehouse), log, server.env(), log.parent)
    assert process.wait(RUN_TIMEOUT) == 0, log.read_text()


def run_and_kill(
    server: PrefectServer, point: KillPoint, input_folder: Path, warehouse: Path, log: Path
) -> str:
    """Start a run, SIGKILL its process group when it reaches `point`; how it ended."""
    rng = random.Random(f"{SEED}-{point.stage}")
    _STALE_STAGING.clear()
    _STALE_STAGING.update(os.path.basename(p) for p in glob.glob(str(warehouse / "_staging" / "*")))
    process = start(run_command(input_folder, warehouse), log, server.env(), log.parent)
    deadline = time.monotonic() + RUN_TIMEOUT
    while not point.reached(warehouse, log):
        if process.poll() is not None:
            return f"finished first (exit {process.returncode})"
        assert time.monotonic() < deadline, f"{point.stage} never reached:\n{log.read_text()}"
        time.sleep(0.005)
    time.sleep(rng.uniform(0, 0.05))
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(30)
    return "killed"


def visible_counts(warehouse: Path, tables: dict) -> dict[str, int]:
    if not warehouse.exists():  # killed before it made one: readers find no warehouse
        return dict.fromkeys(tables, 0)
    return {name: len(rows) for name, rows in committed(warehouse).items()}


def catalog_articles(warehouse: Path) -> int | None:
    """Articles the plain DuckDB CLI sees through newswire.duckdb (None: no catalog yet)."""
    path = warehouse / "newswire.duckdb"
    if not path.exists():
        return None
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute("select count(*) from articles").fetchone()[0]


def test_killed_runs_never_show_partial_commits_and_recover(
    server: PrefectServer, tmp_path: Path
) -> None:
    input_folder = tmp_path / "input"
    write_corpus(input_folder)
    clean, crashed = tmp_path / "clean", tmp_path / "crashed"
    run_to_end(server, input_folder, clean, tmp_path / "clean.log")
    expected = committed(clean)
    complete = {name: len(rows) for name, rows in expected.items()}
    empty = dict.fromkeys(complete, 0)

    outcomes = []
    for number, point in enumerate(kill_points()):
        how = run_and_kill(server, point, input_folder, crashed, tmp_path / f"kill-{number}.log")
        seen = visible_counts(crashed, complete)
        # A reader sees nothing of the killed run, or all of it once its snapshot landed.
        assert seen in (empty, complete), (point.stage, how, seen)
        if seen == complete:
            assert committed(crashed) == expected, point.stage
        assert catalog_articles(crashed) in (None, 0, complete["articles"]), point.stage
        orphans = len(glob.glob(str(crashed / "*" / "**" / "*.parquet"), recursive=True))
        outcomes.append((point.stage, how, "all" if seen == complete else "nothing", orphans))
    print("\nkill point | how the run ended | what readers saw | parquet files on disk")
    for outcome in outcomes:
        print(" | ".join(map(str, outcome)))
    killed = [outcome for outcome in outcomes if outcome[1] == "killed"]
    assert len(killed) >= 10, outcomes

    run_to_end(server, input_folder, crashed, tmp_path / "final.log")
    assert committed(crashed) == expected
    assert catalog_articles(crashed) == complete["articles"]
    assert not (crashed / "_staging").exists()  # batches of killed runs were cleaned up
    runs = connect(str(crashed)).execute("select status from runs").fetchall()
    assert runs and all(status == "completed" for (status,) in runs), runs
