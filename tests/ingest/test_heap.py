"""Freed heap goes back to the system between link batches, so a long stream holds its size."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from marsad.ingest import heap


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS line")


@pytest.mark.skipif(not Path("/proc/self/status").exists() or heap.release() is False,
                    reason="needs Linux's /proc and a C library with malloc_trim")
def test_memory_freed_by_python_is_returned_to_the_system():
    # 200 MB of 1 KB objects live on the C heap; one kept after them stops free() from trimming
    # the top, as the parses of a batch sit below what later articles keep
    junk = [bytes(1000) + str(i).encode() for i in range(200_000)]
    kept = [bytes(1000) for _ in range(10)]
    del junk
    gc.collect()
    before = _rss_mb()
    assert heap.release() is True
    assert _rss_mb() < before - 100, "the freed 200 MB stayed resident"
    assert len(kept) == 10
