"""Analysts' month queries read only that month's files, through the warehouse views."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.pipeline import newswire_run
from newswire.settings import Settings
from newswire.warehouse import connect
from tests.documents import SEED_BODY, seed_document

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

MONTHS = {"January 9, 2025": "01", "March 18, 2025": "03", "June 2, 2025": "06"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("queries")
    for number, (date_line, month) in enumerate(MONTHS.items()):
        paragraphs = [f"Minister Dana Okafor said on {date_line} that trains will run.", *SEED_BODY]
        (root / "input").mkdir(exist_ok=True)
        (root / "input" / f"{number}.txt").write_text(
            seed_document(
                date_line=date_line,
                url=f"https://www.example-news.com/2025/{month}/rail-{number}",
                paragraphs=paragraphs,
            )
        )
    newswire_run(Settings(input=str(root / "input"), warehouse=str(root / "warehouse")))
    return root / "warehouse"


def scanned(warehouse: Path, sql: str) -> list[str]:
    plan = connect(str(warehouse)).execute("EXPLAIN ANALYZE " + sql).fetchall()[0][1]
    return re.findall(r"Scanning Files: (\d+/\d+)", plan)


def test_a_month_filter_opens_only_that_months_files(warehouse: Path) -> None:
    sql = (
        "SELECT canonical, sum(mentions) FROM article_entities "
        "WHERE year = 2025 AND month = 3 GROUP BY ALL"
    )
    rows = dict(connect(str(warehouse)).execute(sql).fetchall())
    assert rows["Dana Okafor"] == 1
    assert scanned(warehouse, sql) == ["1/3"]


def test_a_person_in_a_date_range_reads_only_those_months(warehouse: Path) -> None:
    sql = (
        "SELECT a.published_date FROM article_entities e JOIN articles a USING (article_id) "
        "WHERE e.canonical = 'Dana Okafor' AND e.year = 2025 AND e.month BETWEEN 1 AND 3 "
        "AND a.year = 2025 AND a.month BETWEEN 1 AND 3 ORDER BY 1"
    )
    dates = [str(d) for (d,) in connect(str(warehouse)).execute(sql).fetchall()]
    assert dates == ["2025-01-09", "2025-03-18"]
    assert scanned(warehouse, sql) == ["2/3", "2/3"]
