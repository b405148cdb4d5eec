"""Executors: a process pool, a 2-worker Dask LocalCluster or an existing cluster give the
same tables as one process; `auto` picks the pool only when there is enough work."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.executors import PARALLEL_MIN_DOCUMENTS, choose_executor
from flows.pipeline import newswire_run
from newswire.cli import app
from newswire.settings import Settings
from tests.tables import committed
from tests.test_pipeline import run, write_corpus

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The corpus run by the default runner: what every executor must reproduce."""
    root = tmp_path_factory.mktemp("dask")
    write_corpus(root / "input")
    run(root / "input", root / "local")
    return root / "input", committed(root / "local")


@pytest.fixture(autouse=True)
def dask_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASK_TEMPORARY_DIRECTORY", str(tmp_path / "dask"))


def test_auto_uses_a_process_pool_only_for_enough_new_documents() -> None:
    auto = Settings(workers=2)
    assert choose_executor(auto, PARALLEL_MIN_DOCUMENTS) == "processes"
    assert choose_executor(auto, PARALLEL_MIN_DOCUMENTS - 1) == "local"
    assert choose_executor(Settings(workers=1), 100_000) == "local"
    assert choose_executor(Settings(executor="dask", workers=1), 0) == "dask"
    assert choose_executor(Settings(executor="local", workers=8), 100_000) == "local"


def test_process_pool_gives_the_same_tables(local_run, tmp_path: Path) -> None:
    input_folder, expected = local_run
    warehouse = tmp_path / "warehouse"
    settings = Settings(
        input=str(input_folder),
        warehouse=str(warehouse),
        batch_size=2,
        executor="processes",
        workers=2,
    )
    row = newswire_run(settings)
    assert row["status"] == "completed" and row["documents_read"] == 9
    assert committed(warehouse) == expected


def test_default_local_cluster_gives_the_same_tables(local_run, tmp_path: Path) -> None:
    input_folder, expected = local_run
    warehouse = tmp_path / "warehouse"
    result = CliRunner().invoke(
        app,
        ["run", "--input", str(input_folder), "--warehouse", str(warehouse), "--batch-size", "3"]
        + ["--executor", "dask"],
    )
    assert result.exit_code == 0, result.output
    assert "9 documents read, 4 articles written" in result.output
    assert "progress: 9/9 documents" in result.stderr  # not a terminal: plain lines
    assert committed(warehouse) == expected


def test_existing_cluster_loads_the_model_once_per_worker(local_run, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    input_folder, expected = local_run
    warehouse = tmp_path / "warehouse"
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        settings = Settings(
            input=str(input_folder),
            warehouse=str(warehouse),
            batch_size=2,  # 7 batches over 2 workers (the last four of one document)
            executor="dask",
            dask_address=cluster.scheduler_address,
        )
        row = newswire_run(settings)
        loads = client.run(_model_loads)

    assert row["documents_read"] == 9 and row["status"] == "completed"
    assert committed(warehouse) == expected
    assert len(loads) == 2 and sum(loads.values()) >= 1
    assert all(count <= 1 for count in loads.values()), loads


def _model_loads() -> int:
    """How many times this worker process loaded a spaCy pipeline."""
    import sys

    nlp = sys.modules.get("newswire.enrich.nlp")
    return 0 if nlp is None else nlp.load_pipeline.cache_info().misses
