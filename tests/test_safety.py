"""Document text is data, never code, a query or an address to visit: nothing in Newswire
evaluates or shells out, URLs in documents are never fetched, and values that end up in SQL
(file paths) are quoted so that any path works."""

from __future__ import annotations

import ast
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import newswire_run
from newswire.settings import Settings
from newswire.warehouse import connect
from tests.documents import seed_document

ROOT = Path(__file__).resolve().parent.parent
CODE = [ROOT / "newswire", ROOT / "flows", ROOT / "schemas"]
# Builtins that run text as code, and calls that hand text to a shell or an unpickler.
CODE_BUILTINS = {"eval", "exec", "compile", "__import__"}
SHELL_CALLS = {("os", "system"), ("os", "popen"), ("pickle", "loads"), ("marshal", "loads")}


def _offences(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name) and function.id in CODE_BUILTINS:
            yield node.lineno, function.id
        elif (
            isinstance(function, ast.Attribute)
            and isinstance(function.value, ast.Name)
            and (function.value.id, function.attr) in SHELL_CALLS
        ):
            yield node.lineno, f"{function.value.id}.{function.attr}"
        for keyword in node.keywords:
            if keyword.arg == "shell":
                yield node.lineno, "shell="


def test_no_code_evaluates_text_or_starts_a_shell() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line} {what}"
        for folder in CODE
        for path in folder.rglob("*.py")
        for line, what in _offences(ast.parse(path.read_text(), str(path)))
    ]
    assert found == []
    # The check itself finds what it is for.
    assert [
        what for _, what in _offences(ast.parse("eval(x); os.system(y); run(z, shell=True)"))
    ] == [
        "eval",
        "os.system",
        "shell=",
    ]


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listening() -> Iterator[str]:
    """A loopback web server that records every request it gets; its base URL."""
    _Counting.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_urls_in_documents_are_never_fetched_and_odd_paths_are_quoted(
    listening: str, tmp_path: Path
) -> None:
    input_folder = tmp_path / "input"
    input_folder.mkdir()
    for number in range(3):
        link = f"{listening}/linked/{number}"
        (input_folder / f"{number}.txt").write_text(
            seed_document(
                title=f"Council Story Number {number} About The New Bridge",
                paragraphs=[
                    f"The council [published the plan]({link}) for bridge {number} on Monday, "
                    f"and its report is at {listening}/report/{number}.",
                    "Work on the bridge will start in the summer, officials said.",
                ],
                # The last one's own URL is on this machine: rejected (not an article
                # address), and not fetched either.
                url=f"{listening if number == 2 else 'https://www.example-news.com'}"
                f"/2025/03/18/bridge-{number}?utm_source=feed",
            )
        )
    # A warehouse whose path would break SQL that pasted it in unquoted.
    warehouse = tmp_path / "o'brien\"; DROP VIEW articles; --"
    row = newswire_run(Settings(input=str(input_folder), warehouse=str(warehouse)))
    assert row["status"] == "completed"
    assert _Counting.requests == []
    connection = connect(str(warehouse))
    bodies = [body for (body,) in connection.execute("select body from articles").fetchall()]
    assert len(bodies) == 2 and all(f"{listening}/report/" in body for body in bodies)
    assert connection.execute("select reason from rejects").fetchall() == [("bad_url",)]
    with duckdb.connect(str(warehouse / "newswire.duckdb"), read_only=True) as catalog:
        assert catalog.execute("select count(*) from articles").fetchone()[0] == 2
