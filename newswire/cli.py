"""The `newswire` command line: run, serve, sql, publish, compact, vacuum, config."""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console(stderr=True)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str) -> None:
    typer.echo(f"newswire: {message}", err=True)
    raise typer.Exit(code=1)


@app.callback()
def main_options(
    config: Annotated[
        str | None,
        typer.Option(help="settings file (default: newswire.toml in the working folder)"),
    ] = None,
) -> None:
    """Newswire: raw news articles in, a validated and enriched DuckDB-queryable dataset out."""
    from newswire.settings import CONFIG_ENV

    if config is not None:
        # Through the environment, so that flow runs and Dask workers read the same file.
        os.environ[CONFIG_ENV] = config


def _settings(**overrides: object):  # noqa: ANN202 - Settings is imported lazily
    """The effective settings with CLI flags on top; any invalid setting ends the command."""
    from newswire.settings import SettingsError, load_settings

    try:
        return load_settings(overrides)
    except SettingsError as error:
        _fail(str(error))


def _check_locations(settings, input_needed: bool) -> None:  # noqa: ANN001 - lazy import
    """End the command in one line if the warehouse cannot be reached or the input is absent."""
    from newswire import locations

    try:
        locations.check_reachable(settings.warehouse)
        if input_needed and not locations.exists(settings.input):
            _fail(f"input not found: {settings.input}")
    except locations.LocationError as error:
        _fail(str(error))


# Options several commands share; unset, they come from the settings.
InputOption = Annotated[
    str | None, typer.Option(help="folder or s3:// prefix of seed documents (default: settings)")
]
WarehouseOption = Annotated[
    str | None, typer.Option(help="warehouse root folder or s3:// URL (default: settings)")
]


class Executor(StrEnum):
    auto = "auto"
    local = "local"
    processes = "processes"
    dask = "dask"


