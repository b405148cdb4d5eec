"""Test set-up: Prefect offline with a throwaway home, one harness for every flow test."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Before Prefect is imported anywhere: no telemetry, and nothing written to the real home.
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="newswire-prefect-home-")
atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API (its own SQLite database) for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory):
    """A real Prefect server for the `newswire` subprocesses of every test that starts some:
    each would otherwise boot a temporary server of its own. Stopped, with nothing left."""
    from tests.processes import PrefectServer

    server = PrefectServer(tmp_path_factory.mktemp("prefect-server"))
    yield server
    assert server.stop() == []
