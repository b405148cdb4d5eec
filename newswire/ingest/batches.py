"""Cutting a run's listed inputs into the batches its tasks process."""

from __future__ import annotations

from collections.abc import Sequence

# Parts a full batch is cut into at the end of a run on several workers.
_TAIL_PARTS = 4


def cut_batches(paths: Sequence[str], batch_size: int, workers: int = 1) -> list[list[str]]:
    """Consecutive batches of at most `batch_size` paths, in listed order.

    With several workers, the last `workers` full batches' worth of paths is cut into quarter
    batches: workers take batches in order, so the run ends on small ones and no worker waits
    long for the others (with full batches, one sat idle for half a batch, ~1% of a run).
    """
    if not paths:
        return []
    tail = min(len(paths), batch_size * workers) if workers > 1 else 0
    head = len(paths) - tail
    small = max(1, batch_size // _TAIL_PARTS)
    cuts = [(start, min(start + batch_size, head)) for start in range(0, head, batch_size)]
    cuts += [(start, min(start + small, len(paths))) for start in range(head, len(paths), small)]
    return [list(paths[start:end]) for start, end in cuts]
