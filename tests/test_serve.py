"""`newswire serve`: the cron setting, the refusal without a server, and a served run end to end.

The end-to-end test starts its own Prefect server and `newswire serve` as subprocesses with
explicit environments; it does not use the session's test harness.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from prefect.client.orchestration import SyncPrefectClient
from prefect.client.schemas.objects import State
from prefect.client.schemas.responses import DeploymentResponse
from prefect.exceptions import ObjectNotFound
from pydantic import ValidationError

from flows.pipeline import newswire_run
from flows.serve import deployment_parameters
from newswire.settings import Settings
from newswire.warehouse import connect
from tests.processes import (
    clean_env,
    free_port,
    newswire_command,
    start,
    stop,
    wait_until_healthy,
)
from tests.test_pipeline import write_corpus

RUN_TIMEOUT_SECONDS = 120


def test_cron_defaults_to_hourly_and_is_validated() -> None:
    assert Settings().cron == "0 * * * *"
    assert Settings(cron="*/5 * * * 1-5").cron == "*/5 * * * 1-5"
    for wrong in ("hourly", "61 * * * *", "H * * * *", "* * *"):
        with pytest.raises(ValidationError) as raised:
            Settings(cron=wrong)
        (error,) = raised.value.errors()
        assert error["loc"] == ("cron",) and "Invalid cron string" in error["msg"]


def test_deployment_parameters_round_trip_into_the_flow(tmp_path: Path) -> None:
    settings = Settings(input="in", warehouse=str(tmp_path / "wh"), batch_size=3, cron="5 4 * * *")
    parameters = deployment_parameters(settings)
    received = newswire_run.validate_parameters(parameters)["settings"]
    assert isinstance(received, Settings)
    assert received.input == str(Path("in").resolve())
    assert received.model_dump(exclude={"input"}) == settings.model_dump(exclude={"input"})


def test_serve_refuses_without_a_prefect_server(tmp_path: Path) -> None:
    done = subprocess.run(
        newswire_command("serve", "--input", str(tmp_path)),
        env=clean_env(tmp_path / "prefect-home"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "PREFECT_API_URL is not set" in line and "prefect server start" in line


def wait_for_deployment(
    client: SyncPrefectClient, name: str, serve: subprocess.Popen, log: Path
) -> DeploymentResponse:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert serve.poll() is None, f"newswire serve exited:\n{log.read_text()}"
        try:
            return client.read_deployment_by_name(name)
        except ObjectNotFound:
            time.sleep(0.5)
    pytest.fail(f"deployment {name} never registered:\n{log.read_text()}")


def wait_for_final_state(client: SyncPrefectClient, flow_run_id: str, log: Path) -> State:
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        state = client.read_flow_run(flow_run_id).state
        if state is not None and state.is_final():
            return state
        time.sleep(1)
    pytest.fail(
        f"flow run {flow_run_id} still {state.name if state else 'without state'} after "
        f"{RUN_TIMEOUT_SECONDS} s ({state.message if state else ''}):\n{log.read_text()}"
    )


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen]]:
    """Processes the test starts, each in its own session; all stopped afterwards, none left."""
    processes: list[subprocess.Popen] = []
    try:
        yield processes
    finally:
        leftovers = stop(processes)
    assert leftovers == [], f"processes left running: {leftovers}"


@pytest.mark.slow
def test_served_deployment_runs_on_a_real_server(
    tmp_path: Path, started: list[subprocess.Popen]
) -> None:
    expected = write_corpus(tmp_path / "input")
    warehouse = tmp_path / "warehouse"
    port = str(free_port())
    api = f"http://127.0.0.1:{port}/api"
    env = clean_env(
        tmp_path / "prefect-home", PREFECT_API_URL=api, PREFECT_RUNNER_POLL_FREQUENCY="1"
    )
    # Twelve hours away: the schedule is registered but never fires during the test.
    cron = f"0 {(datetime.now(UTC).hour + 12) % 24} * * *"

    server_log = tmp_path / "server.log"
    server = ["server", "start", "--host", "127.0.0.1", "--port", port]
    started.append(start([sys.executable, "-m", "prefect", *server], server_log, env, tmp_path))
    wait_until_healthy(api, started[0], server_log, timeout=60)

    serve_log = tmp_path / "serve.log"
    serve = newswire_command("serve", "--input", "input", "--warehouse", "warehouse")
    serve += ["--cron", cron, "--name", "test"]
    started.append(start(serve, serve_log, env, tmp_path))
    with SyncPrefectClient(api) as client:
        deployment = wait_for_deployment(client, "newswire-run/test", started[1], serve_log)
        assert [schedule.schedule.cron for schedule in deployment.schedules] == [cron]
        triggered = subprocess.run(
            [sys.executable, "-m", "prefect", "deployment", "run", "newswire-run/test"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert triggered.returncode == 0, triggered.stdout + triggered.stderr
        flow_run = re.search(r"UUID: ([0-9a-f-]{36})", triggered.stdout)
        assert flow_run, triggered.stdout
        state = wait_for_final_state(client, flow_run.group(1), serve_log)
    assert state.is_completed(), f"{state.name}: {state.message}\n{serve_log.read_text()}"
    assert "serving deployment newswire-run/test on cron" in serve_log.read_text()

    connection = connect(str(warehouse))
    articles = connection.execute("select count(*) from articles").fetchone()[0]
    assert articles == sum(outcome == "article" for outcome in expected.values())
    runs = connection.execute("select status, documents_read from runs").fetchall()
    assert runs == [("completed", len(expected))]
