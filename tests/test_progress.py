"""Progress of `newswire run`: a rich bar with rate and ETA on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from newswire import cli, progress


def shown(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> str:
    out = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=out, force_terminal=terminal, width=100))
    with cli._progress_display() as show:
        unsubscribe = progress.subscribe(show)
        try:
            for done in (0, 256, 512, 700):  # what the flow reports after each batch
                progress.report(done, 700)
        finally:
            unsubscribe()
    return out.getvalue()


def test_off_a_terminal_progress_is_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = shown(monkeypatch, terminal=False).splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "progress: 0/700 documents",
        "progress: 256/700 documents",
        "progress: 512/700 documents",
        "progress: 700/700 documents",
    ]
    assert all(line.endswith("/s)") for line in lines)
    assert "\x1b[" not in "".join(lines)


def test_on_a_terminal_progress_is_a_bar_with_rate_and_eta(monkeypatch: pytest.MonkeyPatch) -> None:
    output = shown(monkeypatch, terminal=True)
    assert "\x1b[" in output  # drawn, not printed line by line
    assert "progress:" not in output
    final = output.rsplit("\r", 1)[-1]
    assert "700/700" in final and "docs/s" in final
    assert "0:00:00" in final  # time remaining: none left
    assert "━" in final


def test_no_listener_is_left_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    shown(monkeypatch, terminal=False)
    assert progress._listeners == []