@app.command()
def run(
    input: InputOption = None,
    warehouse: WarehouseOption = None,
    batch_size: Annotated[int | None, typer.Option(help="documents per task")] = None,
    spacy_model: Annotated[str | None, typer.Option(help="installed spaCy pipeline")] = None,
    full_refresh: Annotated[
        bool, typer.Option("--full-refresh", help="process everything, rewrite every table")
    ] = False,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="re-enrich stored articles, inputs unread")
    ] = False,
    executor: Annotated[
        Executor | None,
        typer.Option(help="batch tasks: here, on a process pool, on Dask (auto: by work)"),
    ] = None,
    dask_address: Annotated[
        str | None, typer.Option(help="scheduler of an existing Dask cluster")
    ] = None,
) -> None:
    """Run the pipeline: seed documents in, Delta tables and DuckDB catalog out."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The temporary server's first start in a new PREFECT_HOME migrates its database: on a
    # busy 2-core machine that took longer than Prefect's 20 s, and the run failed for it.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    settings = _settings(
        input=input,
        warehouse=warehouse,
        batch_size=batch_size,
        spacy_model=spacy_model,
        full_refresh=full_refresh or None,
        executor=executor.value if executor else None,
        dask_address=dask_address,
    )
    _check_locations(settings, input_needed=not reprocess)
    from importlib.util import find_spec

    from newswire.incremental import check_input
    from newswire.runlog import record_unchanged_run
    from newswire.warehouse.lock import WarehouseBusyError

    started = time.monotonic()
    if not reprocess and not settings.full_refresh and find_spec(settings.spacy_model):
        # Nothing new: record the run without starting an orchestrator for no work. (A missing
        # model takes the full path, so that the run fails and records why.)
        check = check_input(settings)
        if check.unchanged:
            try:
                row = record_unchanged_run(settings, check.documents, time.monotonic() - started)
            except WarehouseBusyError as error:
                _fail(f"run failed: {type(error).__name__}: {error}")
            _summary(row, time.monotonic() - started)
            return
    # Prefect and spaCy load only for real work: importing them takes seconds, during which
    # the run's temporary Prefect server boots in its own process.
    from flows.api import temporary_api

    with temporary_api(announce=lambda line: typer.echo(line, err=True)) as api_ready:
        from flows.pipeline import newswire_run
        from flows.reprocess import newswire_reprocess
        from newswire import progress

        flow = newswire_reprocess if reprocess else newswire_run
        with _progress_display() as show:
            unsubscribe = progress.subscribe(show)
            try:
                api_ready()
                row = flow(settings)
            except Exception as error:  # noqa: BLE001 - the CLI turns any failure into one line
                _fail(f"run failed: {type(error).__name__}: {error}")
            finally:
                unsubscribe()
    _summary(row, time.monotonic() - started)


def _summary(row: dict, seconds: float) -> None:
    rejects = sum(
        row[key] for key in ("parse_rejects", "validate_rejects", "enrich_rejects", "other_rejects")
    )
    typer.echo(
        f"run {row['run_id']}: {row['documents_read']} documents read, "
        f"{row['articles_written']} articles written, {row['unchanged']} unchanged, "
        f"{rejects} rejects, {row['entities_written']} entities, {row['dates_written']} dates, "
        f"{row['quotes_written']} quotes, {seconds:.1f} s"
    )


class _progress_display:
    """A rich progress bar on a terminal; plain lines elsewhere."""

    def __enter__(self):  # noqa: ANN204
        self.progress = None
        self.task = None
        if console.is_terminal:
            self.progress = Progress(
                TextColumn("documents"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=console,
            )
            self.progress.start()
        self.started = time.monotonic()
        return self.show

    def show(self, done: int, total: int) -> None:
        rate = done / max(time.monotonic() - self.started, 1e-9)
        if self.progress is None:
            console.print(f"progress: {done}/{total} documents ({rate:.1f}/s)", highlight=False)
            return
        if self.task is None:
            self.task = self.progress.add_task("run", total=total, rate="")
        self.progress.update(self.task, completed=done, total=total, rate=f"{rate:.1f} docs/s")

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.command()
def serve(
    input: InputOption = None,
    warehouse: WarehouseOption = None,
    cron: Annotated[str | None, typer.Option(help="schedule, e.g. '0 * * * *' (UTC)")] = None,
    name: Annotated[str | None, typer.Option(help="Prefect deployment name")] = None,
) -> None:
    """Serve the flow as a Prefect deployment on a cron schedule (needs PREFECT_API_URL)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    settings = _settings(input=input, warehouse=warehouse, cron=cron, deployment_name=name)
    _check_locations(settings, input_needed=True)
    from flows.serve import ServeRefused, check_api, deployment_parameters
    from flows.serve import serve as serve_deployment

    try:
        api = check_api()
    except ServeRefused as error:
        _fail(f"cannot serve: {error}")
    parameters = deployment_parameters(settings)["settings"]
    typer.echo(
        f"serving deployment newswire-run/{settings.deployment_name} on cron "
        f"'{settings.cron}' (UTC) at {api}: {parameters['input']} into "
        f"{parameters['warehouse']}; "
        f"run it now with `prefect deployment run 'newswire-run/{settings.deployment_name}'`"
    )
    serve_deployment(settings)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="a DuckDB SQL query over the warehouse views")],
    warehouse: WarehouseOption = None,
    release: Annotated[
        str | None,
        typer.Option(help="query a published release (its newswire/<version>/ folder) instead"),
    ] = None,
    format: Annotated[OutputFormat, typer.Option(help="output format")] = OutputFormat.table,
) -> None:
    """Query the warehouse, or a release, with read-only DuckDB SQL (tables: articles,
    entities, dates, rejects, runs)."""
    warehouse = _settings(warehouse=warehouse).warehouse
    import duckdb

    from newswire.query import ReadOnlyError, connect_read_only, execute_read_only

    try:
        connection = connect_read_only(warehouse=warehouse, release=release)
        cursor = execute_read_only(connection, query)
        columns = [column[0] for column in cursor.description or []]
        rows = cursor.fetchall() if columns else []
    except (duckdb.Error, OSError, ReadOnlyError) as error:  # OSError: no warehouse, or
        _fail(str(error).splitlines()[0])  # storage unreachable
    if format is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format is OutputFormat.json:
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        typer.echo(json.dumps(records, default=str, ensure_ascii=False, indent=1))
    else:
        _print_table(columns, rows)


