"""Object storage: s3:// input, warehouse and releases on a local S3-compatible server (moto).

Nothing is mocked: moto runs as its own server process on a loopback port, and pyarrow's
S3FileSystem and delta-rs talk to it over HTTP exactly as they would to AWS.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import boto3
import pyarrow.fs as pafs
import pytest
from typer.testing import CliRunner

from flows.pipeline import newswire_run
from newswire.cli import app
from newswire.publish import publish
from newswire.settings import Settings
from newswire.warehouse import connect
from tests.test_pipeline import run, write_corpus

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

INPUT = "s3://newswire-input/corpus"
WAREHOUSE = "s3://newswire-warehouse/wh"
RELEASES = "s3://newswire-releases/releases"
# Every table's rows, with the columns that differ between two runs of the same input left out.
COMPARED = {
    "articles": "* EXCLUDE (run_id)",
    "entities": "*",
    "article_entities": "*",
    "dates": "*",
    "quotes": "*",
    "article_signatures": "*",
    "duplicate_clusters": "*",
    "rejects": "* EXCLUDE (run_id)",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A moto S3 server process on a free loopback port, and AWS_* pointing at it."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("moto") / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    with pytest.MonkeyPatch.context() as env:
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_S3", "AWS_ALLOW_HTTP"):
            env.delenv(name, raising=False)
        env.setenv("AWS_ENDPOINT_URL", endpoint)
        env.setenv("AWS_ACCESS_KEY_ID", "newswire-test")
        env.setenv("AWS_SECRET_ACCESS_KEY", "newswire-test")
        env.setenv("AWS_REGION", "us-east-1")
        env.setenv("AWS_EC2_METADATA_DISABLED", "true")
        try:
            _wait_for(port, server)
            yield endpoint
        finally:
            server.terminate()
            server.wait(timeout=10)
            log.close()


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"moto server exited with {server.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("moto server did not start within 30 s")


def _bucket_and_key(location: str) -> tuple[str, str]:
    bucket, _, key = location.removeprefix("s3://").partition("/")
    return bucket, key


@pytest.fixture(scope="module")
def runs(s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The same corpus run from a local folder into a local warehouse, and from S3 into S3."""
    root = tmp_path_factory.mktemp("object-storage")
    expected = write_corpus(root / "input")
    s3 = boto3.client("s3")
    for location in (INPUT, WAREHOUSE, RELEASES):
        s3.create_bucket(Bucket=_bucket_and_key(location)[0])
    bucket, prefix = _bucket_and_key(INPUT)
    for path in sorted((root / "input").rglob("*")):
        if path.is_file():
            key = f"{prefix}/{path.relative_to(root / 'input').as_posix()}"
            s3.put_object(Bucket=bucket, Key=key, Body=path.read_bytes())
    local_row = run(root / "input", root / "warehouse")
    s3_row = newswire_run(Settings(input=INPUT, warehouse=WAREHOUSE, batch_size=3))
    return {
        "local_input": str(root / "input"),
        "local_warehouse": str(root / "warehouse"),
        "expected": expected,
        "local_row": local_row,
        "s3_row": s3_row,
    }


def test_s3_run_counts_match_the_local_run(runs: dict) -> None:
    local, remote = runs["local_row"], runs["s3_row"]
    assert remote["status"] == "completed" and remote["input"] == INPUT
    counted = [
        "documents_read",
        "articles_written",
        "unchanged",
        "parse_rejects",
        "validate_rejects",
        "enrich_rejects",
        "entities_written",
        "dates_written",
        "quotes_written",
    ]
    assert {key: remote[key] for key in counted} == {key: local[key] for key in counted}
    assert remote["documents_read"] == len(runs["expected"]) == 9
    assert remote["articles_written"] == 4


def test_s3_warehouse_queries_like_the_local_one(runs: dict) -> None:
    remote, local = connect(WAREHOUSE), connect(runs["local_warehouse"])
    to_s3 = {path: path.replace(runs["local_input"], INPUT) for path in runs["expected"]}
    articles = dict(remote.execute("select source_path, title from articles").fetchall())
    assert set(articles) == {
        to_s3[path] for path, outcome in runs["expected"].items() if outcome == "article"
    }
    assert sorted(articles.values()) == sorted(
        title for (title,) in local.execute("select title from articles").fetchall()
    )
    for table, columns in COMPARED.items():
        query = f"select {columns} from {table}"
        remote_rows = sorted(remote.execute(query).fetchall(), key=repr)
        # Paths (and a duplicate's detail, which names the winner's path) differ by prefix only.
        local_rows = sorted(
            (
                tuple(
                    value.replace(runs["local_input"], INPUT) if isinstance(value, str) else value
                    for value in row
                )
                for row in local.execute(query).fetchall()
            ),
            key=repr,
        )
        assert remote_rows == local_rows, table
        assert remote_rows, f"{table} is empty"


def test_no_staging_left_and_no_catalog_file_on_s3(runs: dict) -> None:
    filesystem = pafs.S3FileSystem(endpoint_override=_endpoint())
    keys = [
        info.path
        for info in filesystem.get_file_info(
            pafs.FileSelector(WAREHOUSE.removeprefix("s3://"), recursive=True)
        )
        if info.type == pafs.FileType.File
    ]
    assert keys and not any("/_staging/" in key for key in keys)
    assert not any(key.endswith("newswire.duckdb") for key in keys)


def _endpoint() -> str:
    return os.environ["AWS_ENDPOINT_URL"]


def test_second_run_finds_everything_unchanged_and_sql_reads_s3(runs: dict) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["run", "--input", INPUT, "--warehouse", WAREHOUSE])
    assert result.exit_code == 0, result.output
    assert "9 documents read, 0 articles written, 9 unchanged" in result.output
    result = runner.invoke(
        app,
        [
            "sql",
            "--warehouse",
            WAREHOUSE,
            "--format",
            "json",
            "select unchanged, articles_written from runs order by started_at",
        ],
    )
    assert result.exit_code == 0, result.output
    assert [row["unchanged"] for row in json.loads(result.output)] == [0, 9]


def test_publish_to_s3_checksums_hold_when_read_back(runs: dict) -> None:
    result = publish(WAREHOUSE, RELEASES)
    assert result.published and result.path.startswith(f"{RELEASES}/newswire/")
    filesystem = pafs.S3FileSystem(endpoint_override=_endpoint())
    folder = result.path.removeprefix("s3://")
    with filesystem.open_input_stream(f"{folder}/manifest.json") as handle:
        manifest = json.loads(handle.read())
    assert manifest["tables"]["articles"]["rows"] == 4
    assert len(manifest["files"]) > 10
    for name, sha256 in manifest["files"].items():
        with filesystem.open_input_stream(f"{folder}/{name}") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == sha256, name
    again = publish(WAREHOUSE, RELEASES)
    assert not again.published and again.path == result.path


def test_missing_bucket_and_unreachable_endpoint_fail_in_one_line(
    runs: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["sql", "--warehouse", "s3://no-such-bucket/wh", "select 1"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"newswire: no bucket 'no-such-bucket' at {_endpoint()} (for s3://no-such-bucket/wh)"
    ]
    result = runner.invoke(app, ["run", "--input", INPUT, "--warehouse", "s3://no-such-bucket/wh"])
    assert result.exit_code == 1 and "no bucket 'no-such-bucket'" in result.output
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    result = runner.invoke(app, ["publish", "--warehouse", WAREHOUSE, "--to", RELEASES])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"newswire: cannot reach {RELEASES}: ")
