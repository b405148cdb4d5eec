"""The run's own temporary Prefect API server, booting in parallel with the CLI's imports."""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# What Prefect's own temporary server (prefect.server.api.server.SubprocessASGIServer) runs:
# its API alone, no UI, only the services a short-lived server needs, routes built once.
_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
_STOP_WAIT_SECONDS = 5


class TemporaryServerError(RuntimeError):
    """The temporary Prefect server did not start."""


@contextmanager
def temporary_api(announce: Callable[[str], None] = print) -> Iterator[Callable[[], None]]:
    """Within the block, flows report to a temporary Prefect server of this run's own, unless
    PREFECT_API_URL names one (or the temporary server is turned off): yields `ready()`,
    which waits until the server answers. `announce` is told where the server is.

    Prefect would start the same server itself, but only once the flow starts, and from a
    module whose import alone takes seconds of this process's time. Started here, before the
    flow is even imported, the server's boot and the imports run on two cores at once.
    """
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_SERVER_EPHEMERAL_ENABLED,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        get_current_settings,
    )

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        yield lambda: None  # a server of the user's, or none: the flow says so itself
        return
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        **_SERVER_ENV,
        **get_current_settings().to_environment_variables(exclude_unset=True),
    }
    process = subprocess.Popen(_server_command(port), env=env)
    announce(
        f"temporary Prefect server for this run at {api_url} (set PREFECT_API_URL to report "
        "to a server of your own)"
    )
    # Stopped at exit, after Prefect has flushed its logs and events (their exit hooks are
    # registered later, so they run first).
    atexit.register(_stop, process)
    timeout = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()

    def ready() -> None:
        _wait_until_healthy(process, api_url, timeout)

    # Through the environment and Prefect's process-wide settings, not a settings context:
    # Prefect's own threads (the process pool's message forwarder) do not see a context, and
    # would boot a temporary server of their own. Worker processes inherit the environment.
    # No UI URL: the server serves none and is gone when the run ends, yet Prefect would log
    # a "View at" link to it.
    with _environment({"PREFECT_API_URL": api_url, "PREFECT_UI_URL": ""}):
        yield ready


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    from prefect.context import refresh_global_settings_context

    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    refresh_global_settings_context()
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        refresh_global_settings_context()


def _server_command(port: int) -> list[str]:
    import prefect

    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(Path(prefect.__file__).resolve().parent.parent),
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(process: subprocess.Popen, api_url: str, timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=5) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise TemporaryServerError(
                    f"the temporary Prefect server exited with code {process.returncode} "
                    f"before answering at {api_url}"
                )
            try:
                if client.get(f"{api_url}/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass  # not listening yet
            time.sleep(0.1)
    raise TemporaryServerError(
        f"the temporary Prefect server did not answer at {api_url} within {timeout:.0f} s "
        "(setting PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)"
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=_STOP_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
