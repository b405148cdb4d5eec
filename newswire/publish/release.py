"""Assembling a release: export, validate, describe, then move into place (or nothing)."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb

from newswire import __version__, locations
from newswire.checksums import file_sha256
from newswire.publish.contract import MODELS, data_contract, datasheet
from newswire.publish.expectations import validate_release
from newswire.publish.export import RELEASE_TABLES, export_table, release_connection, sql_schema
from newswire.warehouse import Warehouse, connect
from newswire.warehouse.snapshot import committed_versions
from schemas import CONTRACT_VERSION, PARTITION_COLUMNS


@dataclass(frozen=True, slots=True)
class PublishResult:
    """Where the release is, and whether this call wrote it."""

    version: str
    path: str
    published: bool
    rows: dict[str, int]
    validation: str


class PublishRefused(RuntimeError):
    """The warehouse failed validation: nothing was published."""


def publish(warehouse_root: str, to: str, today: date | None = None) -> PublishResult:
    """Write `to/newswire/<version>/` from the warehouse's current table versions."""
    today = today or datetime.now(UTC).date()
    warehouse = Warehouse(warehouse_root)
    source = committed_versions(warehouse)
    fingerprint = hashlib.sha256(
        json.dumps({"tables": source, "contract": CONTRACT_VERSION}, sort_keys=True).encode()
    ).hexdigest()
    releases = locations.join(to, "newswire")
    existing = _release_with(releases, fingerprint)
    if existing is not None:
        return PublishResult(os.path.basename(existing), existing, False, {}, "unchanged")
    version = f"{today:%Y%m%d}-{fingerprint[:8]}"
    final = locations.join(releases, version)
    if locations.is_remote(final):
        # Built locally as below, then uploaded with manifest.json last: a release folder
        # on object storage without a manifest is incomplete, and a failed upload is removed.
        with tempfile.TemporaryDirectory(prefix="newswire-release-") as folder:
            manifest = _build(warehouse, folder, version, today, source, fingerprint)
            locations.upload_folder(folder, final, last="manifest.json")
    else:
        partial = os.path.join(releases, f".{version}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        os.makedirs(partial)
        try:
            manifest = _build(warehouse, partial, version, today, source, fingerprint)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        os.replace(partial, final)
    return PublishResult(
        version,
        final,
        True,
        {t: m["rows"] for t, m in manifest["tables"].items()},
        manifest["validation"]["summary"],
    )


def _build(
    warehouse: Warehouse,
    folder: str,
    version: str,
    today: date,
    source: dict[str, int],
    fingerprint: str,
) -> dict:
    connection = connect(warehouse)
    tables = {}
    for name in RELEASE_TABLES:
        rows, files = export_table(connection, name, folder)
        tables[name] = {
            "rows": rows.num_rows,
            "arrow_schema": [
                {"name": f.name, "type": str(f.type), "nullable": f.nullable} for f in rows.schema
            ],
            "sql_schema": sql_schema(rows),
            "partitioned_by": [c for c in PARTITION_COLUMNS if c in rows.column_names],
            "files": [
                {"path": f.path, "sha256": f.sha256, "bytes": f.bytes, "rows": f.rows}
                for f in files
            ],
        }
    release = release_connection(folder)
    outcome = validate_release(release, MODELS, os.path.join(folder, "validation"), today)
    if not outcome.success:
        raise PublishRefused(
            f"validation failed ({len(outcome.failed)} of {outcome.evaluated}): "
            + "; ".join(outcome.failed[:3])
        )
    with open(os.path.join(folder, "datacontract.yaml"), "w", encoding="utf-8") as handle:
        handle.write(data_contract(version))
    with open(os.path.join(folder, "README.md"), "w", encoding="utf-8") as handle:
        handle.write(datasheet(version, _facts(release), {t: m["rows"] for t, m in tables.items()}))
    last_run = connection.execute(
        "SELECT versions FROM runs WHERE status = 'completed' ORDER BY finished_at DESC LIMIT 1"
    ).fetchone()
    run_ids = [
        r[0]
        for r in connection.execute("SELECT DISTINCT run_id FROM articles ORDER BY 1").fetchall()
    ]
    manifest = {
        "release": version,
        "created_at": datetime.now(UTC).isoformat(),
        "contract_version": CONTRACT_VERSION,
        "pipeline_version": __version__,
        "pipeline": json.loads(last_run[0]) if last_run else {},
        "source": {
            "fingerprint": fingerprint,
            "delta_versions": source,
            "article_run_ids": run_ids,
        },
        "tables": tables,
        "validation": {
            "success": True,
            "expectations": outcome.evaluated,
            "summary": f"{outcome.evaluated} expectations met",
            "results": os.path.relpath(outcome.results_path, folder),
            "data_docs": os.path.relpath(outcome.docs_index, folder),
        },
        "files": _checksums(folder, tables),
    }
    with open(os.path.join(folder, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1, ensure_ascii=False)
    return manifest


def _facts(connection: duckdb.DuckDBPyConnection) -> dict:
    first, last, undated, articles, duplicates = connection.execute(
        "SELECT min(published_date), max(published_date), "
        "count(*) FILTER (published_date IS NULL), count(*), count(duplicate_of) FROM articles"
    ).fetchone()
    return {
        "first_date": first,
        "last_date": last,
        "undated": undated,
        "articles": articles,
        "duplicates": duplicates,
        "rejects": connection.execute("SELECT count(*) FROM rejects").fetchone()[0],
        "publishers": connection.execute(
            "SELECT publisher, count(*) FROM articles WHERE publisher IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
        ).fetchall(),
        "languages": connection.execute(
            "SELECT language, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall(),
    }


def _checksums(folder: str, tables: dict[str, dict]) -> dict[str, str]:
    """sha256 of every file in the release but the manifest itself; the data files' sums
    come from their export, the rest (validation, contract, README) are hashed here."""
    exported = {f["path"]: f["sha256"] for table in tables.values() for f in table["files"]}
    found = {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "*"), recursive=True)):
        name = os.path.relpath(path, folder)
        if os.path.isfile(path) and name != "manifest.json":
            found[name] = exported.get(name) or file_sha256(path)
    return found


def _release_with(releases: str, fingerprint: str) -> str | None:
    """The finished release (one with a manifest) made from `fingerprint`, if any."""
    for folder in locations.list_dirs(releases):
        manifest = locations.join(folder, "manifest.json")
        if os.path.basename(folder).startswith(".") or not locations.is_file(manifest):
            continue  # a release being built, or an upload cut short
        with locations.open_input(manifest) as handle:
            if json.load(handle)["source"]["fingerprint"] == fingerprint:
                return folder
    return None
