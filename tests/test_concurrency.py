"""Two `newswire run` processes over overlapping inputs into one warehouse at the same time:
the second waits for the first and both finish; or, told not to wait, it fails with one line
naming the first and succeeds when run again. Never an article twice, never one lost."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from newswire.warehouse import Warehouse, connect
from newswire.warehouse.lock import writer_lock
from tests.documents import seed_document
from tests.processes import PrefectServer, newswire_run_command, start
from tests.tables import committed
from tests.test_pipeline import write_corpus

pytestmark = pytest.mark.slow

RUN_TIMEOUT = 240


@pytest.fixture(scope="module")
def server(prefect_server: PrefectServer) -> PrefectServer:
    return prefect_server


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of documents, and a subfolder of it that a second run reads too."""
    whole = tmp_path_factory.mktemp("concurrency") / "input"
    write_corpus(whole)
    for number in range(3):
        (whole / "nested" / f"1{number}0_extra.txt").write_text(
            seed_document(
                title=f"Council Approves Budget Number {number} For Roads",
                paragraphs=[
                    f"The council approved budget number {number} for the roads on Monday, "
                    "the mayor said.",
                    "Work on the first road will start in the summer, officials said.",
                ],
                url=f"https://www.example-news.com/2025/03/18/budget-{number}",
            )
        )
    return whole, whole / "nested"


@pytest.fixture(scope="module")
def clean(server: PrefectServer, inputs: tuple[Path, Path]) -> Path:
    """One run over the whole input, alone: what any interleaving must come to."""
    whole, _ = inputs
    warehouse = whole.parent / "clean"
    assert finished(run(server, whole, warehouse, whole.parent / "clean.log")) == 0
    return warehouse


def run(server: PrefectServer, folder: Path, warehouse: Path, log: Path, **env: str):
    command = newswire_run_command(folder, warehouse, "--batch-size", "3", "--executor", "local")
    return start(command, log, server.env(**env), log.parent)


def finished(process) -> int:
    return process.wait(RUN_TIMEOUT)


def held(warehouse: Path) -> bool:
    """Whether some process holds the warehouse's writer lock right now."""
    try:
        handle = os.open(warehouse / "_writer.lock", os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


def assert_whole(warehouse: Path, whole: Path, clean: Path) -> None:
    """No article twice, every document in one table, the same rows as one run of all."""
    connection = connect(str(warehouse))
    ids = [i for (i,) in connection.execute("select article_id from articles").fetchall()]
    assert len(ids) == len(set(ids))
    stored = [p for (p,) in connection.execute("select source_path from articles").fetchall()]
    rejected = [p for (p,) in connection.execute("select source_path from rejects").fetchall()]
    listed = {str(path) for path in whole.rglob("*") if path.is_file()}
    assert sorted(stored + rejected) == sorted(listed)
    assert committed(warehouse) == committed(clean)


def test_overlapping_runs_at_once_both_finish(
    server: PrefectServer, inputs: tuple[Path, Path], clean: Path, tmp_path: Path
) -> None:
    whole, part = inputs
    warehouse = tmp_path / "warehouse"
    logs = [tmp_path / "whole.log", tmp_path / "part.log"]
    both = [run(server, whole, warehouse, logs[0]), run(server, part, warehouse, logs[1])]
    assert [finished(process) for process in both] == [0, 0], [
        log.read_text()[-2000:] for log in logs
    ]
    waited = [log for log in logs if "waiting for run " in log.read_text()]
    assert len(waited) == 1, [log.read_text()[-2000:] for log in logs]
    assert_whole(warehouse, whole, clean)
    runs = connect(str(warehouse)).execute("select status from runs").fetchall()
    assert runs == [("completed",), ("completed",)]


def test_a_run_told_not_to_wait_fails_in_one_line_then_succeeds(
    server: PrefectServer, inputs: tuple[Path, Path], clean: Path, tmp_path: Path
) -> None:
    whole, part = inputs
    warehouse = tmp_path / "warehouse"
    assert finished(run(server, whole, warehouse, tmp_path / "first.log")) == 0
    refused_log = tmp_path / "refused.log"
    # Another writer (here: this test, as long as a run would) holds the warehouse.
    with writer_lock(Warehouse(str(warehouse)), "run 20261201T000000-holder", 5):
        assert held(warehouse)
        refused = run(server, part, warehouse, refused_log, NEWSWIRE_LOCK_WAIT_SECONDS="0")
        assert finished(refused) == 1
    lines = [line for line in refused_log.read_text().splitlines() if line.startswith("newswire:")]
    assert len(lines) == 1, refused_log.read_text()
    assert "is being written by run 20261201T000000-holder (pid " in lines[0], lines[0]
    assert "lock_wait_seconds" in lines[0]
    assert committed(warehouse) == committed(clean)  # the refused run wrote nothing
    again = run(server, part, warehouse, tmp_path / "again.log")
    assert finished(again) == 0
    assert committed(warehouse) == committed(clean)
    runs = connect(str(warehouse)).execute("select status from runs order by started_at").fetchall()
    assert runs == [("completed",), ("completed",)]  # the refused run recorded nothing
