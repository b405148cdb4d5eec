"""Serve the pipeline flow as a Prefect deployment that runs on a cron schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newswire.locations import is_remote
from newswire.settings import Settings

# Prefect's temporary server (used when PREFECT_API_URL is unset) has no scheduler: a served
# deployment would register, warn and never fire.
NO_SERVER = (
    "PREFECT_API_URL is not set, and Prefect's temporary server cannot schedule runs: "
    "start one with `prefect server start --host 127.0.0.1 --port 4200`, then "
    "`export PREFECT_API_URL=http://127.0.0.1:4200/api`"
)


class ServeRefused(Exception):
    """`newswire serve` cannot start; the message is one line saying what to do."""


def deployment_parameters(settings: Settings) -> dict[str, Any]:
    """The flow's `settings` parameter as JSON, paths absolute so runs do not depend on a cwd."""
    values = settings.model_dump(mode="json")
    values["input"] = _absolute(settings.input)
    values["warehouse"] = _absolute(settings.warehouse)
    values["gazetteer_extra"] = [_absolute(path) for path in settings.gazetteer_extra]
    return {"settings": values}


def _absolute(location: str) -> str:
    return location if is_remote(location) else str(Path(location).resolve())


def check_api() -> str:
    """The API URL of the real Prefect server that will schedule runs; refuses when none."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        raise ServeRefused(NO_SERVER)
    with get_client(sync_client=True) as client:
        problem = client.api_healthcheck()
    if problem is not None:
        detail = str(problem).splitlines()[0] if str(problem) else type(problem).__name__
        raise ServeRefused(f"no Prefect API answers at PREFECT_API_URL={url}: {detail}")
    return url


def serve(settings: Settings) -> None:
    """Register the `newswire-run` deployment with its cron schedule and run what it schedules.

    Blocks until interrupted; then Prefect pauses the schedule. One run at a time, because two
    runs must not commit to the same warehouse at once.
    """
    from prefect.deployments.runner import EntrypointType

    from flows.pipeline import newswire_run

    newswire_run.serve(
        name=settings.deployment_name,
        cron=settings.cron,
        parameters=deployment_parameters(settings),
        limit=1,
        print_starting_message=False,
        # `flows.pipeline.newswire_run`, importable wherever newswire is installed.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
