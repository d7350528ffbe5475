"""When to try again: exponential backoff with jitter, and a server's Retry-After.

The watcher (fetching sources) and the alerts (delivering webhooks) retry by one rule, so a
user reading ``[watch]`` and ``[alerts]`` settings learns it once.
"""

from __future__ import annotations

import email.utils
import random
import time


def backoff(failures: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait after the ``failures``-th failure in a row: ``base * 2**(failures-1)``
    capped at ``cap``, times a random factor in [0.5, 1] (so many clients do not retry in step)."""
    delay = min(cap, base * 2 ** max(0, failures - 1))
    return delay * (0.5 + 0.5 * (rng or random).random())


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (a number of seconds or an HTTP date, counted from
    ``now``, default the clock); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now)) if when else None
