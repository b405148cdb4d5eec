"""Analyst queries over a warehouse: top entities in a month, and one person's articles in a
date range. Each runs cold once and then warm three times; EXPLAIN ANALYZE shows which files
were read. Both filter on the partition columns (year, month), so DuckDB opens only the
files of those months.

    python bench/queries.py --warehouse PATH [--out bench/results/queries.json]

bench/throughput.py runs it over the warehouse it builds (20,000 documents with --synthetic).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "queries.json"

TOP_ENTITIES = """
SELECT canonical, label, sum(mentions) AS mentions, count(*) AS articles
FROM article_entities
WHERE year = $year AND month = $month
GROUP BY canonical, label
ORDER BY mentions DESC, canonical
LIMIT 20
"""

PERSON_IN_RANGE = """
SELECT a.published_date, a.title, e.mentions
FROM article_entities e JOIN articles a USING (article_id)
WHERE e.canonical = $person AND e.label = 'PERSON'
  AND e.year = $year AND e.month BETWEEN $first_month AND $last_month
  AND a.year = $year AND a.month BETWEEN $first_month AND $last_month
  AND a.published_date BETWEEN $first_day AND $last_day
ORDER BY a.published_date, a.title
"""


def _busiest_month_and_person(connection) -> dict:
    """The month with most articles and the person named in most articles: the parameters."""
    year, month = connection.execute(
        "SELECT year, month FROM articles GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1"
    ).fetchone()
    (person,) = connection.execute(
        "SELECT canonical FROM article_entities WHERE label = 'PERSON' "
        "GROUP BY canonical ORDER BY count(*) DESC, canonical LIMIT 1"
    ).fetchone()
    first_month = max(1, month - 1)
    last_month = min(12, month + 1)
    return {
        "year": year,
        "month": month,
        "person": person,
        "first_month": first_month,
        "last_month": last_month,
        "first_day": f"{year}-{first_month:02d}-01",
        "last_day": f"{year}-{last_month:02d}-28",
    }


def _timed(connection, sql: str, parameters: dict, warehouse: str) -> dict:
    started = time.perf_counter()
    rows = connection.execute(sql, parameters).fetchall()
    cold = time.perf_counter() - started
    warm = []
    for _ in range(3):
        started = time.perf_counter()
        connection.execute(sql, parameters).fetchall()
        warm.append(time.perf_counter() - started)
    plan = connection.execute("EXPLAIN ANALYZE " + sql, parameters).fetchall()[0][1]
    plan = plan.replace(warehouse.rstrip("/"), "<warehouse>")  # results name no local path
    scans = re.findall(r"Scanning Files: (\d+)/(\d+)", plan)
    return {
        "rows": len(rows),
        "first_rows": [list(map(str, row)) for row in rows[:5]],
        "cold_seconds": cold,
        "warm_seconds": min(warm),
        "files_scanned": [{"read": int(a), "of": int(b)} for a, b in scans],
        "explain_analyze": plan,
    }


def run_queries(warehouse: str) -> dict:
    """Both queries over `warehouse`, with their parameters, times and plans."""
    from newswire.warehouse import connect

    started = time.perf_counter()
    connection = connect(warehouse)
    connect_seconds = time.perf_counter() - started
    parameters = _busiest_month_and_person(connection)
    top = {k: parameters[k] for k in ("year", "month")}
    person = {k: v for k, v in parameters.items() if k != "month"}
    return {
        "parameters": parameters,
        "connect_seconds": connect_seconds,
        "top_entities_in_month": _timed(connection, TOP_ENTITIES, top, warehouse),
        "person_in_date_range": _timed(connection, PERSON_IN_RANGE, person, warehouse),
    }


def report(results: dict) -> None:
    print(
        f"queries (connect {results['connect_seconds']:.2f} s), parameters {results['parameters']}"
    )
    for name in ("top_entities_in_month", "person_in_date_range"):
        query = results[name]
        files = ", ".join(f"{s['read']}/{s['of']}" for s in query["files_scanned"])
        print(
            f"  {name}: {query['rows']} rows, cold {query['cold_seconds']:.3f} s, "
            f"warm {query['warm_seconds']:.3f} s, files scanned {files}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    results = run_queries(args.warehouse)
    report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
