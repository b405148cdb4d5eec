"""Hostile input mixed with good documents: every document ends in exactly one table with the
outcome its kind must have, nothing escapes, the run exits 0, and the good documents come out
exactly as they do without the bad ones.

The mixed run is `newswire run` in a subprocess, as a person would start it. Started by root
(as in CI) it gives up root's power to read any file, so that a file without read permission
really cannot be read. One file is deleted while the run is under way, after it was listed.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from newswire.warehouse import connect
from tests.documents import SEED_BODY, seed_document
from tests.hostile import ARTICLE, hostile_kinds, write_hostile
from tests.processes import PrefectServer, newswire_run_command

pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5b22dc0df62d5864.txt"
REMOVED = "zz-removed.txt"
# Tables whose rows belong to one article; compared for the good documents.
ARTICLE_TABLES = ("articles", "entities", "article_entities", "dates", "quotes")
# From linux/prctl.h and linux/capability.h.
_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 24, 1, 2


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "000_seed.txt")
    (folder / "010_rail.txt").write_text(seed_document())
    (folder / "020_rail_later.txt").write_text(
        seed_document(
            title="Rail Passengers Return As Services Resume",
            date_line="March 25, 2025",
            paragraphs=[*SEED_BODY[1:], "Services ran on time on Monday, the authority said."],
            url="https://www.example-news.com/2025/03/25/rail-passengers-return",
        )
    )


def _without_file_override() -> None:
    """In the child, before it runs Newswire: give up root's power to read any file (the
    capabilities DAC_OVERRIDE and DAC_READ_SEARCH, dropped from the bounding set), so that a
    file without read permission is as unreadable to the run as to any user's."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def newswire_run(
    server: PrefectServer, input_folder: Path, warehouse: Path, home: Path
) -> subprocess.Popen:
    home.mkdir(exist_ok=True)
    env = server.env(NEWSWIRE_BATCH_SIZE="4", NEWSWIRE_EXECUTOR="local")
    command = newswire_run_command(input_folder, warehouse)
    return subprocess.Popen(
        command,
        env=env,
        cwd=home,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_without_file_override if os.geteuid() == 0 else None,
    )


def finish(process: subprocess.Popen, timeout: float = 420) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=timeout)
    return process.returncode, stdout, stderr


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, prefect_server: PrefectServer) -> dict:
    """The good documents alone, then the good and the hostile ones together."""
    shared_tmp = tmp_path_factory.mktemp("hostile")
    input_folder = shared_tmp / "input"
    write_good(input_folder / "good")
    expected = write_hostile(input_folder)
    good_run = newswire_run(
        prefect_server, input_folder / "good", shared_tmp / "good-wh", shared_tmp
    )
    good = finish(good_run)
    assert good[0] == 0, good[2]
    mixed = newswire_run(prefect_server, input_folder, shared_tmp / "mixed-wh", shared_tmp)
    # Listed, then gone before its batch reads it: the run is on its first batch by now.
    for line in mixed.stderr:
        if line.startswith("progress: 0/"):
            (input_folder / REMOVED).unlink()
            break
    returncode, stdout, stderr = finish(mixed)
    return {
        "expected": expected,
        "good_files": sorted(str(p) for p in (input_folder / "good").iterdir()),
        "good": shared_tmp / "good-wh",
        "mixed": shared_tmp / "mixed-wh",
        "returncode": returncode,
        "stdout": stdout,
        "stderr": stderr,
        "root": shared_tmp,
    }


def test_there_are_at_least_25_kinds() -> None:
    kinds = {hostile.kind for hostile in hostile_kinds()}
    assert len(kinds) >= 25
    outcomes = {hostile.outcome for hostile in hostile_kinds()}
    assert ARTICLE in outcomes and len(outcomes) >= 12


def test_the_run_finishes_and_exits_0(runs) -> None:
    assert runs["returncode"] == 0, runs["stderr"][-3000:]
    assert "Traceback" not in runs["stderr"]


def test_every_document_read_is_an_article_or_a_reject(runs) -> None:
    connection = connect(str(runs["mixed"]))
    articles = [p for (p,) in connection.execute("select source_path from articles").fetchall()]
    rejects = [p for (p,) in connection.execute("select source_path from rejects").fetchall()]
    assert len(articles) == len(set(articles)) and len(rejects) == len(set(rejects))
    assert set(articles).isdisjoint(rejects)
    listed = set(runs["expected"]) | set(runs["good_files"])
    assert set(articles) | set(rejects) == listed
    (read, written, rejected) = connection.execute(
        "select documents_read, articles_written, parse_rejects + validate_rejects + "
        "enrich_rejects + other_rejects from runs"
    ).fetchone()
    assert read == len(listed) == written + rejected


def test_each_kind_has_its_outcome(runs) -> None:
    connection = connect(str(runs["mixed"]))
    rejects = {
        path: (stage, reason, detail)
        for path, stage, reason, detail in connection.execute(
            "select source_path, stage, reason, detail from rejects"
        ).fetchall()
    }
    cursor = connection.execute("select * from articles")
    columns = [column[0] for column in cursor.description]
    articles = {
        row[columns.index("source_path")]: dict(zip(columns, row, strict=True))
        for row in cursor.fetchall()
    }
    outcomes = {}
    for path, hostile in runs["expected"].items():
        if hostile.outcome == ARTICLE:
            assert path in articles, (hostile.kind, rejects.get(path))
            if hostile.check is not None:
                hostile.check(articles[path])
        else:
            assert path in rejects, (hostile.kind, "stored as an article")
            stage, reason, detail = rejects[path]
            assert (stage, reason) == (hostile.stage, hostile.outcome), hostile.kind
            assert detail and "\n" not in detail, hostile.kind
        outcomes[hostile.kind] = hostile.outcome
    print("\nhostile kinds and outcomes:", len(outcomes))
    for kind, outcome in outcomes.items():
        print(f"  {kind}: {outcome}")


def test_rejects_carry_stage_reason_detail_and_source(runs) -> None:
    empty = (
        connect(str(runs["mixed"]))
        .execute(
            "select count(*) from rejects where coalesce(stage, '') = '' or coalesce(reason, '') = '' "
            "or coalesce(detail, '') = '' or coalesce(source_path, '') = '' or run_id is null"
        )
        .fetchone()[0]
    )
    assert empty == 0


def test_good_documents_come_out_as_without_the_bad_ones(runs) -> None:
    good, mixed = connect(str(runs["good"])), connect(str(runs["mixed"]))
    ids = [row[0] for row in good.execute("select article_id from articles").fetchall()]
    assert len(ids) == 3
    for table in ARTICLE_TABLES:
        query = f"select * exclude (run_id) from {table} where article_id in (select unnest(?))"
        if table != "articles":
            query = f"select * from {table} where article_id in (select unnest(?))"
        expected = sorted(map(repr, good.execute(query, [ids]).fetchall()))
        actual = sorted(map(repr, mixed.execute(query, [ids]).fetchall()))
        assert actual == expected, table


def test_document_text_is_never_executed(runs) -> None:
    assert not list(runs["root"].rglob("PWNED"))
    assert not (Path.cwd() / "PWNED").exists()
