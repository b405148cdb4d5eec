"""Processes the tests start as a person would: `newswire` commands and a Prefect server, each
in its own session so that everything it starts can be found and stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest


def clean_env(prefect_home: Path, **extra: str) -> dict[str, str]:
    """This environment without Prefect or Newswire settings, plus the ones given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PREFECT_", "NEWSWIRE_"))
    }
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


def newswire_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newswire.cli", *args]


def newswire_run_command(input_folder: Path, warehouse: Path, *options: str) -> list[str]:
    """`newswire run` over `input_folder` into `warehouse`, with more options."""
    return newswire_command(
        "run", "--input", str(input_folder), "--warehouse", str(warehouse), *options
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(api: str, server: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, f"prefect server exited:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"prefect server not healthy after {timeout} s:\n{log.read_text()}")


def start(command: list[str], log: Path, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    """Start a command in its own session (so all it starts can be found), output to `log`."""
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(processes: list[subprocess.Popen]) -> list[str]:
    """Terminate, then kill, each process; returns what was still running in their sessions."""
    for process in reversed(processes):  # serve before the server it talks to
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    leftovers = _left_in({process.pid for process in processes})
    for leftover in leftovers:
        leftover.kill()
    return [_described(leftover) for leftover in leftovers]


def left_running(session: int) -> list[str]:
    """What still runs in the session of a process started with `start` that has exited."""
    return [_described(process) for process in _left_in({session})]


def _left_in(sessions: set[int]) -> list[psutil.Process]:
    time.sleep(0.5)  # let orphaned grandchildren finish exiting
    return _running_in(sessions)


def _described(process: psutil.Process) -> str:
    return f"{process.pid} {' '.join(process.info['cmdline'] or [])}"


def _running_in(sessions: set[int]) -> list[psutil.Process]:
    running = []
    for process in psutil.process_iter(["cmdline", "status"]):
        try:
            if (
                os.getsid(process.pid) in sessions
                and process.info["status"] != psutil.STATUS_ZOMBIE
            ):
                running.append(process)
        except OSError:  # gone meanwhile
            continue
    return running


class PrefectServer:
    """A real `prefect server start` on a free loopback port, for subprocess runs to share
    (each run would otherwise boot a temporary server of its own, seconds each)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.api = f"http://127.0.0.1:{free_port()}/api"
        self.log = folder / "prefect-server.log"
        self.home = folder / "prefect-home"
        port = self.api.rsplit(":", 1)[1].split("/")[0]
        command = [sys.executable, "-m", "prefect", "server", "start"]
        self.process = start(
            [*command, "--host", "127.0.0.1", "--port", port], self.log, self.env(), folder
        )
        wait_until_healthy(self.api, self.process, self.log, timeout=120)

    def env(self, **extra: str) -> dict[str, str]:
        """An environment for a `newswire` subprocess that reports to this server."""
        return clean_env(self.home, PREFECT_API_URL=self.api, **extra)

    def stop(self) -> list[str]:
        return stop([self.process])
