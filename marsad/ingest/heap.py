"""Hand freed heap memory back to the system between link batches.

glibc keeps the memory Python frees in its arenas for reuse, so a long streaming ingest's
resident size creeps up batch after batch though little stays alive (measured: +3 MB per
1,000 articles without, +1 to +2 with a trim after each 1,000). ``malloc_trim`` returns the
free pages; on a C library without it (musl, macOS) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release() -> bool:
    """Return freed heap pages to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
