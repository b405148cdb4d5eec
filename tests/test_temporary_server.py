"""`newswire run` with no PREFECT_API_URL: the run boots one temporary Prefect server of its
own while it imports, its worker processes report to that one, and it stops at the end."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from newswire.warehouse import connect
from tests.documents import seed_document
from tests.processes import clean_env, left_running, newswire_run_command, start

pytestmark = pytest.mark.slow


def test_a_run_without_a_server_boots_one_and_leaves_nothing_running(tmp_path: Path) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    for number in range(2):
        (folder / f"{number}.txt").write_text(
            seed_document(
                title=f"Council Approves Budget Number {number} For Roads",
                paragraphs=[f"The council approved budget number {number} on Monday, she said."],
                url=f"https://www.example-news.com/2025/03/18/budget-{number}",
            )
        )
    log = tmp_path / "run.log"
    # Two batches on a pool of two: the pool's message thread in the run's process is where
    # Prefect once booted a second server, not seeing the run's.
    command = newswire_run_command(
        folder, tmp_path / "warehouse", "--executor", "processes", "--batch-size", "1"
    )
    process = start(command, log, clean_env(tmp_path / "prefect-home"), tmp_path)
    try:
        assert process.wait(timeout=240) == 0, log.read_text()
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    output = log.read_text()
    assert "temporary Prefect server for this run at http://127.0.0.1:" in output
    assert "Starting temporary server" not in output, output  # Prefect's own: a second one
    assert "View at" not in output  # no link to a UI that is not served, nor kept
    assert "batch tasks on processes, 2 worker(s)" in output
    assert left_running(process.pid) == []
    articles = connect(str(tmp_path / "warehouse")).execute("select count(*) from articles")
    assert articles.fetchone() == (2,)
