"""All or nothing: a run's tables become visible together, or not at all."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from deltalake import DeltaTable

import flows.pipeline
import newswire.runlog
import newswire.warehouse.commit
from newswire.warehouse import Warehouse, connect
from newswire.warehouse.snapshot import read_snapshot
from tests.documents import seed_document
from tests.tables import committed, latest
from tests.test_pipeline import run, write_corpus

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, Path]:
    """A warehouse after one run, and an input changed since: one article edited, one new."""
    input_folder, warehouse = tmp_path / "input", tmp_path / "warehouse"
    write_corpus(input_folder)
    run(input_folder, warehouse)
    rail = input_folder / "010_rail.txt"
    rail.write_text(rail.read_text().replace("Northern", "Southern"))
    (input_folder / "090_new.txt").write_text(
        seed_document(url="https://www.example-news.com/2025/03/19/new", date_line="March 19, 2025")
    )
    return input_folder, warehouse


@pytest.fixture
def no_retry_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flows.pipeline, "commit", flows.pipeline.commit.with_options(retries=0))


def clean_run(input_folder: Path, tmp_path: Path) -> Path:
    warehouse = tmp_path / "clean"
    run(input_folder, warehouse)
    return warehouse


def fail_on_table(monkeypatch: pytest.MonkeyPatch, table: str) -> None:
    """Make the commit's write of `table` fail, after the tables before it were written."""
    real = newswire.warehouse.commit.replace_rows

    def replace_rows(uri: str, *args, **kwargs):
        if uri.rstrip("/").endswith("/" + table):
            raise OSError(f"injected failure writing {table}")
        return real(uri, *args, **kwargs)

    monkeypatch.setattr(newswire.warehouse.commit, "replace_rows", replace_rows)


def test_a_commit_that_fails_midway_leaves_every_table_as_it_was(
    stored, no_retry_delay, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    input_folder, warehouse = stored
    before_seen, before_stored = committed(warehouse), latest(warehouse)
    versions = read_snapshot(Warehouse(str(warehouse))).versions
    fail_on_table(monkeypatch, "article_signatures")  # after entities, dates and quotes

    with pytest.raises(OSError, match="injected failure writing article_signatures"):
        run(input_folder, warehouse)

    assert committed(warehouse) == before_seen
    assert latest(warehouse) == before_stored  # undone in the tables, not only hidden
    after = read_snapshot(Warehouse(str(warehouse))).versions
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in versions.items() if k != "runs"
    }
    status, error = (
        connect(str(warehouse))
        .execute("select status, error from runs order by started_at desc limit 1")
        .fetchone()
    )
    assert status == "failed" and "injected failure writing article_signatures" in error

    monkeypatch.undo()
    run(input_folder, warehouse)
    assert committed(warehouse) == committed(clean_run(input_folder, tmp_path))


def test_writes_of_a_killed_run_are_never_seen_and_the_next_run_undoes_them(
    stored, no_retry_delay, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    input_folder, warehouse = stored
    before_seen, before_stored = committed(warehouse), latest(warehouse)
    # A process killed mid-commit never gets to undo its writes: nor does this one.
    monkeypatch.setattr(newswire.warehouse.commit, "undone_on_error", contextlib.nullcontext)
    monkeypatch.setattr(newswire.runlog, "restore", lambda *args: [])
    fail_on_table(monkeypatch, "articles")  # the last article table: the others are written

    with pytest.raises(OSError):
        run(input_folder, warehouse)

    assert latest(warehouse) != before_stored  # partial writes are in the tables...
    assert committed(warehouse) == before_seen  # ...and no reader sees them
    snapshot = json.loads((warehouse / "_snapshot.json").read_text())
    assert snapshot["tables"]["entities"] < DeltaTable(str(warehouse / "entities")).version()

    monkeypatch.undo()
    run(input_folder, warehouse)
    assert committed(warehouse) == committed(clean_run(input_folder, tmp_path))
    assert latest(warehouse)["entities"] == latest(tmp_path / "clean")["entities"]


def test_tables_created_by_a_killed_first_run_are_removed(
    no_retry_delay, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    input_folder, warehouse = tmp_path / "input", tmp_path / "warehouse"
    write_corpus(input_folder)
    monkeypatch.setattr(newswire.warehouse.commit, "undone_on_error", contextlib.nullcontext)
    monkeypatch.setattr(newswire.runlog, "restore", lambda *args: [])
    fail_on_table(monkeypatch, "articles")
    with pytest.raises(OSError):
        run(input_folder, warehouse)
    assert (warehouse / "entities" / "_delta_log").is_dir()
    assert connect(str(warehouse)).execute("select count(*) from entities").fetchone() == (0,)

    monkeypatch.undo()
    run(input_folder, warehouse)
    assert committed(warehouse) == committed(clean_run(input_folder, tmp_path))
