"""Cutting listed inputs into batch tasks: every path once, in order, small batches last."""

from __future__ import annotations

import pytest

from newswire.ingest import cut_batches

PATHS = [f"doc-{index:04d}.txt" for index in range(1000)]


@pytest.mark.parametrize("workers", [1, 2, 3, 8])
@pytest.mark.parametrize("count", [0, 1, 5, 255, 256, 257, 1000])
def test_every_path_once_in_listed_order(workers: int, count: int) -> None:
    batches = cut_batches(PATHS[:count], 256, workers)
    assert [path for batch in batches for path in batch] == PATHS[:count]
    assert all(0 < len(batch) <= 256 for batch in batches)


def test_one_worker_gets_full_batches() -> None:
    assert [len(batch) for batch in cut_batches(PATHS, 256, 1)] == [256, 256, 256, 232]


def test_several_workers_end_on_quarter_batches() -> None:
    sizes = [len(batch) for batch in cut_batches(PATHS, 256, 2)]
    # 1,000 = 488 in full batches (the last one short), then 512 in eight batches of 64.
    assert sizes == [256, 232] + [64] * 8


def test_a_run_smaller_than_the_tail_is_all_small_batches() -> None:
    assert [len(batch) for batch in cut_batches(PATHS[:100], 256, 2)] == [64, 36]
