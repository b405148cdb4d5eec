"""Prefect's temporary API server, booted in the background while a run gets ready."""

from __future__ import annotations

import threading
from collections.abc import Callable


def boot_temporary_api() -> Callable[[], None]:
    """Start the temporary Prefect server that a flow without PREFECT_API_URL would start,
    without waiting for it; the returned function waits, and raises what the start raised.

    The server is a subprocess that takes seconds to import and migrate its database, and the
    CLI meanwhile spends seconds importing the flow: booting it first overlaps the two. The
    flow then finds the same server (one instance per process) running.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return lambda: None  # a server of the user's, or none: the flow says so itself
    failure: list[BaseException] = []

    def start() -> None:
        from prefect.server.api.server import SubprocessASGIServer

        try:
            SubprocessASGIServer().start()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            failure.append(error)

    thread = threading.Thread(target=start, name="prefect-temporary-api", daemon=True)
    thread.start()

    def wait() -> None:
        thread.join()
        if failure:
            raise failure[0]

    return wait