def _print_table(columns: list[str], rows: list[tuple]) -> None:
    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for values in rows:
        table.add_row(*("" if value is None else str(value) for value in values))
    Console(width=max(120, Console().width)).print(table)


@app.command()
def publish(
    to: Annotated[str, typer.Option(help="folder that holds releases (newswire/<version>/)")],
    warehouse: WarehouseOption = None,
) -> None:
    """Publish a validated, immutable release: Parquet, manifest, contract, datasheet, GX docs."""
    warehouse = _settings(warehouse=warehouse).warehouse
    from newswire import locations
    from newswire.publish import PublishRefused
    from newswire.publish import publish as publish_release

    try:
        locations.check_reachable(to)
        if not locations.is_dir(warehouse):
            _fail(f"no warehouse at {warehouse}: run `newswire run` first")
    except locations.LocationError as error:
        _fail(str(error))
    try:
        result = publish_release(warehouse, to)
    except PublishRefused as error:
        _fail(f"publish refused, nothing published: {error}")
    if not result.published:
        typer.echo(
            f"nothing to publish: the warehouse is unchanged since release {result.version} "
            f"({result.path})"
        )
        return
    rows = ", ".join(f"{table} {count}" for table, count in result.rows.items())
    typer.echo(f"published release {result.version} to {result.path}: {rows}; {result.validation}")


@app.command()
def compact(
    warehouse: WarehouseOption = None,
) -> None:
    """Rewrite small files into large ones sorted by publication date (delta-rs optimize)."""
    settings = _settings(warehouse=warehouse)
    from newswire.warehouse import Warehouse
    from newswire.warehouse.lock import WarehouseBusyError
    from newswire.warehouse.maintenance import compact as compact_tables

    try:
        report = compact_tables(Warehouse(settings.warehouse), settings.lock_wait_seconds)
    except WarehouseBusyError as error:
        _fail(str(error))
    _maintenance_table("compact", report)


@app.command()
def vacuum(
    warehouse: WarehouseOption = None,
    retention_hours: Annotated[
        int,
        typer.Option(
            help="keep unreferenced files younger than this (below 168 is allowed "
            "but readers of older versions may break)"
        ),
    ] = 168,
) -> None:
    """Delete data files that no table version within the retention period references."""
    settings = _settings(warehouse=warehouse)
    from newswire.warehouse import Warehouse
    from newswire.warehouse.lock import WarehouseBusyError
    from newswire.warehouse.maintenance import vacuum as vacuum_tables

    try:
        report = vacuum_tables(
            Warehouse(settings.warehouse), retention_hours, settings.lock_wait_seconds
        )
    except WarehouseBusyError as error:
        _fail(str(error))
    _maintenance_table("vacuum", report)


def _maintenance_table(title: str, report: list) -> None:
    table = Table(
        "table", "files before", "bytes before", "files after", "bytes after", "what", title=title
    )
    for item in report:
        table.add_row(
            item.table,
            str(item.before.files),
            f"{item.before.bytes:,}",
            str(item.after.files),
            f"{item.after.bytes:,}",
            item.detail,
        )
    Console(width=max(120, Console().width)).print(table)


@app.command()
def config() -> None:
    """Print the effective settings and where each value came from."""
    from newswire.settings import SettingsError, describe_settings

    try:
        values = describe_settings()
    except SettingsError as error:
        _fail(str(error))
    table = Table("setting", "value", "from", title="newswire settings")
    for item in values:
        table.add_row(item.name, json.dumps(item.value), item.source)
    Console(width=max(120, Console().width)).print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
