"""The release's data contract (Open Data Contract Standard, YAML) and datasheet, both
generated from the pandera models and the data: nothing here is written by hand per release."""

from __future__ import annotations

from typing import Any

import pandera.pandas as pdv
import pyarrow as pa
import yaml

from newswire.publish.export import RELEASE_TABLES
from newswire.warehouse.catalog import ARTICLE_CLUSTER_COLUMNS, duckdb_type
from newswire.warehouse.storage import TABLES
from schemas import CONTRACT_VERSION, PARTITION_COLUMNS, DuplicateCluster, arrow_schema

# The released tables' models, from the storage module's table list.
MODELS: dict[str, type[pdv.DataFrameModel]] = {
    spec.name: spec.model for spec in TABLES if spec.name in RELEASE_TABLES
}
# Columns the release adds to a model: the articles view carries its duplicate cluster.
EXTRA_COLUMNS = {
    "articles": {
        column: duckdb_type(arrow_schema(DuplicateCluster).field(column).type)
        for column in ARTICLE_CLUSTER_COLUMNS
    }
}


def data_contract(version: str) -> str:
    """An ODCS v3 data contract for the release, one schema object per table."""
    schema = []
    for name, model in MODELS.items():
        columns = model.to_schema().columns
        properties = []
        for field in arrow_schema(model):
            column = columns[field.name]
            prop: dict[str, Any] = {
                "name": field.name,
                "physicalType": duckdb_type(field.type),
                "logicalType": _logical(field.type),
                "required": not column.nullable,
            }
            checks = [str(check) for check in column.checks]
            if checks:
                prop["quality"] = [
                    {"type": "custom", "engine": "pandera", "description": c} for c in checks
                ]
            if field.name in PARTITION_COLUMNS:
                prop["partitioned"] = True
            properties.append(prop)
        for extra, sql_type in EXTRA_COLUMNS.get(name, {}).items():
            properties.append(
                {
                    "name": extra,
                    "physicalType": sql_type,
                    "logicalType": "string",
                    "required": False,
                }
            )
        schema.append(
            {
                "name": name,
                "physicalType": "table",
                "description": (model.__doc__ or "").strip().splitlines()[0],
                "properties": properties,
            }
        )
    contract = {
        "apiVersion": "v3.0.0",
        "kind": "DataContract",
        "id": "newswire",
        "name": "Newswire",
        "version": CONTRACT_VERSION,
        "status": "active",
        "description": {
            "purpose": "News articles with entities, temporal expressions and quotes.",
            "usage": f"Release {version}: Hive-partitioned Parquet, one folder per table.",
        },
        "schema": schema,
    }
    return yaml.safe_dump(contract, sort_keys=False, allow_unicode=True)


def _logical(data_type: pa.DataType) -> str:
    if pa.types.is_integer(data_type):
        return "integer"
    if pa.types.is_floating(data_type):
        return "number"
    if pa.types.is_date(data_type) or pa.types.is_timestamp(data_type):
        return "date"
    if pa.types.is_boolean(data_type):
        return "boolean"
    if pa.types.is_list(data_type):
        return "array"
    return "string"


def datasheet(version: str, facts: dict[str, Any], table_rows: dict[str, int]) -> str:
    """README.md of the release: what it holds, from the data itself."""
    rows = "\n".join(f"| `{name}` | {count:,} |" for name, count in table_rows.items())
    publishers = ", ".join(f"{p} ({n})" for p, n in facts["publishers"]) or "none known"
    languages = ", ".join(f"{lang} ({n})" for lang, n in facts["languages"])
    return f"""# Newswire release {version}

Contract version {CONTRACT_VERSION} (see `datacontract.yaml`); files and checksums in
`manifest.json`; validation in `validation/` (Great Expectations, Data Docs in
`validation/data_docs/index.html`).

## Contents

| table | rows |
|---|---|
{rows}

- Articles: {facts["articles"]:,}, of which {facts["duplicates"]:,} are copies of another
  (`duplicate_of` set; `where duplicate_of is null` keeps one per story).
- Publication dates: {facts["first_date"]} to {facts["last_date"]}; {facts["undated"]:,} undated
  (partition `year=__HIVE_DEFAULT_PARTITION__`).
- Publishers: {publishers}.
- Languages: {languages}.
- Rejected inputs: {facts["rejects"]:,} (`rejects` says why).

## Reading it

```sql
-- DuckDB
select canonical, sum(mentions) as mentions
from read_parquet('article_entities/**/*.parquet', hive_partitioning = true)
where label = 'PERSON' group by canonical order by mentions desc limit 10;
```

```python
import pyarrow.dataset as ds
articles = ds.dataset("articles", format="parquet", partitioning="hive").to_table()
```

## Known limits

- Entities come from a small English spaCy model with Newswire's rules on top (about 0.75
  micro F1 on CoNLL-2003 validation); non-English articles have no entities, dates or quotes.
- Temporal values follow TimeML TIMEX3; relative expressions in undated articles have no value.
- Quote speakers are rule-based; `speaker_canonical` is null when the article never names
  the speaker.
- Offsets are Python string offsets (code points) into the stored `title`, `dateline` or `body`.
"""
