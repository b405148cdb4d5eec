"""Schema failures become rejects, all at once, without touching valid rows."""

from __future__ import annotations

import hashlib

from newswire.parse import parse_article
from newswire.records import SourceDocument, Stage
from newswire.validate import validate_rows
from schemas import Article, Entity
from tests.documents import seed_document


def _row(path: str, **changes: object) -> dict:
    data = seed_document(url=f"https://www.example-news.com/{path}").encode()
    row = parse_article(SourceDocument(path, data, hashlib.sha256(data).hexdigest()), "run-1")
    row.update(changes)
    return row


def test_valid_rows_pass_in_storage_schema() -> None:
    rows = [_row("a"), _row("b")]
    table, kept, rejections = validate_rows(
        Article, rows, [("a", None), ("b", None)], Stage.VALIDATE
    )
    assert kept == [0, 1] and rejections == []
    assert table.num_rows == 2
    assert table.schema.field("year").type == "int32"


def test_every_failure_of_a_row_is_reported_and_only_that_row_rejected() -> None:
    rows = [_row("a"), _row("b", article_id="NOT-HEX", word_count=0, language="English"), _row("c")]
    owners = [("a", "1" * 64), ("b", "2" * 64), ("c", "3" * 64)]
    table, kept, rejections = validate_rows(Article, rows, owners, Stage.VALIDATE)
    assert kept == [0, 2]
    assert table.column("source_path").to_pylist() == ["a", "c"]
    assert len(rejections) == 1
    reject = rejections[0]
    assert (reject.source_path, reject.input_sha256, reject.stage) == (
        "b",
        "2" * 64,
        Stage.VALIDATE,
    )
    assert reject.reason == "schema_article"
    for column in ("article_id", "word_count", "language"):
        assert column in reject.detail


def test_partition_must_match_publication_date() -> None:
    rows = [_row("a", month=7)]
    _, kept, rejections = validate_rows(Article, rows, [("a", None)], Stage.VALIDATE)
    assert kept == [] and "year/month" in rejections[0].detail


def test_span_rows_must_fit_their_text() -> None:
    span = {
        Entity.article_id: "0123456789abcdef",
        Entity.field: "body",
        Entity.start_char: 5,
        Entity.end_char: 9,
        Entity.text: "Musk",
        Entity.label: "PERSON",
        Entity.canonical: "Musk",
        Entity.source: "model",
        Entity.year: 2025,
        Entity.month: 3,
    }
    bad = dict(span, end_char=12)
    table, kept, rejections = validate_rows(
        Entity, [span, bad], [("a", None), ("b", None)], Stage.ENRICH
    )
    assert kept == [0]
    assert rejections[0].source_path == "b" and "text length" in rejections[0].detail


def test_dates_before_pandas_timestamps_begin_are_valid() -> None:
    """ "In 1500" is a real date; pandas' datetime64 starts in 1677, Arrow dates do not."""
    import datetime as dt

    from schemas import TemporalExpression

    row = {
        "article_id": "0123456789abcdef",
        "field": "body",
        "start_char": 3,
        "end_char": 7,
        "text": "1500",
        "type": "DATE",
        "value": "1500",
        "start_date": dt.date(1500, 1, 1),
        "end_date": dt.date(1500, 12, 31),
        "year": 2025,
        "month": 3,
    }
    duration = dict(row, type="DURATION", value="P1Y", start_date=None, end_date=None)
    table, kept, rejections = validate_rows(
        TemporalExpression, [row, duration], [("a", None), ("a", None)], Stage.ENRICH
    )
    assert kept == [0, 1] and rejections == []
    assert table.column("start_date").to_pylist() == [dt.date(1500, 1, 1), None]
