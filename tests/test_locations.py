"""Locations: local folders and s3:// URLs, joined, resolved and configured alike."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow.fs as pafs
import pytest

from newswire import locations
from newswire.warehouse.storage import ARTICLES, Warehouse

_AWS = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_REGION", "AWS_DEFAULT_REGION")


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (*_AWS, "AWS_ALLOW_HTTP"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_join_keeps_the_scheme_and_local_paths_stay_local() -> None:
    assert locations.join("s3://bucket/wh", "articles") == "s3://bucket/wh/articles"
    assert locations.join("s3://bucket/wh/", "_staging", "run") == "s3://bucket/wh/_staging/run"
    assert locations.join("warehouse", "articles") == os.path.join("warehouse", "articles")
    assert locations.is_remote("s3://bucket") and not locations.is_remote("seeds")
    staged = Warehouse("s3://bucket/wh").staged_batch("run-1", ARTICLES, 7)
    assert staged == "s3://bucket/wh/_staging/run-1/articles/batch-000007.parquet"


def test_resolve_gives_a_filesystem_and_its_path(aws_env: pytest.MonkeyPatch) -> None:
    aws_env.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    aws_env.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    filesystem, path = locations.resolve("s3://bucket/wh/articles/")
    assert isinstance(filesystem, pafs.S3FileSystem) and path == "bucket/wh/articles"
    assert filesystem.region == "eu-west-2"
    filesystem, path = locations.resolve("warehouse")
    assert isinstance(filesystem, pafs.LocalFileSystem) and path == os.path.abspath("warehouse")


def test_delta_storage_options_follow_the_environment(aws_env: pytest.MonkeyPatch) -> None:
    assert locations.delta_storage_options("warehouse") is None
    assert locations.delta_storage_options("s3://bucket/wh") == {}
    aws_env.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9000")
    aws_env.setenv("AWS_REGION", "eu-west-1")
    assert locations.delta_storage_options("s3://bucket/wh") == {
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_ALLOW_HTTP": "true",  # delta-rs refuses plain http otherwise
        "AWS_REGION": "eu-west-1",
    }
    aws_env.setenv("AWS_ALLOW_HTTP", "false")  # an explicit choice is left alone
    assert "AWS_ALLOW_HTTP" not in locations.delta_storage_options("s3://bucket/wh")
    aws_env.setenv("AWS_ENDPOINT_URL", "https://storage.example.com")
    assert "AWS_ALLOW_HTTP" not in locations.delta_storage_options("s3://bucket/wh")


def test_local_listing_reading_and_removal(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_bytes(b"1")
    (folder / "sub" / "two.txt").write_bytes(b"22")
    root = str(folder)
    assert locations.list_files(root) == [os.path.join(root, "one.txt")]
    assert sorted(locations.list_files(root, recursive=True)) == [
        os.path.join(root, "one.txt"),
        os.path.join(root, "sub", "two.txt"),
    ]
    assert locations.list_dirs(root) == [os.path.join(root, "sub")]
    assert locations.file_size(os.path.join(root, "sub", "two.txt")) == 2
    with locations.open_input(os.path.join(root, "one.txt")) as handle:
        assert handle.read() == b"1"
    assert locations.exists(root) and locations.is_dir(root)
    assert not locations.is_dir(os.path.join(root, "one.txt"))
    assert locations.list_files(str(tmp_path / "missing")) == []
    locations.remove_tree(root)
    locations.remove_tree(root)  # nothing there is fine
    assert not locations.exists(root)


def test_unreachable_endpoint_is_one_line(aws_env: pytest.MonkeyPatch) -> None:
    aws_env.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # discard port: nothing listens
    aws_env.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(locations.LocationError) as error:
        locations.check_reachable("s3://bucket/wh")
    message = str(error.value)
    assert message.startswith("cannot reach s3://bucket/wh: ") and "\n" not in message
