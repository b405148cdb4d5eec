"""Progress reporting from the flow to whoever shows it (the CLI's progress bar, or logs)."""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, int], None]  # (documents done, documents total)

_listeners: list[ProgressCallback] = []


def subscribe(callback: ProgressCallback) -> Callable[[], None]:
    """Call `callback` on every progress report until the returned function is called."""
    _listeners.append(callback)
    return lambda: _listeners.remove(callback)


def report(done: int, total: int) -> None:
    """Tell every listener how far the run is."""
    for callback in list(_listeners):
        callback(done, total)
