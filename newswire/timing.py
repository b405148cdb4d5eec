"""Seconds spent per stage, summed over batches and recorded with each run."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager


class StageTimes(Counter[str]):
    """Seconds per stage name; add two with `+=`."""

    @contextmanager
    def measure(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self[stage] += time.perf_counter() - started
